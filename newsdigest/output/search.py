"""Full-text search with Pagefind: index the written site, after the build, into `pagefind/`.

Pagefind (`pip install 'pagefind[bin]'`) ships a binary that reads the built HTML and writes a
static index and a search UI beside it; the site's search page loads them. Only article pages
are indexed, and of each only its headline and text: the article layout marks its date line,
byline, caption and footer `data-pagefind-ignore`, and gives the date and source as metadata
for the results; topic and source are filters. Without
Pagefind the build still succeeds: the site has no search page and the build says why.

The index is made beside the output folder and swapped in whole, so a build killed while
Pagefind runs leaves the previous index in place; a stamp beside the output, written last,
tells the next build whether the index finished, so an interrupted one is made again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsdigest.disk import beside
from newsdigest.model import Problem

ARTICLE_PAGES = "*/*/*/*/index.html"
"""Pagefind reads only pages this deep (articles, at YYYY/MM/DD/slug/): half the site's HTML."""
BUNDLE = "pagefind"
"""The folder, inside the output folder, that Pagefind writes its index and UI into."""
TIMEOUT = 600
"""Seconds Pagefind may take before the build gives up on search."""


@dataclass(frozen=True)
class SearchReport:
    """What the search step did."""

    indexed: bool
    """True when Pagefind ran and succeeded (or the index was already up to date)."""
    problems: tuple[Problem, ...]
    """A warning when search is unavailable or indexing failed."""


def executable() -> Path | None:
    """Pagefind's binary: from the pagefind-bin package, else on PATH; None when absent."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        found: Path = pagefind_bin.get_executable()
        return found
    except (ImportError, FileNotFoundError):
        on_path = shutil.which("pagefind")
        return Path(on_path) if on_path else None


def available() -> bool:
    """Whether the site can have search: decides if the search page is built at all."""
    return executable() is not None


def index_site(out_dir: Path, changed: bool) -> SearchReport:
    """Index the site in out_dir with Pagefind; skipped when no file changed and it has an index."""
    binary = executable()
    if binary is None:
        message = (
            "Pagefind is not installed, so the site has no search; pip install 'pagefind[bin]'"
        )
        return SearchReport(False, (Problem(out_dir, 0, message, "warning"),))
    stamp = beside(out_dir, "pagefind-done")
    if not changed and stamp.is_file() and (out_dir / BUNDLE / "pagefind.js").is_file():
        return SearchReport(True, ())
    stamp.unlink(missing_ok=True)
    fresh = beside(out_dir, "pagefind-new")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(binary), "--site", str(out_dir), "--output-path", str(fresh), "--silent"]
    command += ["--glob", ARTICLE_PAGES]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return SearchReport(False, (_failed(out_dir, str(err)),))
    if result.returncode != 0:
        return SearchReport(False, (_failed(out_dir, result.stderr.strip()[-500:]),))
    _swap_in(fresh, out_dir / BUNDLE, beside(out_dir, "pagefind-old"))
    stamp.write_bytes(b"")
    return SearchReport(True, ())


def _swap_in(fresh: Path, bundle: Path, old: Path) -> None:
    """Replace the bundle with the fresh one by two renames: never a half-written index."""
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        os.replace(bundle, old)
    os.replace(fresh, bundle)
    shutil.rmtree(old, ignore_errors=True)


def _failed(out_dir: Path, why: str) -> Problem:
    message = f"Pagefind could not index the site ({why}); search shows old or no results"
    return Problem(out_dir / BUNDLE, 0, message, "warning")
