"""Markdown to HTML with one shared markdown-it parser, and HTML back to its plain words."""

from __future__ import annotations

import re
from html import unescape

from markdown_it import MarkdownIt

_TAG_RE = re.compile(r"<[^>]+>")


def markdown_renderer() -> MarkdownIt:
    """The one Markdown parser: CommonMark with tables and strikethrough, raw HTML escaped,
    typographic quotes and dashes, and links limited by markdown-it's URL check."""
    return MarkdownIt("js-default", {"typographer": True, "html": False})


_MARKDOWN = markdown_renderer()


def render_markdown(body: str) -> str:
    """Markdown to HTML; raw HTML in the text comes out escaped."""
    html: str = _MARKDOWN.render(body)
    return html


def plain_text(html: str) -> str:
    """The words of an HTML fragment, entities decoded, whitespace collapsed."""
    return " ".join(unescape(_TAG_RE.sub(" ", html)).split())
