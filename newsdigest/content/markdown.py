"""Markdown to HTML with one shared markdown-it parser, and HTML back to its plain words."""

from __future__ import annotations

import re
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .quotes import curl_pieces

_TAG_RE = re.compile(r"<[^>]+>")


def markdown_renderer() -> MarkdownIt:
    """The one Markdown parser: CommonMark with tables and strikethrough, raw HTML escaped,
    typographic dashes, the site's one rule for quotes (`quotes.curl_pieces`, in place of
    markdown-it's own, so that a body and its headline agree), and links limited by
    markdown-it's URL check."""
    parser = MarkdownIt("js-default", {"typographer": True, "html": False})
    parser.core.ruler.at("smartquotes", _curl_quotes)
    return parser


def _curl_quotes(state: StateCore) -> None:
    """The core rule for quotes: each block's inline text as one run."""
    for token in state.tokens:
        if (
            token.type == "inline"
            and token.children
            and ("'" in token.content or '"' in token.content)
        ):
            curl_tokens(token.children)


def curl_tokens(children: list[Token]) -> None:
    """Curl the quotes of one block's inline tokens in place. Only text changes; code spans,
    escaped characters, an autolink's address and breaks are read as context; an image's
    alt text is a run of its own."""
    pieces: list[tuple[str, bool]] = []
    autolink = False
    for token in children:
        kind = token.type
        if kind == "link_open":
            autolink = token.markup in ("autolink", "linkify")
        elif kind == "link_close":
            autolink = False
        elif kind == "image" and token.children:
            curl_tokens(token.children)
        text = token.content if kind in ("text", "code_inline", "text_special", "image") else ""
        if kind in ("softbreak", "hardbreak"):
            text = "\n"
        pieces.append((text, kind == "text" and not autolink))
    for token, text in zip(children, curl_pieces(pieces), strict=True):
        if token.type == "text":
            token.content = text


_MARKDOWN = markdown_renderer()


def render_markdown(body: str) -> str:
    """Markdown to HTML; raw HTML in the text comes out escaped."""
    html: str = _MARKDOWN.render(body)
    return html


def plain_text(html: str) -> str:
    """The words of an HTML fragment, entities decoded, whitespace collapsed."""
    return " ".join(unescape(_TAG_RE.sub(" ", html)).split())
