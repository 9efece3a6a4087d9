"""newsdigest.content.quotes: one rule for quotes, the same in a body, a headline, a summary
and every feed item made of them."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from helpers import make_site

from newsdigest.config import load_config
from newsdigest.content.markdown import render_markdown
from newsdigest.content.quotes import curl, curl_pieces
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions


@pytest.mark.parametrize(
    ("written", "curled"),
    [
        ('"Hello," she said.', "“Hello,” she said."),
        ('She said: "We won\'t go."', "She said: “We won’t go.”"),
        ("don't, can't, O'Neill's", "don’t, can’t, O’Neill’s"),
        ("the '90s and the '87 crash", "the ’90s and the ’87 crash"),
        ("rock 'n' roll, rock'n'roll", "rock ’n’ roll, rock’n’roll"),
        ("'Tis the season; give 'em hell", "’Tis the season; give ’em hell"),
        ("the dogs' bowls", "the dogs’ bowls"),
        ("the 'burbs", "the ’burbs"),
        ("'Yes,' he said", "‘Yes,’ he said"),
        ("\"He said 'no.'\"", "“He said ‘no.’”"),
        ("\"'Hi,' he said\"", "“‘Hi,’ he said”"),
        ('("quoted")', "(“quoted”)"),
        ('"Yes"—"No"', "“Yes”—“No”"),
        ('"Why?" "Because!"', "“Why?” “Because!”"),
        ('"An unclosed quote goes on', "“An unclosed quote goes on"),
        ('5 " 6', '5 " 6'),  # space on both sides: no quote
        ("no quotes at all", "no quotes at all"),
    ],
)
def test_small_sentences_get_typographic_quotes(written: str, curled: str) -> None:
    assert curl(written) == curled


def test_code_spans_and_web_addresses_in_a_plain_field_stay_as_written() -> None:
    assert curl('Run `say "hi"` at "home"') == 'Run `say "hi"` at “home”'
    assert curl('see https://x.example/a"b and "this"') == 'see https://x.example/a"b and “this”'
    assert curl("www.x.example/it's it's") == "www.x.example/it's it’s"


def test_pieces_are_read_as_one_text_but_only_changeable_ones_change() -> None:
    pieces = [('"', True), ("code", False), ('" and "', True), ("x", True), ('"', True)]
    assert curl_pieces(pieces) == ["“", "code", "” and “", "x", "”"]
    assert curl_pieces([('"', False), ("a", True), ('"', True)]) == ['"', "a", "”"]


def test_the_body_follows_the_same_rule_and_leaves_code_and_addresses() -> None:
    html = render_markdown(
        '"*Really*," said O\'Neill of the \'90s: `"raw"` <https://x.example/"q> \\"kept\\"'
    )
    assert "“<em>Really</em>,” said O’Neill of the ’90s" in html
    assert "<code>&quot;raw&quot;</code>" in html  # a code span is never touched
    assert ">https://x.example/&quot;q</a>" in html  # nor an autolink's address
    assert "&quot;kept&quot;" in html  # an escaped quote is the author's choice
    assert render_markdown('![A "pic"](p.png)') == '<p><img src="p.png" alt="A “pic”"></p>\n'


def test_escaping_stays_safe() -> None:
    assert curl('<b onclick="x">') == "<b onclick=“x”>"  # text: the layouts escape it later
    html = render_markdown('<b onclick="x"> & "y"')
    assert "<b" not in html and "&lt;b onclick=“x”&gt;" in html and "“y”" in html


STYLES = re.compile(r"[\"'“”‘’]")


def _quotes(text: str) -> set[str]:
    return set(STYLES.findall(unescape(text)))


def test_one_article_and_its_feed_items_use_one_quote_style(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {}, 'title = "Quotes"\n')
    page = (
        "---\n"
        "title: 'Minister says \"we won''t wait\" for the ''90s rules'\n"
        "date: 2025-03-10T10:00:00+00:00\n"
        "summary: 'The \"plan\" is O''Neill''s, aides say.'\n"
        "---\n\n"
        "\"We won't wait,\" the minister said of the '90s rules.\n"
    )
    (site / "content" / "articles" / "a.md").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    build(load_config(site), BuildOptions(out_dir=out, skip_ingest=True, use_cache=False))
    html = (out / "2025" / "03" / "10" / "a" / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    meta = re.search(r'<meta name="description" content="([^"]*)"', html)
    body = re.search(r'<div class="body[^"]*"[^>]*>(.*?)</div>', html, re.S)
    assert h1 and title and meta and body
    headline = "Minister says “we won’t wait” for the ’90s rules"
    assert unescape(h1.group(1)).strip() == headline
    assert headline in unescape(title.group(1))
    assert unescape(meta.group(1)) == "The “plan” is O’Neill’s, aides say."
    assert "“We won’t wait,” the minister said of the ’90s rules." in body.group(1)
    for shown in (h1.group(1), title.group(1), meta.group(1), body.group(1)):
        assert _quotes(shown) <= {"“", "”", "’"}
    rss = (out / "feed.xml").read_text(encoding="utf-8")
    atom = (out / "atom.xml").read_text(encoding="utf-8")
    item = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"][0]
    for feed in (rss, atom):
        entry = feed[feed.index("<item>" if feed is rss else "<entry>") :]
        assert headline in unescape(unescape(entry))
        assert "The “plan” is O’Neill’s, aides say." in unescape(unescape(entry))
        assert not re.search(r"(?<![=\w])\"(?=[A-Za-z ])[^<>]*?[A-Za-z]\"", unescape(entry))
    assert item["title"] == headline and item["summary"] == "The “plan” is O’Neill’s, aides say."
    assert "“We won’t wait,” the minister" in item["content_html"]
    for text in (item["title"], item["summary"], unescape(item["content_html"])):
        assert _quotes(re.sub(r"<[^>]+>", "", text)) <= {"“", "”", "’"}
