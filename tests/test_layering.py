"""Data flows one way (ARCHITECTURE.md): each stage imports only the stages below it.

The rules are per unit: a shared leaf module at the top of the package (config, model, ...) or
a stage's subpackage (ingest/, site/, render/, ...). A module may import its own package's
modules freely, the units its rule names, and nothing else of newsdigest; libraries that one
stage owns (Jinja2 for render, watchdog for preview) may not be imported anywhere else.
"""

from __future__ import annotations

import ast
from graphlib import TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsdigest"

LEAVES = {"config", "model", "frontmatter", "parallel", "slugs", "text", "urls", "disk"}
"""Shared leaves: plain data, settings and small pure helpers that any stage may use."""

RULES: dict[str, set[str]] = {
    **{leaf: set() for leaf in LEAVES},
    "__init__": set(),
    "names": {"text"},  # a shared leaf package: finding names in text is pure
    "ingest": {
        *("config", "model", "frontmatter", "parallel", "slugs", "text", "urls", "disk"),
        "names",
    },
    "content": {"config", "model", "frontmatter", "slugs", "text", "urls", "names", "disk"},
    "site": {"config", "model", "slugs", "text", "names"},
    "render": {"config", "model", "parallel", "site"},
    "output": {"model", "disk"},
    "pipeline": {
        *("config", "model", "disk", "parallel"),
        *("ingest", "content", "site", "render", "output"),
    },
    "preview": set(),  # knows nothing about sites: it is handed folders and a rebuild
    "check": {"config", "parallel"},  # reads a built site as a host would, not the build
    "console": {"pipeline", "ingest", "model", "parallel"},
    "commands": {"pipeline", "config", "console", "ingest", "output", "preview", "check"},
    "cli": {"__init__", "commands", "config", "console", "pipeline"},
    "__main__": {"cli"},
}
"""Which units each unit may import."""

OWNED_LIBRARIES = {
    "jinja2": {"render"},
    "feedgen": {"render"},
    "minify_html": {"render"},
    "markdown_it": {"content"},
    "yaml": {"frontmatter"},
    "tomllib": {"config"},
    "watchdog": {"preview"},
    "http": {"preview"},
    "html5lib": {"check"},
    "feedparser": {"check"},
    "pickle": {"disk"},
    "subprocess": {"output"},
    "argparse": {"cli"},
}
"""Libraries only their owning units may import: a second user is a stage doing another's job."""


def unit_of(path: Path) -> str:
    """'render' for newsdigest/render/html.py, 'config' for newsdigest/config.py."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _is_unit(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """(newsdigest units, top-level libraries) that one file imports."""
    unit = unit_of(path)
    inside_package = len(path.relative_to(PACKAGE).parts) > 1
    units: set[str] = set()
    libraries: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            named = [alias.name for alias in node.names]
            if node.level == 1 and inside_package:
                continue  # a sibling module of the same stage
            if node.level:
                base = (node.module or "").split(".")[0]
                units.update([base] if base else named)
            elif node.module == "newsdigest":
                units.update(name if _is_unit(name) else "__init__" for name in named)
            elif node.module and node.module.startswith("newsdigest."):
                units.add(node.module.split(".")[1])
            elif node.module:
                libraries.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "newsdigest" and len(parts) > 1:
                    units.add(parts[1])
                elif parts[0] != "newsdigest":
                    libraries.add(parts[0])
    return units - {unit}, libraries


def violations(path: Path) -> list[str]:
    """Every import of this file that breaks the rules, said as a sentence."""
    unit = unit_of(path)
    units, libraries = imports_of(path)
    wrong = [f"imports {other} against the one-way flow" for other in sorted(units - RULES[unit])]
    wrong += [
        f"imports {library}, which only {', '.join(sorted(owners))} may use"
        for library, owners in sorted(OWNED_LIBRARIES.items())
        if library in libraries and unit not in owners
    ]
    return wrong


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "skeleton" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_imports_only_what_its_stage_may(path: Path) -> None:
    unit = unit_of(path)
    assert unit in RULES, f"{path}: a new unit; add it to RULES and to ARCHITECTURE.md"
    assert not violations(path), f"{path.relative_to(PACKAGE)}: {'; '.join(violations(path))}"


def test_the_rules_have_no_cycle_and_name_only_units_that_exist() -> None:
    order = list(TopologicalSorter(RULES).static_order())
    assert set(order) == set(RULES)
    units = {unit_of(path) for path in MODULES}
    assert units == set(RULES), f"rules for missing units: {set(RULES) - units}"


def test_nothing_reaches_up_into_the_command_line() -> None:
    users = {unit_of(p) for p in MODULES if {"cli", "commands"} & imports_of(p)[0]}
    assert users <= {"cli", "__main__"}


def test_the_checker_sees_a_wrong_way_import_and_a_stolen_library(tmp_path: Path) -> None:
    fake = PACKAGE / "site" / "_planted_for_test.py"
    fake.write_text(
        "from newsdigest.render.html import environment\nfrom ..pipeline import build\n"
        "import jinja2\nfrom .paths import KINDS\n",
        encoding="utf-8",
    )
    try:
        assert violations(fake) == [
            "imports pipeline against the one-way flow",
            "imports render against the one-way flow",
            "imports jinja2, which only render may use",
        ]
    finally:
        fake.unlink()


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_short(path: Path) -> None:
    """ARCHITECTURE.md's size rule: a module with two jobs is split, a long function too."""
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: split it by its jobs"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path.name}: {', '.join(long)}"


def test_architecture_md_names_every_module() -> None:
    """The living map stays true: a new or moved module is named in ARCHITECTURE.md."""
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    files = [*MODULES, *PACKAGE.rglob("*.js")]
    named = [p for p in files if "skeleton" not in p.parts and p.name != "__init__.py"]
    missing = [p.relative_to(PACKAGE).as_posix() for p in named if f"`{p.name}`" not in text]
    assert not missing, f"ARCHITECTURE.md does not mention {missing}"
