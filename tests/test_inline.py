"""newsdigest.ingest.inline: untrusted scraped HTML into safe Markdown and plain text."""

from __future__ import annotations

import pytest

from newsdigest.ingest.inline import (
    clean_control_chars,
    convert_inline,
    escape_block_starts,
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
        ("<!-- hidden --> shown", "shown", "shown"),
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
