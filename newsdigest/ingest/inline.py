"""Untrusted inline text, with stray HTML, into safe Markdown and plain text. Pure.

Article text comes from scrapers and is untrusted. Known tags are reduced to the few
Markdown forms a news paragraph needs (emphasis, links to http(s) pages, line breaks);
dangerous elements are dropped with their content; everything else becomes text, and every
character Markdown would read as markup is escaped, so a page shows exactly the article's words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from newsdigest.urls import is_web_url

from .markup import WholeTextParser


def _tags(names: str) -> frozenset[str]:
    """A set of tag names from one space-separated string (a long list reads better so)."""
    return frozenset(names.split())


# Elements whose content is code or an embedded document, never article words.
_DROPPED = _tags(
    "script style iframe frame frameset object embed applet noscript template svg math "
    "textarea select button form head title canvas audio video"
)
_STRONG = frozenset({"b", "strong"})
_EMPHASIS = frozenset({"i", "em", "cite"})
# Tags that are read as markup (and removed); any other '<...>' is kept as literal text.
_KNOWN = (
    _DROPPED
    | _STRONG
    | _EMPHASIS
    | _tags(
        "a abbr address article aside b base basefont bdi bdo big blink blockquote body br "
        "center code col colgroup data dd del details dfn dialog div dl dt fieldset "
        "figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr html img input ins kbd "
        "label legend li link main mark marquee meta nav nobr ol optgroup option output p "
        "param picture pre q rp rt ruby s samp section small source span strike sub summary "
        "sup table tbody td tfoot th thead time tr track tt u ul var wbr"
    )
)
_BLOCK_BREAKS = frozenset({"br", "p", "div", "li", "tr", "hr", "h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_ENDS = _BLOCK_BREAKS - {"br", "hr"}
"""End tags that break a line: '</p>' does, '</br>' does not."""

# Invisible characters that only hide or reorder text: zero-width spaces, bidi embeddings and
# overrides (which can make text display other than it reads), soft hyphens, BOMs, and the C0/C1
# controls other than newline and tab. Joiners (ZWJ, ZWNJ) are kept between two visible
# characters, where emoji sequences and Persian or Indic spelling need them.
_INVISIBLE = re.compile(
    "[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad"
    "\ufff9-\ufffb\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
    "|(?<!\\S)[\u200c\u200d]+|[\u200c\u200d]+(?!\\S)"
)
# A cheap first look: most text has none of these, and then the slower pattern is skipped.
_MAY_BE_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\uffff]"
)
_SPACES = str.maketrans({"\t": " ", "\xa0": " ", "\u202f": " ", "\u2028": " ", "\u2029": "\n\n"})
"""A line separator (U+2028) is a space, as the lines of a paragraph are joined: made a line
break, it cut a title in two; a paragraph separator (U+2029) ends a paragraph."""


@dataclass(frozen=True)
class InlineText:
    """One paragraph in two forms."""

    markdown: str
    """Safe Markdown: escaped text, emphasis, http(s) links, hard line breaks."""
    plain: str
    """The words alone, whitespace collapsed, for titles, summaries and captions."""


def clean_control_chars(text: str) -> str:
    """Remove invisible and control characters; tabs and no-break spaces become spaces.

    Not normalised (NFC would swap CJK compatibility ideographs), so titles show exactly.
    """
    text = text.translate(_SPACES)
    return _INVISIBLE.sub("", text) if _MAY_BE_INVISIBLE.search(text) else text


def convert_inline(text: str) -> InlineText:
    """Convert one paragraph of scraped text with stray HTML into Markdown and plain text."""
    if "<" not in text and "&" not in text:  # most paragraphs: no markup, no parser needed
        plain = clean_control_chars(text)
        return InlineText(_tidy_markdown(escape_markdown(plain)), " ".join(plain.split()))
    parser = _InlineParser()
    try:
        parser.feed(_markup_declarations_as_text(text))
        parser.close()
    except AssertionError:  # html.parser's last resort on malformed '<!' markup: all text then
        plain = " ".join(clean_control_chars(text).split())
        return InlineText(_tidy_markdown(escape_markdown(plain)), plain)
    return InlineText(_tidy_markdown(parser.markdown()), " ".join(parser.plain().split()))


def _markup_declarations_as_text(text: str) -> str:
    """Make '<!' and '<?' constructs literal text, not markup: a comment in a seed is words
    the scraper kept ('<!-- not a comment -->'), to be shown as written."""
    return text.replace("<!", "&lt;!").replace("<?", "&lt;?")


class _InlineParser(WholeTextParser):
    """Collects Markdown and plain text while reading scraped HTML.

    Emphasis and links open a frame that collects their content, so that on closing the
    markers can hug the words (Markdown ignores '** word **'), and empty ones vanish. A closed
    frame is kept as a `_Span` of parts, never joined into one string until the end, so that
    nesting costs time in proportion to the text, however deep.
    """

    def __init__(self) -> None:
        super().__init__()
        self._frames: list[tuple[str, str, list[str | _Span]]] = [("", "", [])]
        self._open_tags: Counter[str] = Counter()
        self._plain: list[str] = []
        self._dropping: list[str] = []

    def markdown(self) -> str:
        while len(self._frames) > 1:
            self._close_frame()
        return "".join(_leaves(tuple(self._frames[0][2])))

    def plain(self) -> str:
        return "".join(self._plain)

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        data = clean_control_chars(data)
        self._frames[-1][2].append(escape_markdown(data))
        self._plain.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN:
            self.handle_data(self.get_starttag_text() or "")
        elif tag in _DROPPED:
            self._dropping.append(tag)
        elif not self._dropping:
            self._open(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN:
            self.handle_data(self.get_starttag_text() or "")
        elif not self._dropping and tag in _BLOCK_BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _KNOWN:
            self.handle_data(f"</{tag}>")
        elif self._dropping:
            if tag == self._dropping[-1]:
                self._dropping.pop()
        elif self._open_tags[tag]:
            while self._close_frame() != tag:
                pass
        elif tag in _BLOCK_ENDS:
            self._break()

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _STRONG:
            self._push(tag, "**")
        elif tag in _EMPHASIS:
            self._push(tag, "*")
        elif tag == "a":
            self._push(tag, safe_url(attrs.get("href") or ""))
        elif tag in _BLOCK_BREAKS:
            self._break()

    def _push(self, tag: str, mark: str) -> None:
        self._frames.append((tag, mark, []))
        self._open_tags[tag] += 1

    def _close_frame(self) -> str:
        """Close the innermost emphasis or link and hand its Markdown to the frame outside."""
        tag, mark, pieces = self._frames.pop()
        self._open_tags[tag] -= 1
        content = _gather(pieces)
        if content.words.parts and mark:
            wrapped = (
                ("[", content.words, "](<", mark, ">)")
                if tag == "a"
                else (mark, content.words, mark)
            )
            content = _Span(content.lead, _Rope(wrapped), content.trail)
        self._frames[-1][2].append(content)
        return tag

    def _break(self) -> None:
        pieces = self._frames[-1][2]
        if pieces and not _ends_with_break(pieces[-1]):
            pieces.append("\\\n")
            self._plain.append(" ")


class _Rope:
    """Parts of Markdown in order, with the last two characters they end in (for line breaks)."""

    __slots__ = ("parts", "tail")
    parts: tuple[Part, ...]
    tail: str

    def __init__(self, parts: tuple[Part, ...]) -> None:
        self.parts = parts
        self.tail = "".join(_tail(part) for part in parts)[-2:]


class _Span:
    """The Markdown of a closed frame: leading spaces, the words (from the first character that
    is not a space to the last; empty when there is none) and the trailing spaces."""

    __slots__ = ("lead", "tail", "trail", "words")
    lead: _Rope
    words: _Rope
    trail: _Rope
    tail: str

    def __init__(self, lead: _Rope, words: _Rope, trail: _Rope) -> None:
        self.lead, self.words, self.trail = lead, words, trail
        self.tail = (lead.tail + words.tail + trail.tail)[-2:]


Part = str | _Rope | _Span
"""A piece of Markdown: text, or parts to be joined in order."""


def _tail(part: Part) -> str:
    """The last two characters of a part."""
    return part[-2:] if isinstance(part, str) else part.tail


def _ends_with_break(part: str | _Span) -> bool:
    return _tail(part) == "\\\n"


def _gather(pieces: list[str | _Span]) -> _Span:
    """A frame's pieces as leading spaces, words and trailing spaces, as `str.strip` would cut
    their joined text, without joining them: a closed frame inside is looked at, not copied."""
    lead: list[Part] = []
    words: list[Part] = []
    spaces: list[Part] = []  # after the last words so far: trailing, unless more words follow
    for piece in pieces:
        if isinstance(piece, str):
            inner = piece.strip()
            if not inner:
                (spaces if words else lead).append(piece)
                continue
            before, after = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
            parts: tuple[Part, Part, Part] = (before, inner, after)
        elif not piece.words.parts:
            (spaces if words else lead).append(piece)
            continue
        else:
            parts = (piece.lead, piece.words, piece.trail)
        if words:
            words.extend(spaces)
            words.append(parts[0])
        else:
            lead.append(parts[0])
        words.append(parts[1])
        spaces = [parts[2]]
    return _Span(_Rope(tuple(lead)), _Rope(tuple(words)), _Rope(tuple(spaces)))


def _leaves(parts: tuple[Part, ...]) -> Iterator[str]:
    """The text of parts in order, walked with a stack: nesting has no depth limit."""
    stack: list[Part] = list(reversed(parts))
    while stack:
        part = stack.pop()
        if isinstance(part, str):
            yield part
        elif isinstance(part, _Rope):
            stack.extend(reversed(part.parts))
        else:
            stack.extend((part.trail, part.words, part.lead))


def safe_url(url: str) -> str:
    """The URL with whitespace removed, percent-quoted, if it is http or https; else ''."""
    url = "".join(clean_control_chars(url).split())
    if not is_web_url(url):
        return ""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


_ESCAPED = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    """Backslash-escape every character that Markdown would read as inline markup, and each
    dash after a dash: the typographer would make '--' an en dash, and the words are the
    article's, to be shown as written ('<!-- -->', '2--1')."""
    escaped = _ENTITY_LIKE.sub(r"\\&", _ESCAPED.sub(r"\\\1", text))
    return _SECOND_DASH.sub(r"\\-", escaped)


_SECOND_DASH = re.compile(r"(?<=-)-")


_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}(?=[.)]))")


def escape_block_starts(markdown: str) -> str:
    """Escape what a line's start would make a heading, quote, list or rule."""
    return "\n".join(_escape_line_start(line) for line in markdown.split("\n"))


def _escape_line_start(line: str) -> str:
    line = line.lstrip()
    match = _BLOCK_START.match(line)
    if not match:
        return line
    marker = match.group(2)
    if marker == "-" and not line.strip("- "):  # a line of dashes: each, or '---' is a dash
        return line.replace("-", "\\-")
    if marker.isdigit():
        return f"{marker}\\{line[len(marker) :]}"
    return "\\" + line


def _tidy_markdown(markdown: str) -> str:
    """Collapse runs of spaces and trim every line."""
    lines = (" ".join(line.split()) for line in markdown.split("\\\n"))
    return "\\\n".join(line for line in lines if line).strip()
