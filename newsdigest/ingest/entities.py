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
from collections.abc import Iterable

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
_SENTENCE_END = re.compile(r"[.!?:;]\s*[\"'“”‘’(\[]*\s*$|^\s*[\"'“”‘’(\[]*\s*$")

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


def extract(text: str, limit: int = MAX_ENTITIES) -> tuple[str, ...]:
    """The names the text mentions most, most mentioned first, ties in order of appearance."""
    mentions = list(_mentions(text))
    counts = Counter(mentions)
    order = {name: index for index, name in reversed(list(enumerate(mentions)))}
    merged = _merge_short_forms(counts)
    ordinary = _lowercase_words(text)
    kept = [name for name in merged if _confident(name, merged[name], ordinary)]
    kept.sort(key=lambda name: (-merged[name], order[name]))
    return tuple(kept[:limit])


def _mentions(text: str) -> Iterable[str]:
    """Every candidate name, once per mention, cleaned."""
    for paragraph in text.split("\n"):
        for match in _RUN.finditer(paragraph):
            at_start = bool(_SENTENCE_END.search(paragraph[: match.start()]))
            for words in _split_run(match.group().split()):
                name = _clean(words, at_start)
                at_start = False
                if name:
                    yield name


def _split_run(words: list[str]) -> Iterable[list[str]]:
    """Cut a run where one name ends: after a possessive ("Russia's President Putin"), at a
    hyphenated common word ('U.S.-brokered'), at titles inside it ('NATO Secretary General
    Mark Rutte'), and at 'of' unless an institution precedes it ('Bank of England')."""
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
        elif _title_before_name(words, index):
            yield part
            part = []
        else:
            part.append(word)
    yield part


def _title_before_name(words: list[str], index: int) -> bool:
    """A title word followed, after any more titles, by a name: 'President' in 'President Xi'."""
    if words[index].lower() not in _TITLES:
        return False
    rest = [word for word in words[index + 1 :] if word.lower() not in _TITLES]
    return bool(rest) and rest[0].lower() not in _INSTITUTIONS


def _clean(words: list[str], at_start: bool) -> str:
    """Trim what is not part of the name; '' when nothing is left."""
    words = [word.rstrip(".") if len(word.rstrip(".")) > 2 else word for word in words]
    while len(words) > 1 and (words[0].lower() in _STOP or words[0].lower() in _TITLES):
        words = words[1:]
        at_start = False
    while words and words[-1].lower() in _STOP | _JOINER_WORDS:
        words = words[:-1]
    if not words or (len(words) == 1 and words[0].lower() in _STOP):
        return ""
    if len(words) == 1:
        return _single(words[0], at_start)
    return " ".join(words)


def _single(word: str, at_start: bool) -> str:
    """A one-word name, unless it is a common word, a demonym or too short to mean anything."""
    lower = word.lower()
    if (at_start and not word.isupper()) or len(word) < 2 or lower in _TITLES:
        return ""
    if _DEMONYM.search(lower) and lower not in _DEMONYM_EXCEPTIONS and not word.isupper():
        return "" if lower.endswith(("ian", "ean", "ese", "ish", "ians", "eans")) else word
    return word


def _merge_short_forms(counts: Counter[str]) -> dict[str, int]:
    """Fold 'Putin' into 'Vladimir Putin' (and 'Witkoff' into 'Steve Witkoff') when both occur."""
    merged = dict(counts)
    longer = sorted((name for name in counts if " " in name), key=lambda n: -counts[n])
    for name in sorted(counts, key=len):
        if " " in name:
            continue
        full = next((long for long in longer if name in long.split()), None)
        if full is not None:
            merged[full] += merged.pop(name)
    return merged


def _confident(name: str, count: int, ordinary: frozenset[str]) -> bool:
    """Keep multi-word names, and one-word names that are not mere capitalised words."""
    if " " in name or count >= 2:
        return True
    return name.isupper() or name not in ordinary


def _lowercase_words(text: str) -> frozenset[str]:
    """Capitalised forms of the words the text also writes in lower case: ordinary words."""
    return frozenset(word.capitalize() for word in re.findall(r"\b[a-z][a-z'-]+\b", text))
