"""What one candidate name is shown as, or that it is none: a word or words, cleaned. Pure.

'U.S.' keeps its dots; 'French' is shown as France; 'Latin American', 'Exchange Commission',
'Treasury Secretary', 'TV' and a common word alone ('Grace') are no names.
"""

from __future__ import annotations

import re

from newsdigest.text import word_list

from .words import (
    ABBREVIATIONS,
    COMMON,
    COUNTRY_OF,
    GENERIC,
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
_TICKER = re.compile(r"[A-Z0-9]{2,}\.[A-Z]{1,2}")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def tidy(word: str) -> str:
    """A word as a name shows it: 'U.S.' keeps its dots, 'Mr.' and 'Corp.' lose theirs."""
    bare = word.rstrip(".")
    if _DOTTED.fullmatch(bare):
        return bare + "."
    return bare if len(bare) > 2 else word


def several(words: list[str], lowers: list[str]) -> str:
    """A name of several words, unless it is only regional or generic words."""
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
    if _TICKER.fullmatch(word) or _LABEL.fullmatch(word):
        return ""  # a stock's code ('TSCO.L'), a rating ('BAA-3'), a party and state ('D-Ill')
    if (at_start and not word.isupper()) or len(word) < 2:
        return ""
    if lower in TITLES or lower in GENERIC or lower.replace(".", "") in ABBREVIATIONS:
        return ""
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
