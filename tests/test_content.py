from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import load_content

from newsdigest.config import SiteConfig
from newsdigest.content.load import load_article
from newsdigest.content.markdown import render_markdown
from newsdigest.model import Problem
from newsdigest.text import count_words

MOSCOW = ZoneInfo("Europe/Moscow")

ARTICLE = """---
title: A headline
date: 2025-03-14T09:30:00+03:00
source: The Moscow Times
source_url: https://www.themoscowtimes.com/a
related: [One, Two]
tags: [politics]
---

First sentence here. Second one.
"""


def load(text: str, problems: list[Problem] | None = None) -> object:
    return load_article(
        Path("content/articles/2025-03-14-x.md"),
        text,
        MOSCOW,
        problems if problems is not None else [],
    )


def test_an_article_with_every_field() -> None:
    article = load(ARTICLE)
    assert article is not None
    assert article.title == "A headline"  # type: ignore[attr-defined]
    assert article.date == datetime(2025, 3, 14, 9, 30, tzinfo=MOSCOW)  # type: ignore[attr-defined]
    assert article.slug == "x"  # type: ignore[attr-defined]
    assert article.related == ("One", "Two")  # type: ignore[attr-defined]
    assert article.tags == ("politics",)  # type: ignore[attr-defined]
    assert article.summary == "First sentence here. Second one."  # type: ignore[attr-defined]
    assert article.body_html == "<p>First sentence here. Second one.</p>\n"  # type: ignore[attr-defined]


def test_a_naive_date_takes_the_site_zone() -> None:
    article = load(ARTICLE.replace("2025-03-14T09:30:00+03:00", "2025-03-14"))
    assert article.date == datetime(2025, 3, 14, tzinfo=MOSCOW)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("change", "line", "fragment"),
    [
        (("title: A headline\n", ""), 1, "'title' is missing"),
        (("2025-03-14T09:30:00+03:00", "next tuesday"), 3, "'date' 'next tuesday' is not a date"),
        (("tags: [politics]", "tags: {a: 1}"), 7, "'tags' must be a list of text"),
        (("title: A headline", "title: A headline\nslug: ../etc"), 3, "slug '../etc' must be"),
        (("date:", "date: [\ndate:"), 5, "not valid YAML"),
    ],
)
def test_bad_fields_are_reported_with_their_line(
    change: tuple[str, str], line: int, fragment: str
) -> None:
    problems: list[Problem] = []
    result = load(ARTICLE.replace(*change), problems)
    assert result is None or problems
    assert problems and problems[0].line == line and fragment in problems[0].message


def test_a_non_http_source_url_is_dropped_with_a_warning() -> None:
    problems: list[Problem] = []
    article = load(
        ARTICLE.replace("https://www.themoscowtimes.com/a", "javascript:alert(1)"), problems
    )
    assert article is not None and article.source_url == ""  # type: ignore[attr-defined]
    assert problems[0].severity == "warning"


def test_raw_html_is_escaped_and_bad_links_are_not_links() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror="y">'
    )
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and 'href="javascript' not in html


def test_typographic_quotes() -> None:
    assert render_markdown('"Hi," he said -- it\'s') == "<p>“Hi,” he said – it’s</p>\n"


def test_cjk_is_counted_by_character() -> None:
    assert count_words("日本語 text here") == 5


def test_load_content_sorts_articles_and_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2025-03-14-x.md").write_text(ARTICLE, encoding="utf-8")
    (content / "articles" / "bad.md").write_text("---\ntitle: no date\n---\n", encoding="utf-8")
    (content / "about.md").write_text("---\ntitle: About us\n---\nWho we are.\n", encoding="utf-8")
    (content / ".hidden.md").write_text("x", encoding="utf-8")
    (content / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    result = load_content(SiteConfig(root=tmp_path, timezone="Europe/Moscow"))
    assert [a.title for a in result.articles] == ["A headline"]
    assert [(p.title, p.url) for p in result.pages] == [("About us", "about/")]
    assert result.pages[0].description == "Who we are."
    messages = sorted(str(p) for p in result.problems)
    assert any("bad.md" in m and "'date'" in m for m in messages)
    assert any("latin1.md" in m and "not UTF-8" in m for m in messages)


DERIVED = """---
title: Talks in Geneva
date: 2025-03-14T09:30:00+03:00
---

Maria Lopez met Tom Fischer in Geneva. They talked for an hour.

Later, Lopez said the talks with Fischer went well. Fischer agreed with Lopez.
"""


def test_summary_and_names_come_from_the_current_text() -> None:
    article = load(DERIVED)
    assert article.summary == "Maria Lopez met Tom Fischer in Geneva. They talked for an hour."  # type: ignore[attr-defined]
    assert article.entities == ("Maria Lopez", "Tom Fischer", "Geneva")  # type: ignore[attr-defined]
    assert article.word_count == 25  # type: ignore[attr-defined]
    edited = load(
        DERIVED.replace("Maria Lopez met Tom Fischer in Geneva.", "Maria Lopez flew home.")
    )
    assert edited.summary == "Maria Lopez flew home. They talked for an hour."  # type: ignore[attr-defined]
    assert "Tom Fischer" not in edited.entities and "Geneva" not in edited.entities  # type: ignore[attr-defined]
    assert edited.word_count == 22  # type: ignore[attr-defined]


def test_the_summary_is_the_leads_not_the_next_paragraphs() -> None:
    article = load(DERIVED.replace(" They talked for an hour.", ""))
    assert article.summary == "Maria Lopez met Tom Fischer in Geneva."  # type: ignore[attr-defined]


def test_front_matter_summary_and_names_win() -> None:
    given = DERIVED.replace("---\n\n", "summary: Talks went well.\nentities: [Geneva]\n---\n\n")
    article = load(given)
    assert article.summary == "Talks went well."  # type: ignore[attr-defined]
    assert article.entities == ("Geneva",)  # type: ignore[attr-defined]
    none = load(DERIVED.replace("---\n\n", "entities: []\n---\n\n"))
    assert none.entities == ()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("given", "pinned"), [("true", True), ("false", False), ("", False)])
def test_pinned_is_a_yes_or_no_field(given: str, pinned: bool) -> None:
    text = ARTICLE.replace("tags:", f"pinned: {given}\ntags:") if given else ARTICLE
    problems: list[Problem] = []
    article = load(text, problems)
    assert article is not None and article.pinned is pinned  # type: ignore[attr-defined]
    assert problems == []


@pytest.mark.parametrize("value", ['"yes"', "3", "[true]", "yes please"])
def test_a_bad_pinned_value_is_an_error_on_its_line_and_the_article_stays(value: str) -> None:
    problems: list[Problem] = []
    article = load(ARTICLE.replace("tags:", f"pinned: {value}\ntags:"), problems)
    assert article is not None and article.pinned is False  # type: ignore[attr-defined]
    assert [(p.line, p.severity) for p in problems] == [(7, "error")]
    assert "'pinned' must be true or false" in problems[0].message
