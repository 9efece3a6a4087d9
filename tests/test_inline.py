"""newsdigest.ingest.inline: untrusted scraped HTML into safe Markdown and plain text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.ingest import inline
from newsdigest.ingest.inline import (
    clean_control_chars,
    convert_inline,
    escape_block_starts,
    escape_markdown,
    safe_url,
)


@pytest.mark.parametrize(
    ("text", "markdown", "plain"),
    [
        ("<u>said</u> so", "said so", "said so"),
        ("<b>bold</b> and <i>it</i>", "**bold** and *it*", "bold and it"),
        ("a<br>b", "a\\\nb", "a b"),
        ('<a href="https://x.example/a b">x</a>', "[x](<https://x.example/ab>)", "x"),
        ('<a href="javascript:alert(1)">x</a>', "x", "x"),
        ("<script>alert(1)</script>ok", "ok", "ok"),
        ("<img src=x onerror=alert(1)>ok", "ok", "ok"),
        ("&amp; &#8217; &nbsp;x", "& ’ x", "& ’ x"),
        ("&lt;b&gt;", "\\<b\\>", "<b>"),
        ("<Putin> says", "\\<Putin\\> says", "<Putin> says"),
        ("<![foo[ x", "\\<!\\[foo\\[ x", "<![foo[ x"),
        ("<!-- kept --> shown", "\\<!-\\- kept -\\-\\> shown", "<!-- kept --> shown"),
        ("*not* _em_ [link](x)", "\\*not\\* \\_em\\_ \\[link\\](x)", "*not* _em_ [link](x)"),
    ],
)
def test_convert_inline(text: str, markdown: str, plain: str) -> None:
    converted = convert_inline(text)
    assert (converted.markdown, converted.plain) == (markdown, plain)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("zero\u200bwidth", "zerowidth"),
        ("bidi\u202eoverride\u202c", "bidioverride"),
        ("soft\u00adhyphen", "softhyphen"),
        ("bell\x07 esc\x1b c1\x85", "bell esc c1"),
        ("family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"),  # joiners between glyphs stay
        ("\u200dleading and trailing\u200c ", "leading and trailing "),
        ("tab\there\xa0nbsp", "tab here nbsp"),
        ("ﬁ CJK 豈", "ﬁ CJK 豈"),  # not normalised: compatibility characters are kept exactly
    ],
)
def test_clean_control_chars(text: str, cleaned: str) -> None:
    assert clean_control_chars(text) == cleaned


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- x", "\\- x"),
    ],
)
def test_escape_block_starts(line: str, escaped: str) -> None:
    assert escape_block_starts(line) == escaped


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.example/a b", "https://x.example/ab"),
        ("HTTP://x.example/<q>", "HTTP://x.example/%3Cq%3E"),
        ("javascript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("//x.example/", ""),
    ],
)
def test_safe_url(url: str, safe: str) -> None:
    assert safe_url(url) == safe


class ReferenceParser(HTMLParser):
    """The inline parser as it was before ingest was made linear (issue 13): html.parser as
    it is, and each closed frame joined into one string. The reference for the tests below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.frames: list[tuple[str, str, list[str]]] = [("", "", [])]
        self.plain: list[str] = []
        self.dropping: list[str] = []

    def markdown(self) -> str:
        while len(self.frames) > 1:
            self.close_frame()
        return "".join(self.frames[0][2])

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        data = clean_control_chars(data)
        self.frames[-1][2].append(escape_markdown(data))
        self.plain.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in inline._KNOWN:
            self.handle_data(self.get_starttag_text() or "")
        elif tag in inline._DROPPED:
            self.dropping.append(tag)
        elif not self.dropping:
            self.open(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in inline._KNOWN:
            self.handle_data(self.get_starttag_text() or "")
        elif not self.dropping and tag in inline._BLOCK_BREAKS:
            self.line_break()

    def handle_endtag(self, tag: str) -> None:
        if tag not in inline._KNOWN:
            self.handle_data(f"</{tag}>")
        elif self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
        elif any(frame[0] == tag for frame in self.frames[1:]):
            while self.close_frame() != tag:
                pass
        elif tag in inline._BLOCK_BREAKS - {"br", "hr"}:
            self.line_break()

    def open(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in inline._STRONG:
            self.frames.append((tag, "**", []))
        elif tag in inline._EMPHASIS:
            self.frames.append((tag, "*", []))
        elif tag == "a":
            self.frames.append((tag, safe_url(attrs.get("href") or ""), []))
        elif tag in inline._BLOCK_BREAKS:
            self.line_break()

    def close_frame(self) -> str:
        tag, mark, pieces = self.frames.pop()
        content = "".join(pieces)
        words = content.strip()
        if not words or not mark:
            self.frames[-1][2].append(content)
            return tag
        lead = content[: len(content) - len(content.lstrip())]
        trail = content[len(content.rstrip()) :]
        wrapped = f"[{words}](<{mark}>)" if tag == "a" else f"{mark}{words}{mark}"
        self.frames[-1][2].append(f"{lead}{wrapped}{trail}")
        return tag

    def line_break(self) -> None:
        pieces = self.frames[-1][2]
        if pieces and not pieces[-1].endswith("\\\n"):
            pieces.append("\\\n")
            self.plain.append(" ")


def reference_convert_inline(text: str) -> tuple[str, str]:
    """Markdown and plain text as `convert_inline` gave them before it was made linear."""
    if "<" not in text and "&" not in text:
        plain = clean_control_chars(text)
        return inline._tidy_markdown(escape_markdown(plain)), " ".join(plain.split())
    parser = ReferenceParser()
    try:
        parser.feed(inline._markup_declarations_as_text(text))
        parser.close()
    except AssertionError:
        plain = " ".join(clean_control_chars(text).split())
        return inline._tidy_markdown(escape_markdown(plain)), plain
    return inline._tidy_markdown(parser.markdown()), " ".join("".join(parser.plain).split())


# Pieces of scraped HTML: known and unknown tags, nested and stray end tags, links safe and
# not, dropped elements, entities, quoted '>' in attributes, unfinished tags and end tags,
# NUL after a tag name, joiners beside tags, and characters Markdown would read.
HTML_PIECES = (
    "<b>", "</b>", "<strong>", "</strong>", "<i>", "</i>", "<em>", "</em>", "<cite>", "</cite>",
    '<a href="https://x.example/a b">', "<a href='javascript:x'>", "<a href=https://y.example>",
    "<a>", "</a>", "<u>", "</u>", "<br>", "<br/>", "</br>", "<hr>", "<p>", "</p>", "<div>",
    "</div>", "<li>", "<script>", "</script>", "<style>", "</style>", "<span class='x'>",
    "</span>", "<foo>", "</foo>", "<Putin>", "<img src=x onerror=alert(1)>", "<!-- c -->",
    "<!--", "<![CDATA[", "<?x?>", "<!doctype html>", "&amp;", "&lt;", "&#8217;", "&nbsp;",
    "&foo;", "&", "&#", "<", ">", "</", "<a", "<a ", "<a x='>'", '<a title="a > b">', "<a x= '>", "= ", "='", "'>'", "<a ='>'", "'",
    '"', "=", "/", "<a\x00", "\x00", "\u200d", "\u200c", "*", "_", "[", "]", "`", "\\", "#",
    " ", "  ", "\t", "\n", "\xa0", "word", "Putin", "said", "1.", "- x",
)  # fmt: skip
html_texts = st.lists(st.sampled_from(HTML_PIECES), max_size=40).map("".join)
raw_html = st.text(alphabet="<>/=\"' abAB&;#!-?\x00\u200d\t\n*_[", max_size=80)


@settings(max_examples=1500, deadline=None)
@given(html_texts)
def test_linear_parser_gives_what_html_parser_gave(text: str) -> None:
    converted = convert_inline(text)
    assert (converted.markdown, converted.plain) == reference_convert_inline(text)


@settings(max_examples=1500, deadline=None)
@given(raw_html)
def test_linear_parser_agrees_on_raw_characters(text: str) -> None:
    converted = convert_inline(text)
    assert (converted.markdown, converted.plain) == reference_convert_inline(text)


@pytest.mark.parametrize(
    "text",
    [
        "<b>" * 300 + "x" + "</b>" * 300,
        "<i> x <b> y " * 200,
        '<a href="https://x.example/">' * 50 + "x <br> y",
        "<a x='>'" * 100,
        '<a title="a > b > c" href="https://x.example/">x</a>',
    ],
)
def test_deep_and_quoted_markup_gives_what_html_parser_gave(text: str) -> None:
    converted = convert_inline(text)
    assert (converted.markdown, converted.plain) == reference_convert_inline(text)
