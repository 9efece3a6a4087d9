"""Bodies made only of plain paragraphs, as ingest writes them, to HTML without a parse.

Ingest writes an article's body as paragraphs of escaped text: every character Markdown reads
as markup carries a backslash, and a line break inside a paragraph is a backslash at the end
of the line. For such a body markdown-it's block and inline parsers always build the same
tokens (a paragraph holding runs of text, the escaped characters, hard breaks), which are
most of its cost. Here those tokens are cut directly, handed to markdown-it's own replacements
and to the site's rule for quotes (the very functions its core runs) and joined into the
HTML its renderer writes. A body with anything else (emphasis, a link, an entity, a line that
could open another block, a table's '|') is refused with None, to go through markdown-it.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING, cast

from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core.replacements import (
    RARE_RE,
    SCOPED_ABBR_RE,
    replace_rare,
    replace_scoped,
)
from markdown_it.rules_inline.entity import DIGITAL_RE, NAMED_RE

from .markdown import _MARKDOWN, curl_tokens

if TYPE_CHECKING:
    from markdown_it.token import Token

_ESCAPE = re.compile(r"\\([\s\S])")
"""A backslash and the character it escapes (a newline: a hard break)."""
_PUNCTUATION = frozenset(string.punctuation)
"""What markdown-it unescapes: ASCII punctuation; a backslash before anything else stays."""
_MARKUP = re.compile(r"[\\`*_\[\]<>|~\r\x00]")
"""Outside escapes: a character some inline rule (or a table, or the input's normalising)
reads."""
_ENTITY = re.compile(f"{DIGITAL_RE.pattern}|{NAMED_RE.pattern}", re.IGNORECASE)
"""An entity by markdown-it's own patterns, a known name or not."""
_BLOCK_START = re.compile(r"[\s#>+=\-*_~`<\[|:]|\d{1,9}[.)]")
"""What a line may not start with: it could open a heading, quote, list, rule, fence, HTML
block, reference, table or indented code, or end a paragraph as a heading's underline."""
_HARD_BREAK = "<br />\n" if _MARKDOWN.options.xhtmlOut else "<br>\n"


class _Piece:
    """One inline token as the typographer reads and changes it."""

    __slots__ = ("children", "content", "info", "level", "markup", "type")

    def __init__(self, kind: str, content: str) -> None:
        self.type, self.content, self.info, self.level = kind, content, "", 0
        self.markup, self.children = "", None


def render_paragraphs(body: str) -> str | None:
    """The HTML markdown-it gives for a body of plain paragraphs; None for any other body."""
    inner = body.strip("\n")
    if not inner:
        return ""
    if not _plain(_ESCAPE.sub("e", inner)):  # a letter for each escape: nothing joins
        return None
    abbreviations, rare = SCOPED_ABBR_RE.search(inner), RARE_RE.search(inner)
    html: list[str] = []
    for paragraph in inner.split("\n\n"):
        pieces = _pieces(paragraph)
        if pieces is None:
            return None
        children = cast("list[Token]", pieces)  # read and changed as tokens: same fields
        if abbreviations and SCOPED_ABBR_RE.search(paragraph):
            replace_scoped(children)
        if rare and RARE_RE.search(paragraph):
            replace_rare(children)
        if "'" in paragraph or '"' in paragraph:
            curl_tokens(children)
        html.append("<p>")
        html.extend(
            _HARD_BREAK if piece.type == "hardbreak" else escapeHtml(piece.content)
            for piece in pieces
        )
        html.append("</p>\n")
    return "".join(html)


def _plain(text: str) -> bool:
    """Whether a body, its escapes taken out, has no markup, no entity, and no line break but
    the single blank line between two paragraphs. Three plain scans: one pattern with all of
    it tried at every character took longer than markdown-it."""
    if _MARKUP.search(text) or ("&" in text and _ENTITY.search(text)) or "\n\n\n" in text:
        return False
    return text.count("\n") == 2 * text.count("\n\n")


def _pieces(paragraph: str) -> list[_Piece] | None:
    """The inline tokens markdown-it makes of one paragraph (no markup outside escapes, as
    checked), or None when a line could start a block or has spaces at an end."""
    pieces: list[_Piece] = []
    for number, line in enumerate(paragraph.split("\\\n")):
        if not line or _BLOCK_START.match(line) or line[-1].isspace():
            return None
        if number:
            pieces.append(_Piece("hardbreak", ""))
        cut = _ESCAPE.split(line)
        for index, part in enumerate(cut):
            if index % 2 == 0:
                if part:  # the text between two escapes; none when they touch
                    pieces.append(_Piece("text", part))
            elif part in _PUNCTUATION:
                pieces.append(_Piece("text_special", part))
            else:
                return None  # a backslash markdown-it keeps: not what ingest writes
    return pieces
