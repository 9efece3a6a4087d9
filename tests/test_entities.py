"""Named entities: expected names found in fixture articles, and the precision of what is found.

Each fixture in tests/fixtures/entities/ is an article's text, then '=== expected' and the
names that must be found, then '=== also correct' and names that are right but not required.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, REPO

from newsdigest import frontmatter
from newsdigest.ingest.entities import extract

CASES = sorted((FIXTURES / "entities").glob("*.txt"))
SEED_PAGE = next((REPO / "content" / "articles").glob("*.md"))
SEED_EXPECTED = (
    "Donald Trump",
    "Vladimir Putin",
    "Steve Witkoff",
    "Ukraine",
    "Russia",
    "Kursk",
    "White House",
    "Kremlin",
    "Saudi Arabia",
)
SEED_ALSO = ("Truth Social", "World War II")


def read_case(path: Path) -> tuple[str, set[str], set[str]]:
    """Text, the names that must be found, and the other names that are right."""
    body, rest = path.read_text(encoding="utf-8").split("=== expected\n")
    expected, also = rest.split("=== also correct\n")
    return body, set(expected.split("\n")) - {""}, set(also.split("\n")) - {""}


def seed_text() -> str:
    meta, body, _ = frontmatter.split(SEED_PAGE.read_text(encoding="utf-8"))
    return f"{meta['summary']}\n{body}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_entities_are_found_and_nothing_wrong_is(path: Path) -> None:
    text, expected, also = read_case(path)
    found = set(extract(text))
    assert not found - expected - also, "names that are not entities"
    assert len(expected & found) >= len(expected) - 1, f"missed {expected - found}"


def test_the_shipped_seed_gives_the_issue_s_entities() -> None:
    found = extract(seed_text())
    assert set(SEED_EXPECTED) <= set(found)
    assert set(found) <= set(SEED_EXPECTED) | set(SEED_ALSO)
    assert found[0] == "Vladimir Putin"  # 'Putin' alone merged into the full name, most mentioned


def test_the_shipped_page_stores_them_in_front_matter() -> None:
    meta, _, _ = frontmatter.split(SEED_PAGE.read_text(encoding="utf-8"))
    assert tuple(meta["entities"]) == extract(seed_text())


def precision() -> tuple[int, int]:
    """(right, found) over the shipped seed and every fixture: the figure in docs/news.md."""
    right = found = 0
    cases = [(seed_text(), set(SEED_EXPECTED), set(SEED_ALSO))]
    cases += [read_case(path) for path in CASES]
    for text, expected, also in cases:
        names = set(extract(text))
        found += len(names)
        right += len(names & (expected | also))
    return right, found


def test_precision_is_at_least_ninety_five_percent() -> None:
    right, found = precision()
    assert right / found >= 0.95, (right, found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Following the talks, officials left. Officials said nothing.", "Following"),
        ("Russian troops and Ukrainian drones were seen.", "Russian"),
        ("On Friday, the mayor spoke. In March, he resigned.", "Friday"),
        ("The White House said so. The White House said more.", "The White House"),
    ],
)
def test_common_capitalised_words_are_not_entities(text: str, absent: str) -> None:
    assert absent not in extract(text)


def test_a_surname_merges_into_the_full_name() -> None:
    text = "Chancellor Olaf Scholz spoke in Berlin. Later, Scholz said the deal was close."
    assert extract(text)[0] == "Olaf Scholz"
    assert "Scholz" not in extract(text)
