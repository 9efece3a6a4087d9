"""The one rule for quotes: straight quotes become typographic ones, the same in a body, a
headline, a summary, a caption. Pure.

A page mixing styles (curly quotes in the body, straight ones in its headline, its meta
description and its feed items) reads as unedited, so every text an article shows goes
through `curl`: the body's text runs through markdown-it's core (in place of its own smart
quotes) and through the fast path for ingest's paragraphs, the plain fields when a page is
loaded, and so everything made of them (lists, feeds, JSON-LD) already carries the result.

The rule, on a run of text split into pieces that may or may not be changed:

- `'` between two letters or digits is an apostrophe (don't, rock'n'roll, O'Neill);
- `'` before a year or a known elision is one too ('90s, 'em, 'tis, 'n' in rock 'n' roll);
- otherwise a quote opens when text follows it and it starts a word (after a space, an
  opening bracket, a dash, another quote), and closes when it ends one (before a space or
  punctuation): `"`, then a nested `'` inside it, are matched as a stack;
- a `'` that closes nothing is an apostrophe (the dogs' bowls), and a `'` opened but never
  closed is taken for one too (the 'burbs); a `"` never closed stays opening, as a quote that
  goes on into the next paragraph does in news copy;
- a quote with space on both sides is no quote, and stays as written.

Pieces that may not be changed (code spans, escaped characters, an autolink's address, a URL
in a plain field) are still read as context, so a quote around a code span is curled.
Only `'` and `"` are replaced, each by one character: HTML escaping, done later on the
result, is unaffected, and text without a straight quote is returned as it is at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, APOSTROPHE = "“", "”", "‘", "’"
_ELISION = re.compile(r"'(?:\d\d(?:s\b|\b)|n'(?=\W|$)|(?:em|tis|twas|til|cause|bout)\b)", re.I)
"""A `'` that starts a word yet opens no quote: a year ('90s), rock 'n' roll, 'em, 'tis."""
_QUOTE = re.compile("['\"]")
_PLAIN_CODE = re.compile(r"`[^`]*`|\bhttps?://\S+|\bwww\.\S+")
"""In a plain field, what is left as written: a code span, a web address."""
_ENDERS = frozenset(".,;:!?)]}>»›…%")
"""Punctuation that ends a phrase: a quote after it does not start a word; after any other
punctuation or symbol (a bracket, a dash, '=', another quote), a space or nothing, it does."""


def curl(text: str) -> str:
    """A plain field with typographic quotes; code spans and web addresses untouched."""
    if "'" not in text and '"' not in text:
        return text
    pieces: list[tuple[str, bool]] = []
    last = 0
    for found in _PLAIN_CODE.finditer(text):
        pieces += [(text[last : found.start()], True), (found.group(), False)]
        last = found.end()
    pieces.append((text[last:], True))
    return "".join(curl_pieces(pieces))


def curl_pieces(pieces: Sequence[tuple[str, bool]]) -> list[str]:
    """One run of text (a paragraph, a heading) given as (text, may change) pieces: the same
    pieces, quotes curled in those that may change. The pieces are read as one text, so a
    quote before emphasis or a code span sees the word that follows it."""
    joined = "".join(text for text, _ in pieces)
    if "'" not in joined and '"' not in joined:
        return [text for text, _ in pieces]
    editable = bytearray(len(joined))
    start = 0
    for text, changes in pieces:
        if changes:
            editable[start : start + len(text)] = b"\x01" * len(text)
        start += len(text)
    chars = _curled(joined, editable)
    out, start = [], 0
    for text, _ in pieces:
        out.append("".join(chars[start : start + len(text)]))
        start += len(text)
    return out


def _curled(text: str, editable: bytearray) -> list[str]:
    """The characters of `text` with each changeable quote replaced by the rule above."""
    chars = list(text)
    stack: list[tuple[str, int]] = []  # (quote, index) of each quote still open
    skip = -1
    for found in _QUOTE.finditer(text):  # only the quotes are visited: bodies are long
        index, char = found.start(), found.group()
        if not editable[index] or index == skip:
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if char == "'" and (_word(before) and _word(after)):
            chars[index] = APOSTROPHE
            continue
        if char == "'" and _starts_word(before) and (elided := _ELISION.match(text, index)):
            chars[index] = APOSTROPHE
            end = elided.end() - 1
            if text[end] == "'" and editable[end]:  # rock 'n' roll: both are apostrophes
                chars[end], skip = APOSTROPHE, end
            continue
        _quote(char, index, before, after, chars, stack)
    for quote, index in stack:  # never closed
        if quote == "'":
            chars[index] = APOSTROPHE
    return chars


def _quote(
    char: str, index: int, before: str, after: str, chars: list[str], stack: list[tuple[str, int]]
) -> None:
    """Open or close a quote at `index`, or leave it when it neither opens nor closes."""
    opens = not after.isspace() and _starts_word(before)
    closes = not before.isspace() and (after.isspace() or _punctuation(after))
    if opens and closes:  # between punctuation ('."' or "'("): close what is open, else open
        opens = not any(quote == char for quote, _ in stack)
    if closes and not opens:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == char:
                chars[index] = CLOSE_DOUBLE if char == '"' else APOSTROPHE
                for quote, inner in stack[depth + 1 :]:  # opened inside, never closed
                    if quote == "'":
                        chars[inner] = APOSTROPHE
                del stack[depth:]
                return
        if char == "'":  # closes nothing: the dogs' bowls
            chars[index] = APOSTROPHE
        elif not before.isspace():  # a closing '"' with nothing open: still a closing one
            chars[index] = CLOSE_DOUBLE
        return
    if opens:
        chars[index] = OPEN_DOUBLE if char == '"' else OPEN_SINGLE
        stack.append((char, index))


def _word(char: str) -> bool:
    return char.isalnum()


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _starts_word(before: str) -> bool:
    """Whether a quote after `before` is at the start of a word."""
    return before.isspace() or (_punctuation(before) and before not in _ENDERS)
