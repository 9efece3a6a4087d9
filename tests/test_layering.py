"""Data flows one way: each module imports only the steps below it (../shared/DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsdigest"

# Who may import whom inside the package. `inline` (pure text cleaning) and `output` (atomic
# writes) are leaves that lower steps share; everything else follows DESIGN.md's table.
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "__main__": {"cli"},
    "config": set(),
    "model": set(),
    "inline": set(),
    "output": set(),
    "parallel": set(),
    "snapshot": {"output"},
    "frontmatter": {"model"},
    "dates": set(),
    "seeds": {"model", "inline", "dates"},
    "slugs": set(),
    "ingest_record": set(),
    "ingest": {
        "config",
        "model",
        "frontmatter",
        "seeds",
        "output",
        "slugs",
        "ingest_record",
        "entities",
        "parallel",
    },
    "entities": {"model"},
    "stories": {"model"},
    "taxonomy": {"config", "model", "slugs"},
    "search": {"model"},
    "jsonfeed": {"model", "site"},
    "content": {"config", "model", "frontmatter", "inline"},
    "site": {"config", "model", "slugs", "taxonomy", "stories"},
    "plan": {"config", "model", "site", "taxonomy"},
    "render": {"config", "model", "site", "taxonomy", "plan"},
    "feeds": {"config", "model", "site", "taxonomy", "jsonfeed"},
    "cache": {"model", "output"},
    "pipeline": {
        "parallel",
        "snapshot",
        "config",
        "model",
        "frontmatter",
        "seeds",
        "ingest",
        "content",
        "site",
        "render",
        "plan",
        "feeds",
        "cache",
        "output",
        "inline",
        "search",
    },
    "watch": set(),
    "serve": set(),
    "feedread": set(),
    "check": {"config", "feedread"},
    "cli": {"*"},
}


def package_imports(path: Path) -> set[str]:
    """Names of newsdigest modules that a file imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("newsdigest."):
                found.add(node.module.split(".")[1])
            elif node.module == "newsdigest":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                a.name.split(".")[1] for a in node.names if a.name.startswith("newsdigest.")
            )
    return found


@pytest.mark.parametrize("module", sorted(p.stem for p in PACKAGE.glob("*.py")))
def test_module_imports_only_lower_steps(module: str) -> None:
    assert module in ALLOWED, f"newsdigest/{module}.py is new: add it to ALLOWED and DESIGN's table"
    allowed = ALLOWED[module]
    if "*" in allowed:
        return
    wrong = package_imports(PACKAGE / f"{module}.py") - allowed - {"__init__"}
    assert not wrong, f"newsdigest/{module}.py imports {sorted(wrong)} against the one-way flow"


def test_the_checker_sees_a_wrong_way_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from .pipeline import build\nfrom newsdigest.cli import main\n")
    assert package_imports(bad) == {"pipeline", "cli"}
