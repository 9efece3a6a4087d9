"""What one candidate name is shown as, or that it is none: a word or words, cleaned. Pure.

'U.S.' keeps its dots; 'French' is shown as France; 'Latin American', 'Exchange Commission',
'Treasury Secretary', 'TV' and a common word alone ('Grace') are no names.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdigest.text import word_list

from .given import GIVEN_NAMES
from .words import (
    ABBREVIATIONS,
    COMMON,
    COUNTRY_OF,
    GENERIC,
    HOLIDAYS,
    INSTITUTIONS,
    PORTFOLIOS,
    REGIONAL,
    STOP,
    TITLES,
)

# Endings of nationality and language words, which name no one: 'Bavarian', 'Flemish'.
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ic|an|i)s?$")
_DEMONYM_EXCEPTIONS = frozenset({"iran", "oman", "japan", "taiwan", "sudan", "pakistan"})
CAMEL = re.compile(r"^[a-z]|[a-z][A-Z]")
_LABEL = re.compile(
    r"(?:AAA|BBB|BB|(?:AA|A|BB|B|BAA|BA|CAA|CA)-?[1-3])|[DRI]-[A-Z][a-z]*\.?|M-[0-4][AB]?"
)
"""Credit ratings ('BB', 'Baa-3'), party labels ('D-Cal.') and money-supply measures ('M-3')."""
_MODEL = re.compile(r"[A-Z0-9]*[0-9][A-Z0-9]*-[A-Z0-9]*[0-9][A-Z0-9]*")
"""A model number, digits on both sides of its hyphen: an engine's 'CF6-80C2' ('B-52' and
'COVID-19', one side only, may be what a story is about)."""
_TICKER = re.compile(r"[A-Z0-9]{2,}\.[A-Z]{1,2}")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def tidy(word: str) -> str:
    """A word as a name shows it: 'U.S.' keeps its dots, 'Mr.' and 'Corp.' lose theirs."""
    bare = word.rstrip(".")
    if _DOTTED.fullmatch(bare):
        return bare + "."
    return bare if len(bare) > 2 else word


_QUALIFIERS = frozenset(word_list("republican democratic democrat arab"))
"""Adjectives that end a run of capitals before a noun in lower case ('Senate Republican
leader', 'Gulf Arab states'): they qualify what comes after, and end no name."""


def several(words: list[str], lowers: list[str]) -> str:
    """A name of several words, unless it is only regional or generic words."""
    while len(words) > 1 and lowers[-1] in _QUALIFIERS and words[-2] not in COUNTRY_OF:
        words, lowers = words[:-1], lowers[:-1]  # 'Senate Republican (leader)', 'Gulf Arab'
    if len(words) == 1:
        return single(words[0], False)
    name = " ".join(words)
    country = COUNTRY_OF.get(name.replace(".", ""))
    if country:
        return country
    if all(
        lower in REGIONAL or word in COUNTRY_OF for word, lower in zip(words, lowers, strict=True)
    ):
        return ""  # 'Latin American', 'North American'
    if all(lower in GENERIC or lower == "of" for lower in lowers) and lowers[-1] != "state":
        return ""  # 'Exchange Commission', 'District Court': a part of a name, or none
    if lowers[-1] in TITLES and all(
        lower in TITLES
        or lower in PORTFOLIOS
        or lower in GENERIC
        or lower in REGIONAL
        or word in COUNTRY_OF
        for word, lower in zip(words, lowers, strict=True)
    ):
        return ""  # 'Treasury Secretary', 'British Chancellor': an office, no one's name
    return name


def single(word: str, at_start: bool, titled: bool = False) -> str:
    """A one-word name, unless it is a common word, a demonym or too short to mean anything."""
    lower = word.lower()
    if CAMEL.search(word):
        return word  # camel case, 'iPod', 'ScotRail': never a capitalised ordinary word
    if all(part.lower() in STOP for part in word.split("-")):
        return ""  # 'April-June'
    if _TICKER.fullmatch(word) or _LABEL.fullmatch(word) or _MODEL.fullmatch(word):
        return ""  # a code ('TSCO.L', 'CF6-80C2'), a rating ('BAA-3'), a party ('D-Ill')
    if (at_start and not word.isupper()) or len(word) < 2:
        return ""
    if lower in TITLES or lower in GENERIC or lower.replace(".", "") in ABBREVIATIONS:
        return ""
    if lower in HOLIDAYS or lower.endswith("ional"):
        return ""  # 'Easter' is a date; 'Congressional', 'International' qualify a name
    if lower in COMMON and not titled:
        return ""  # 'Grace', 'World': a common word alone is no name ('Mr Brown' is)
    country = COUNTRY_OF.get(word.replace(".", ""))
    if country or lower in REGIONAL:
        return country or ""
    if _DEMONYM.search(lower) and lower not in _DEMONYM_EXCEPTIONS and not word.isupper():
        return "" if lower.endswith(("ian", "ean", "ese", "ish", "ians", "eans")) else word
    return word


_WORD = r"[A-Z][\w'’.&-]*"
FIRM_CHAIN = re.compile(
    rf"\b{_WORD}(?: {_WORD})?(?:, {_WORD})+,? (?:and|&) (?:{_WORD} )?"
    r"(?:Co|Cos|Inc|Corp|Ltd|Plc|LLC|LP|Company)\b"
)
"""A firm named after its partners, commas and all: 'Sears, Roebuck and Co', 'Merrill Lynch,
Pierce, Fenner and Smith Inc'. The legal suffix tells it from a list of names ('Ford,
Chrysler and General Motors Corp' is three: its last part has two words)."""


_COMPOUND_TAILS = frozenset(word_list("born wide style era like run made held owned type bound up"))
"""Common tails of compounds after a capitalised head: 'Kremlin-born', 'Paris-style'."""


def name_syllable(part: list[str], tail: str) -> bool:
    """Whether a hyphen's lower-case tail ends a given name after a family name ('Li
    Ka-shing', 'Kim Jong-un', 'Moon Jae-in') rather than making a common compound
    ('Kremlin-backed', 'U.S.-made', 'Paris-based', 'war-era')."""
    return (
        bool(part)
        and tail.isalpha()
        and len(tail) <= 5
        and not tail.endswith("ed")
        and tail not in _COMPOUND_TAILS
    )


_BRACKETED = re.compile(r"\(([A-Z]{2,6})s?\)")
"""An acronym in brackets, '(CPO)': rare in a text, so it is found first."""
_WORDS_BEFORE = re.compile(r"((?:[a-z]+[ -]){1,6})$")
"""The lower-case words just before it: 'crude palm oil '."""


def lower_case_terms(text: str) -> set[str]:
    """Acronyms the text defines by lower-case words whose initials spell them: a thing's
    name, not a name ('crude palm oil (CPO)', 'collateralised mortgage obligations (CMOs)')."""
    terms: set[str] = set()
    for found in _BRACKETED.finditer(text):
        acronym = found.group(1)
        before = _WORDS_BEFORE.search(text, max(0, found.start() - 120), found.start())
        if before:
            words = before.group(1).replace("-", " ").split()
            if "".join(word[0] for word in words[-len(acronym) :]).upper() == acronym:
                terms.update((acronym, acronym + "s"))
    return terms


def confident(name: str, count: int, lower: Counter[str], titled: bool) -> bool:
    """Keep names of several words, titled and camel-cased ones, acronyms, and one-word names
    written capitalised more often than in lower case ('Labour' is, 'Dlrs' is not). A common
    word in capitals ('NOTES', 'TOTAL': a table's heading) is no acronym."""
    if " " in name or titled or CAMEL.search(name):
        return True
    if name.isupper():
        return len(name) < 4 or (name.lower() not in COMMON and not lower.get(name.lower()))
    written_lower = lower.get(name[:1].lower() + name[1:], 0)
    return written_lower == 0 or count > written_lower


def portfolio_length(words: list[str], index: int) -> int:
    """How many words from `index` name a title's portfolio ('for Economic Affairs' after
    'Secretary of State'), up to a person's given name or the run's end; 0 without 'for'."""
    if index >= len(words) or words[index] != "for":
        return 0
    end = index + 1
    while end < len(words) and words[end].lower() not in GIVEN_NAMES:
        end += 1
    return end - index


def office_length(words: list[str], index: int) -> int:
    """How many words after the title at `index` name its office: 'of State' after
    'Secretary', 'of International Commodities' after 'Director' (portfolio words, up to a
    given name); 0 when no 'of' and an office follow it."""
    if index + 3 >= len(words) or words[index + 1] != "of":
        return 0
    office = words[index + 2].lower()
    if office not in TITLES and office not in INSTITUTIONS and office not in PORTFOLIOS:
        return 0
    end = index + 3
    while end < len(words) and _portfolio_word(words[end].lower()):
        end += 1
    return end - index - 1


def _portfolio_word(lower: str) -> bool:
    return lower in PORTFOLIOS and lower not in GIVEN_NAMES
