"""Named entities: expected names found in fixture articles, and the precision of what is found.

Each fixture in tests/fixtures/entities/ is an article's text, then '=== expected' and the
names that must be found, then '=== also correct' and names that are right but not required.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest import frontmatter
from newsdigest.names import extract as entities
from newsdigest.names.extract import extract
from newsdigest.text import word_list

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


# The quadratic algorithm `extract` had before it was made linear (issue 11), kept verbatim as
# the reference that the property tests below compare the linear one with, output for output.
_REF_SENTENCE_END = re.compile(r"[.!?:;]\s*[\"'“”‘’(\[]*\s*$|^\s*[\"'“”‘’(\[]*\s*$")


def reference_extract(text: str, limit: int = entities.MAX_ENTITIES) -> tuple[str, ...]:
    mentions = list(_ref_mentions(text))
    counts = Counter(mentions)
    order = {name: index for index, name in reversed(list(enumerate(mentions)))}
    merged = _ref_merge_short_forms(counts)
    ordinary = frozenset(w.capitalize() for w in re.findall(r"\b[a-z][a-z'-]+\b", text))
    kept = [name for name in merged if _ref_confident(name, merged[name], ordinary)]
    kept.sort(key=lambda name: (-merged[name], order[name]))
    return tuple(kept[:limit])


def _ref_mentions(text: str) -> Iterator[str]:
    for paragraph in text.split("\n"):
        for match in entities._RUN.finditer(paragraph):
            at_start = bool(_REF_SENTENCE_END.search(paragraph[: match.start()]))
            for words in _ref_split_run(match.group().split()):
                name = _ref_clean(words, at_start)
                at_start = False
                if name:
                    yield name


def _ref_split_run(words: list[str]) -> Iterator[list[str]]:
    part: list[str] = []
    for index, word in enumerate(words):
        head, _, tail = word.partition("-")
        if tail and tail[:1].islower():
            yield [*part, head]
            part = []
        elif word in entities._JOINER_WORDS and not (
            part and part[-1].lower() in entities._INSTITUTIONS
        ):
            yield part
            part = []
        elif word[-2:] in ("'s", "’s"):
            yield [*part, word[:-2]]
            part = []
        elif _ref_title_before_name(words, index):
            yield part
            part = []
        else:
            part.append(word)
    yield part


def _ref_title_before_name(words: list[str], index: int) -> bool:
    if words[index].lower() not in entities._TITLES:
        return False
    rest = [word for word in words[index + 1 :] if word.lower() not in entities._TITLES]
    return bool(rest) and rest[0].lower() not in entities._INSTITUTIONS


def _ref_clean(words: list[str], at_start: bool) -> str:
    stop, titles = entities._STOP, entities._TITLES
    words = [word.rstrip(".") if len(word.rstrip(".")) > 2 else word for word in words]
    while len(words) > 1 and (words[0].lower() in stop or words[0].lower() in titles):
        words = words[1:]
        at_start = False
    while words and words[-1].lower() in stop | entities._JOINER_WORDS:
        words = words[:-1]
    if not words or (len(words) == 1 and words[0].lower() in stop):
        return ""
    if len(words) == 1:
        return _ref_single(words[0], at_start)
    return " ".join(words)


def _ref_single(word: str, at_start: bool) -> str:
    lower = word.lower()
    if (at_start and not word.isupper()) or len(word) < 2 or lower in entities._TITLES:
        return ""
    if (
        entities._DEMONYM.search(lower)
        and lower not in entities._DEMONYM_EXCEPTIONS
        and not word.isupper()
    ):
        return "" if lower.endswith(("ian", "ean", "ese", "ish", "ians", "eans")) else word
    return word


def _ref_merge_short_forms(counts: Counter[str]) -> dict[str, int]:
    merged = dict(counts)
    longer = sorted((name for name in counts if " " in name), key=lambda n: -counts[n])
    for name in sorted(counts, key=len):
        if " " in name:
            continue
        full = next((long for long in longer if name in long.split()), None)
        if full is not None:
            merged[full] += merged.pop(name)
    return merged


def _ref_confident(name: str, count: int, ordinary: frozenset[str]) -> bool:
    if " " in name or count >= 2:
        return True
    return name.isupper() or name not in ordinary


# Words that reach every branch: full names and lone surnames (merging), titles before names
# and alone, joiners inside and outside institutions, possessives, hyphenated words, stop
# words and weekdays that open sentences, demonyms and their exceptions, initials, acronyms,
# and lower-case forms of capitalised words (ordinary words).
WORDS = word_list(
    "Vladimir Putin Putin Donald Trump Trump Steve Witkoff Witkoff Xi Olaf Scholz Scholz "
    "President Prime Minister Secretary General Former Chief U.S U.S. NATO UN EU A I J. X "
    "Bank of England University Tokyo House White Kremlin Ministry Department "
    "of de al bin van and the The On In Following Monday March Breaking Meanwhile "
    "Russian Russians Ukrainian Chinese Iranian Iran Japan Pakistani Arabic Saudi Arabia "
    "Russia's Putin’s Al-Assad U.S.-brokered Pro-Kremlin Putin-Witkoff Mr. Dr St. Sir "
    "said met officials putin russian kremlin nato of-the well-known it's ok"
)
SEPARATORS = (
    " ",
    " ",
    " ",
    "  ",
    "\t",
    ", ",
    ". ",
    "! ",
    "? ",
    ": ",
    "; ",
    "\n",
    " (",
    ") ",
    ' "',
    '" ',
    " “",
    "” ",
    " ‘",
    "’ ",
    " '",
    "' ",
    ". “",
    ".\n",
    " [",
    " - ",
    "",
)
article_texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=80
).map(lambda pairs: "".join(word + sep for word, sep in pairs))
# Whole phrases, so that runs of names meet titles, joiners and lone surnames often.
PHRASES = (
    "Vladimir Putin",
    "Putin",
    "Putin",
    "Donald Trump",
    "Trump",
    "Steve Witkoff",
    "Witkoff",
    "Putin Witkoff",
    "President Putin",
    "President Vladimir Putin",
    "Former Prime Minister",
    "Prime Minister",
    "Secretary General Mark Rutte",
    "NATO Secretary General",
    "Bank of England",
    "University of Tokyo",
    "Minister of Defence",
    "Bank de",
    "Ministry al",
    "Russia's President Putin",
    "The White House",
    "White House",
    "U.S.-brokered",
    "U.S.",
    "Al-Assad",
    "Saudi Arabia",
    "Russian",
    "Iran",
    "Pakistani",
    "J. Smith",
    "Mr. Putin",
    "In March",
    "Monday",
    "The",
    "EU",
    "NATO's",
    "A",
)
FILLERS = (
    *word_list("said met with and of the officials putin russian white house in on , said."),
    *word_list("said: said; met! (met) “said” 'met'"),
    "\n",
)
phrase_texts = st.lists(st.sampled_from((*PHRASES, *FILLERS)), max_size=60).map(" ".join)
# Raw characters, for the corners of the patterns the vocabulary does not reach.
raw_texts = st.text(alphabet="AaBbPpSsUuTt .,!?:;'’\"“”‘(-[\t\n", max_size=120)


@settings(max_examples=600, deadline=None)
@given(article_texts, st.integers(0, 14))
def test_linear_extract_gives_what_the_quadratic_one_gave(text: str, limit: int) -> None:
    assert extract(text, limit) == reference_extract(text, limit)


@settings(max_examples=600, deadline=None)
@given(phrase_texts, st.integers(0, 14))
def test_linear_extract_agrees_on_runs_of_names(text: str, limit: int) -> None:
    assert extract(text, limit) == reference_extract(text, limit)


@settings(max_examples=600, deadline=None)
@given(raw_texts)
def test_linear_extract_agrees_on_raw_characters(text: str) -> None:
    assert extract(text) == reference_extract(text)


def test_the_fixtures_give_what_the_quadratic_algorithm_gave() -> None:
    for text in [seed_text()] + [read_case(path)[0] for path in CASES]:
        assert extract(text) == reference_extract(text)
