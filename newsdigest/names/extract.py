"""Named entities an article is about, found in its text without a model. Pure: text in, names out.

The method is deliberately small: runs of capitalised words are candidates; words that start
sentences, titles such as 'President', weekdays, months and demonyms are dropped; 'The' and a
possessive 's are trimmed; a lone surname ('Putin') merges into the full name the article also
uses ('Vladimir Putin'); the most mentioned names come first. It errs towards precision: a
name mentioned once in a sentence-initial position is not taken. Counts across the digest
are applied later, when the site gives a page only to an entity seen in two articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newsdigest.text import word_list

MAX_ENTITIES = 12
"""At most this many names per article: the ones it mentions most."""

# A capitalised word: 'Putin', 'U.S.', 'NATO', 'Saudi', "Russia's", 'Al-Assad'.
_WORD = r"(?:[A-Z][\w'’.-]*\w|[A-Z]\.?)"
# Words that may join capitalised words inside one name: 'Bank of England'.
_JOINERS = r"(?:of|de|da|del|der|van|von|al|bin|la|le|du|and)"
_RUN = re.compile(rf"{_WORD}(?:[ \t]+(?:{_JOINERS}[ \t]+)?{_WORD})*")
_JOINER_WORDS = frozenset(_JOINERS[3:-1].split("|"))
# Heads of names that go on with 'of': 'Bank of England', 'University of Tokyo'.
_INSTITUTIONS = frozenset(
    word_list(
        """
    bank university ministry department house republic kingdom council court bureau office
    secretary minister state states church institute museum school college league union
    federation academy commission board party army navy
    """
    )
)

_STOP = frozenset(
    word_list(
        """
    a an the this that these those he she it they we i you his her its their our my your there
    here when where while if as at in on of for from with without by to into onto under over
    after before during since despite until unless although though because but and or nor so
    yet also however meanwhile moreover still then thus instead according following earlier
    later today yesterday tomorrow tonight last next first second third some many most much
    more other another each every all any both few several one two three four five six seven
    eight nine ten no not none what which who whom whose why how mr mrs ms dr st sir madam
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december god yes oh ok okay breaking update
    read related photo video watch live opinion analysis editorial exclusive correction note
    """
    )
)
# Words that precede a name and are not part of it: 'President Vladimir Putin'.
_TITLES = frozenset(
    word_list(
        """
    president vice prime minister foreign defense defence finance chancellor king queen prince
    princess pope sheikh senator rep representative governor mayor general gen col colonel
    lt lieutenant captain capt admiral secretary ambassador envoy special spokesman
    spokeswoman spokesperson chairman chairwoman chair ceo director judge justice commander
    leader former acting deputy chief minister's u.s president-elect
    """
    )
)
# Endings of nationality and language words, which name no one: 'Russian', 'Ukrainian'.
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ic|an|i)s?$")
_DEMONYM_EXCEPTIONS = frozenset({"iran", "oman", "japan", "taiwan", "sudan", "pakistan"})
_LEADING = _STOP | _TITLES
"""Words trimmed from the front of a name: 'The', 'President'."""
_TRAILING = _STOP | _JOINER_WORDS
"""Words trimmed from the end of a name: 'of', 'and', 'the'."""
# Spaces, then quotes and brackets that may open a sentence ('"Putin said' starts one), then
# spaces: possessive (*+), as spaces and quotes never overlap, so no split is tried twice.
_OPENING = re.compile(r"\s*+[\"'“”‘’(\[]*+\s*+")
_AFTER_MARK = re.compile(rf"[.!?:;]{_OPENING.pattern}")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")


def extract(text: str, limit: int = MAX_ENTITIES) -> tuple[str, ...]:
    """The names the text mentions most, most mentioned first, ties in order of appearance.

    One pass over the text (no look back over what came before a word), so a long article
    costs time in proportion to its length.
    """
    counts = _count_mentions(text)
    first_seen = {name: index for index, name in enumerate(counts)}
    merged = _merge_short_forms(counts)
    ordinary = _Ordinary(text)
    kept = [name for name in merged if _confident(name, merged[name], ordinary)]
    kept.sort(key=lambda name: (-merged[name], first_seen[name]))
    return tuple(kept[:limit])


def _count_mentions(text: str) -> Counter[str]:
    """How often each candidate name is mentioned, in the order of first mention.

    A run of capitalised words gives the same names wherever it stands at a sentence's start
    (or wherever it does not), so the runs are counted first and each distinct one is cut and
    cleaned once; runs come in the order they first appear, and so do their names.
    """
    runs: Counter[tuple[str, bool]] = Counter()
    for paragraph in text.split("\n"):
        starts = _sentence_starts(paragraph)
        runs.update([(run.group(), run.start() in starts) for run in _RUN.finditer(paragraph)])
    counts: Counter[str] = Counter()
    for (run, at_start), times in runs.items():
        for name in _names_in_run(run, at_start):
            counts[name] += times
    return counts


def _names_in_run(run: str, at_start: bool) -> Iterator[str]:
    """The names in one run of capitalised words; `at_start` when it opens a sentence."""
    for words in _split_run(run.split()):
        name = _clean(words, at_start)
        at_start = False
        if name:
            yield name


def _sentence_starts(paragraph: str) -> set[int]:
    """Where a word would open a sentence: after the paragraph's start or a sentence mark
    ('.', '!', '?', ':', ';'), and any spaces, quotes and brackets after it.

    A word starting anywhere else does not; one pass over the paragraph finds them all.
    """
    starts = {mark.end() for mark in _AFTER_MARK.finditer(paragraph)}
    opening = _OPENING.match(paragraph)  # it always matches, if only the empty string
    if opening:
        starts.add(opening.end())
    return starts


def _split_run(words: list[str]) -> Iterator[list[str]]:
    """Cut a run where one name ends: after a possessive ("Russia's President Putin"), at a
    hyphenated common word ('U.S.-brokered'), at titles inside it ('NATO Secretary General
    Mark Rutte'), and at 'of' unless an institution precedes it ('Bank of England')."""
    if len(words) == 1 and "-" not in words[0] and words[0][-2:] not in ("'s", "’s"):
        yield words  # most runs: one plain word, kept whole (a lone title precedes no name)
        return
    cut_at_title = _titles_before_names(words)
    part: list[str] = []
    for index, word in enumerate(words):
        head, _, tail = word.partition("-")
        if tail and tail[:1].islower():
            yield [*part, head]
            part = []
        elif word in _JOINER_WORDS and not (part and part[-1].lower() in _INSTITUTIONS):
            yield part
            part = []
        elif word[-2:] in ("'s", "’s"):
            yield [*part, word[:-2]]
            part = []
        elif cut_at_title[index]:
            yield part
            part = []
        else:
            part.append(word)
    yield part


def _titles_before_names(words: list[str]) -> list[bool]:
    """For each word, whether it is a title followed, after any more titles, by a name.

    One pass from the end, carrying the first word after each position that is not a title.
    """
    flags = [False] * len(words)
    following = ""  # the lower-cased first non-title word after the current one; '' for none
    for index in range(len(words) - 1, -1, -1):
        lower = words[index].lower()
        if lower in _TITLES:
            flags[index] = bool(following) and following not in _INSTITUTIONS
        else:
            following = lower
    return flags


def _clean(words: list[str], at_start: bool) -> str:
    """Trim what is not part of the name; '' when nothing is left."""
    words = [word.rstrip(".") if len(word.rstrip(".")) > 2 else word for word in words]
    lowers = [word.lower() for word in words]
    start, end = 0, len(words)
    while end - start > 1 and lowers[start] in _LEADING:
        start += 1
        at_start = False
    while end > start and lowers[end - 1] in _TRAILING:
        end -= 1
    if start == end or (end - start == 1 and lowers[start] in _STOP):
        return ""
    if end - start == 1:
        return _single(words[start], at_start)
    return " ".join(words[start:end])


def _single(word: str, at_start: bool) -> str:
    """A one-word name, unless it is a common word, a demonym or too short to mean anything."""
    lower = word.lower()
    if (at_start and not word.isupper()) or len(word) < 2 or lower in _TITLES:
        return ""
    if _DEMONYM.search(lower) and lower not in _DEMONYM_EXCEPTIONS and not word.isupper():
        return "" if lower.endswith(("ian", "ean", "ese", "ish", "ians", "eans")) else word
    return word


def _merge_short_forms(counts: Counter[str]) -> dict[str, int]:
    """Fold 'Putin' into 'Vladimir Putin' (and 'Witkoff' into 'Steve Witkoff') when both occur.

    A lone word goes to the most mentioned full name that has it (the first seen of equals),
    found in a table of words built once, not by searching every full name for every word.
    """
    merged = dict(counts)
    longer = sorted((name for name in counts if " " in name), key=lambda n: -counts[n])
    full_name_of: dict[str, str] = {}
    for long in longer:
        for word in long.split():
            full_name_of.setdefault(word, long)
    for name in counts:
        full = None if " " in name else full_name_of.get(name)
        if full is not None:
            merged[full] += merged.pop(name)
    return merged


class _Ordinary:
    """Capitalised forms of the words the text also writes in lower case: ordinary words.

    Found only when a name needs the check, since most articles' names are settled without it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, name: str) -> bool:
        """Whether a lower-case word of the text capitalises to `name`."""
        if self._words is None:
            self._words = set(_LOWER_WORD.findall(self._text))
        first = name[:1]
        # Only 'x...' capitalises to 'X...': an ASCII capital, then the same letters.
        return "A" <= first <= "Z" and first.lower() + name[1:] in self._words


def _confident(name: str, count: int, ordinary: _Ordinary) -> bool:
    """Keep multi-word names, and one-word names that are not mere capitalised words."""
    if " " in name or count >= 2:
        return True
    return name.isupper() or name not in ordinary
