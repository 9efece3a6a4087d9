"""Aliases within one article, merged into the name a reader knows best. Pure.

An acronym the article defines ('IMF'), or whose letters are the initials of a name it writes
('SEC'), counts for the full name; a line's name written in
capitals ('NEW YORK') counts for the same name written normally, or is dropped; a company
without its suffix ('Boeing') for the name with it ('Boeing Co'); a lone surname ('Putin') for
the full name that has it ('Vladimir Putin'), a part of a longer name ('National Bank') for it.
The full name is the one shown.
"""

from __future__ import annotations

from collections import Counter

from newsdigest.text import word_list

from .places import PLACES
from .words import LEGAL_SUFFIXES

_SUFFIXES = LEGAL_SUFFIXES
_JOINING = frozenset(word_list("of and &"))
"""Words that make a name of several things ('Bank of England'), no person's full name."""


def merge_aliases(
    counts: Counter[str], defined: dict[str, str], places: frozenset[str]
) -> dict[str, int]:
    """Names with their counts, each alias's mentions counted for the name it stands for.

    `defined` maps acronyms to the names they stand for; `places` are words of countries'
    names ('Korea', 'Africa'), which are never taken for a surname ('South Korea').
    Each step looks names up in a table: no name is compared with every other.
    """
    merged = dict(counts)
    for acronym, full in defined.items():
        if acronym in merged and full in merged:
            merged[full] += merged.pop(acronym)
    _merge_shouted(merged)
    _merge_suffixed(merged)
    _merge_initials(merged)
    _merge_short_forms(merged, places)
    _merge_part_names(merged)
    return merged


def _merge_into(merged: dict[str, int], alias: str, name: str) -> None:
    """Count the alias's mentions for the name."""
    merged[name] += merged.pop(alias)


def _merge_shouted(merged: dict[str, int]) -> None:
    """A name of several words all in capitals counts for the same name in normal case."""
    normal = {name.upper(): name for name in merged if not name.isupper()}
    for name in [name for name in merged if " " in name and name.isupper()]:
        if name.upper() in normal:
            _merge_into(merged, name, normal[name.upper()])
        else:
            del merged[name]


def _merge_suffixed(merged: dict[str, int]) -> None:
    """'Boeing' counts for 'Boeing Co' when the article writes both."""
    for name in list(merged):
        words = name.split()
        while len(words) > 1 and words[-1].lower() in _SUFFIXES:
            words.pop()
        base = " ".join(words)
        if base != name and base in merged and name in merged:
            _merge_into(merged, base, name)


def _merge_initials(merged: dict[str, int]) -> None:
    """'SEC' counts for 'Securities and Exchange Commission' when the article writes both:
    an acronym goes to the most mentioned name whose initials spell it."""
    spelled: dict[str, str] = {}
    for name in sorted((name for name in merged if " " in name), key=lambda n: -merged[n]):
        words = [word for word in name.split() if word not in _JOINING]
        while len(words) > 1 and words[-1].lower() in _SUFFIXES:
            words.pop()
        if len(words) > 1 and not name.isupper():
            spelled.setdefault("".join(word[0] for word in words).upper(), name)
    for name in [name for name in merged if name.isalpha() and name.isupper()]:
        if name in spelled and spelled[name] in merged:
            _merge_into(merged, name, spelled[name])


def _merge_short_forms(merged: dict[str, int], places: frozenset[str]) -> None:
    """Fold 'Putin' into 'Vladimir Putin' (and 'Xi' into 'Xi Jinping') when both occur.

    A lone word goes to the most mentioned full name that begins or ends with it (the first
    seen of equals), unless that name joins several ('Bank of England' is no alias of England)
    or the word is a country's ('Korea'); found in a table of words built once.
    """
    longer = sorted((name for name in merged if " " in name), key=lambda n: -merged[n])
    full_name_of: dict[str, str] = {}
    for long in longer:
        words = long.split()
        while len(words) > 1 and words[-1].lower() in _SUFFIXES:
            words.pop()  # 'Goodrich' is an alias of 'B.F. Goodrich Co'
        if not _JOINING & set(words):
            full_name_of.setdefault(words[-1], long)
            full_name_of.setdefault(words[0], long)
        for (
            word
        ) in words:  # 'Moody' of "Moody's Investors Service", 'Poor' of "Standard and Poor's"
            if word.endswith(("'s", "’s")):
                full_name_of.setdefault(word[:-2], long)
    for name in [name for name in merged if " " not in name]:
        full = full_name_of.get(name)
        if full is not None and name not in places and full in merged:
            _merge_into(merged, name, full)


_LONGEST_PART = 6
"""Parts of names up to this many words are looked for: a run of capitals may be a book long."""


def _merge_part_names(merged: dict[str, int]) -> None:
    """'National Bank' counts for 'Swiss National Bank', and 'Canada Mortgage' for 'Canada
    Mortgage and Housing Corp', when the article writes both: a name of several words that
    begins or ends exactly one longer name of the article, and is no place ('New York' of 'New
    York Mercantile Exchange'). Each name's heads and tails go in a table: no pairs compared."""
    holders: dict[str, set[str]] = {}
    for name in [name for name in merged if " " in name]:
        words = name.split()
        for size in range(2, min(len(words), _LONGEST_PART + 1)):
            holders.setdefault(" ".join(words[:size]), set()).add(name)
            holders.setdefault(" ".join(words[-size:]), set()).add(name)
    for name in [name for name in merged if " " in name and name not in PLACES]:
        found = holders.get(name, set())
        if len(found) == 1:
            (full,) = found
            if full in merged:
                _merge_into(merged, name, full)
