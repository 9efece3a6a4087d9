"""Plain-text helpers that seeds, content and the news layer share. Pure.

Sentences and summaries (a lead cut at a sentence or a word, never mid-word), word counts
that treat CJK characters as words, and word lists written as one string.
"""

from __future__ import annotations

import re


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
