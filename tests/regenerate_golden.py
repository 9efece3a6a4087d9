"""Rebuild the golden site's expected output on purpose: `make golden`.

The golden site (tests/golden/site) is built in a temporary copy, so the checked-in site never
gets .cache/, content/.ingest.json or content/articles/ written into it. Its output replaces
tests/golden/public and the articles ingest wrote replace tests/golden/articles; then git says
what changed, for a person to read before committing. tests/test_golden.py builds the same way
(through `build_golden`) and compares byte for byte.

What is compared: every file the build writes except its own hidden bookkeeping, any path with
a part that starts with '.' (public/.newsdigest-manifest.json lists the other files, so it says
nothing the file set does not, and a deploy leaves it out).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions, BuildReport

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
SITE = GOLDEN / "site"
EXPECTED_PUBLIC = GOLDEN / "public"
EXPECTED_ARTICLES = GOLDEN / "articles"
SKELETON_STATIC = REPO / "newsdigest" / "skeleton" / "static"
FALLBACK_DATE = datetime(2025, 3, 15, tzinfo=UTC)
"""The date of a feed with no articles (SOURCE_DATE_EPOCH in the CLI): fixed, never the clock."""


@dataclass(frozen=True)
class GoldenBuild:
    """Where a build of the golden site went, and what the build reported."""

    site: Path
    public: Path
    report: BuildReport

    @property
    def articles(self) -> Path:
        return self.site / "content" / "articles"


def build_golden(workdir: Path) -> GoldenBuild:
    """Copy the golden site into workdir and build it there, as a person's site is built."""
    site = workdir / "site"
    shutil.copytree(SITE, site)
    # Layouts a site lacks come from the default theme; static files do not, so the copy
    # takes the shipped ones: the golden output then guards the shipped theme whole.
    shutil.copytree(SKELETON_STATIC, site / "static")
    public = workdir / "public"
    report = build(load_config(site), BuildOptions(out_dir=public, fallback_date=FALLBACK_DATE))
    return GoldenBuild(site, public, report)


def tree_files(root: Path) -> dict[str, bytes]:
    """Every compared file under root by its '/'-separated path: hidden parts left out."""
    if not root.is_dir():
        return {}
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = path.read_bytes()
    return found


def replace_tree(target: Path, files: dict[str, bytes]) -> None:
    """Make target hold exactly these files."""
    if target.exists():
        shutil.rmtree(target)
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def show_changes() -> None:
    """What regenerating changed, as git sees it."""
    for command in (["git", "status", "--short", "-uall"], ["git", "diff", "--stat"]):
        subprocess.run([*command, "--", "tests/golden"], cwd=REPO, check=False, timeout=60)


def main() -> int:
    """Rebuild, refuse a build with problems, replace the expected folders, show the change."""
    with tempfile.TemporaryDirectory(prefix="newsdigest-golden-") as workdir:
        built = build_golden(Path(workdir))
        if built.report.problems:
            for problem in built.report.problems:
                print(problem, file=sys.stderr)
            print("the golden site must build without problems; nothing replaced", file=sys.stderr)
            return 1
        replace_tree(EXPECTED_PUBLIC, tree_files(built.public))
        replace_tree(EXPECTED_ARTICLES, tree_files(built.articles))
    print(f"Rebuilt {EXPECTED_PUBLIC.relative_to(REPO)} and {EXPECTED_ARTICLES.relative_to(REPO)}")
    show_changes()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
