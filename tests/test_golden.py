"""The golden site: tests/golden/site built must give tests/golden/public byte for byte.

The site has no layouts/ of its own, so this also guards the shipped default theme. Its
seeds make a story cluster (two tram reports a day apart), entity pages (names in several
articles), a correction and a related headline, a date line without a time and one whose zone
moves the article to the next day in Berlin; a hand-written article gives topics, and
content/about.md a hand page. `make golden` rebuilds the expected output when a change is meant.
"""

from __future__ import annotations

import difflib
from datetime import UTC, datetime

import pytest
from regenerate_golden import (
    EXPECTED_ARTICLES,
    EXPECTED_PUBLIC,
    GoldenBuild,
    build_golden,
    tree_files,
)

from newsdigest.check.checker import check_site
from newsdigest.config import load_config

REGENERATE = "run `make golden` to regenerate it if the change is intended"
SHOWN_DIFFS = 3
"""Differing text files whose unified diff the failure message shows."""
DIFF_LINES = 60
CHECK_TIME = datetime(2025, 3, 15, tzinfo=UTC)
"""The "now" of check: feed dates after it would be in the future."""


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> GoldenBuild:
    """One build of the golden site, in a temporary copy, shared by this module's tests."""
    return build_golden(tmp_path_factory.mktemp("golden"))


def test_the_golden_site_builds_without_problems(golden: GoldenBuild) -> None:
    """Every seed and page of the golden site is valid: a new warning is a change too."""
    assert golden.report.problems == (), "\n".join(str(p) for p in golden.report.problems)


def test_the_golden_site_gives_the_checked_in_output(golden: GoldenBuild) -> None:
    """Every output file, and only those, with exactly the checked-in bytes."""
    assert_same_tree("tests/golden/public", tree_files(EXPECTED_PUBLIC), tree_files(golden.public))


def test_ingest_writes_the_checked_in_articles(golden: GoldenBuild) -> None:
    """The Markdown pages ingest made from the seeds, as a person will edit them."""
    expected = tree_files(EXPECTED_ARTICLES)
    assert_same_tree("tests/golden/articles", expected, tree_files(golden.articles))


def test_the_golden_output_passes_check(golden: GoldenBuild) -> None:
    """The built site under its base path has no broken link, bad page or bad feed."""
    report = check_site(golden.public, load_config(golden.site), CHECK_TIME)
    assert list(report.findings) == []


def assert_same_tree(folder: str, expected: dict[str, bytes], built: dict[str, bytes]) -> None:
    """Fail listing every differing path, with the first few diffs and how to regenerate."""
    differences = compare(expected, built)
    if not differences:
        return
    lines = [f"the build differs from {folder} in {len(differences)} files:"]
    lines += [f"  {how}: {name}" for name, how in differences.items()]
    changed = [name for name, how in differences.items() if how == "changed"]
    for name in changed[:SHOWN_DIFFS]:
        lines += unified_diff(name, expected[name], built[name])
    lines.append(REGENERATE)
    pytest.fail("\n".join(lines), pytrace=False)


def compare(expected: dict[str, bytes], built: dict[str, bytes]) -> dict[str, str]:
    """Each path that differs, with how: 'missing', 'unexpected' or 'changed'."""
    found = {name: "missing" for name in expected.keys() - built.keys()}
    found.update({name: "unexpected" for name in built.keys() - expected.keys()})
    both = expected.keys() & built.keys()
    found.update({name: "changed" for name in both if expected[name] != built[name]})
    return dict(sorted(found.items()))


def unified_diff(name: str, expected: bytes, built: bytes) -> list[str]:
    """The diff of one changed file, expected against built, cut to DIFF_LINES lines."""
    try:
        old, new = expected.decode("utf-8"), built.decode("utf-8")
    except UnicodeDecodeError:
        return [f"  {name}: binary, {len(expected)} bytes expected, {len(built)} built"]
    diff = difflib.unified_diff(
        old.splitlines(), new.splitlines(), f"expected/{name}", f"built/{name}", lineterm=""
    )
    shown = list(diff)
    more = len(shown) - DIFF_LINES
    return ["", *shown[:DIFF_LINES], *([f"... {more} more lines"] if more > 0 else []), ""]
