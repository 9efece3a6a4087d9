"""Plain-text helpers that seeds, content and the news layer share. Pure.

Sentences and summaries (a lead cut at a sentence or a word, never mid-word), word counts
that treat CJK characters as words, word lists written as one string, and the content words
of a text (its key terms) that stories and related articles compare.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache


def word_list(text: str) -> list[str]:
    """A word list written as one string, for readable stop lists."""
    return text.split()


def first_sentences(text: str, limit: int = 300) -> str:
    """The first sentence, and the second if both fit in `limit`; else cut at a word."""
    sentences = split_sentences(text[: limit * 4])  # a longer lead cannot fit; keeps 2 MB fast
    summary = sentences[0] if sentences else ""
    if len(sentences) > 1 and len(summary) + 1 + len(sentences[1]) <= limit:
        summary = f"{summary} {sentences[1]}"
    if len(summary) <= limit:
        return summary
    cut = summary[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9\u0400-\u04ff])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|Inc|Co|Ltd|Corp|vs|No|Prof|Lt|Col|Capt|Sgt|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.$"
)


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences, not breaking after 'U.S.' or 'Mr.'."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.end()].rstrip()
        if _ABBREVIATION.search(candidate):
            continue
        sentences.append(candidate)
        start = match.end()
    if start < len(text):
        sentences.append(text[start:])
    return sentences


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Words separated by spaces, with each CJK character counted as a word."""
    cjk = len(_CJK.findall(text))
    return cjk + len(_CJK.sub(" ", text).split())


_WORD = re.compile(r"[^\W\d_]{3,}|\d{2,}")
_STOP = frozenset(
    word_list(
        """
    the and for with that this from after over into about than then they their them there
    were was are has have had not but its his her who what when where which while will would
    could should said says say new more most also been being just only some such very can
    may one two three out off all any our your per via amid against between during before
    under says told tell report reports reported year years week day days today yesterday
    because however other others these those each both many much even still yet since until
    again around through without within among across another whether might must does did
    doing done make made like well back first last next now here how why him she hers our
    ours you yours itself himself herself themselves own same too get got going way
    """
    )
)
KEY_TERMS = 40
"""Content words kept per article body: enough to tell stories apart, little to hold."""
_LONGEST_TERM = 30
"""Longer runs of letters (a CJK sentence without spaces, a pasted blob) are no key term, and
the untrusted text of one article could otherwise put megabytes in the model."""


def content_words(text: str) -> list[str]:
    """The words of `text` that carry its content, case-folded and crudely stemmed: no
    function words, no words under three letters; numbers of two digits or more kept."""
    return [_stem(word) for word in _WORD.findall(text.casefold()) if word not in _STOP]


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude English stem, enough for 'ending' and 'ends' to meet 'end'. Remembered: a site's
    articles share most of their words, and this was a third of the time of `key_terms`."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def key_terms(text: str, limit: int = KEY_TERMS) -> str:
    """The `limit` commonest content words of a body (numbers left out: figures differ from
    report to report; runs over _LONGEST_TERM letters too), commonest first and earlier first
    among equals, as one string: one object per article, however many terms."""
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(text.casefold())).items():  # each word stemmed once
        if word not in _STOP and not word.isdigit() and len(word) <= _LONGEST_TERM:
            counts[_stem(word)] += count
    return " ".join(sorted(counts, key=counts.__getitem__, reverse=True)[:limit])  # stable
