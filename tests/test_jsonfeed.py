"""newsdigest.render.jsonfeed: JSON Feed 1.1 of the latest articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsdigest.config import SiteConfig
from newsdigest.content.load import load_file
from newsdigest.model import Article
from newsdigest.render.jsonfeed import VERSION, json_feed
from newsdigest.site import Site, assemble

NEWEST = datetime(2025, 3, 14, 12, tzinfo=UTC)
BASE = "https://example.org/news/"


def article(slug: str, hours_ago: int = 0, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "source_path": Path(f"{slug}.md"),
        "title": slug.title(),
        "date": NEWEST - timedelta(hours=hours_ago),
        "slug": slug,
        "summary": f"About {slug}.",
        "body_html": "<p>b</p>",
        "word_count": 1,
    }
    return Article(**{**values, **fields})


def site_of(*articles: Article, **settings: Any) -> Site:
    site, _ = assemble(SiteConfig(root=Path("site"), base_url=BASE, **settings), articles, ())
    return site


def content(item: Article, permalink: str) -> str:
    return f"<p>{item.slug} at {permalink}</p>"


def feed_of(site: Site) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json_feed(site, content))
    return data


def test_the_feed_is_json_feed_1_1() -> None:
    feed = feed_of(site_of(article("a"), title="Test Digest", language="de"))
    assert feed["version"] == VERSION == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Test Digest"
    assert feed["language"] == "de"
    assert feed["home_page_url"] == BASE
    assert feed["feed_url"] == BASE + "feed.json"
    assert feed["authors"] == [{"name": "Newsdigest"}]


def test_items_are_the_newest_feed_size_articles_newest_first() -> None:
    items = [article("old", 5), article("new", 0), article("mid", 2), article("older", 9)]
    feed = feed_of(site_of(*items, feed_size=2))
    assert [item["title"] for item in feed["items"]] == ["New", "Mid"]


def test_an_empty_site_has_an_empty_feed() -> None:
    assert feed_of(site_of())["items"] == []


def test_id_url_and_permalink_are_one() -> None:
    site = site_of(article("a"))
    (item,) = feed_of(site)["items"]
    permalink = site.permalink(site.articles[0])
    assert permalink == BASE + "2025/03/14/a/"
    assert item["id"] == item["url"] == permalink
    assert item["content_html"] == f"<p>a at {permalink}</p>"


def test_an_item_carries_its_dates_summary_and_author() -> None:
    (item,) = feed_of(site_of(article("a", source="Example News")))["items"]
    assert item["date_published"] == item["date_modified"] == "2025-03-14T12:00:00+00:00"
    assert item["summary"] == "About a."
    assert item["authors"] == [{"name": "Example News"}]


def test_without_a_summary_or_source_the_title_and_the_digest_s_author_stand_in() -> None:
    (item,) = feed_of(site_of(article("a", summary="")))["items"]
    assert item["summary"] == "A"
    assert item["authors"] == [{"name": "Newsdigest"}]


@pytest.mark.parametrize(
    ("source_url", "external"),
    [
        ("https://news.example/a", "https://news.example/a"),
        ("http://news.example/a", "http://news.example/a"),
        ("javascript:alert(1)", None),
        ("ftp://news.example/a", None),
        ("/relative/path", None),
        ("", None),
    ],
)
def test_external_url_only_for_http_sources(
    tmp_path: Path, source_url: str, external: str | None
) -> None:
    config = SiteConfig(root=tmp_path, base_url=BASE)
    page = config.articles_dir / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        f"---\ntitle: A\ndate: 2025-03-14T12:00:00+00:00\nsource_url: {json.dumps(source_url)}\n"
        "---\n\nBody.\n",
        encoding="utf-8",
    )
    loaded = load_file(config, page)
    assert loaded.article is not None
    site, _ = assemble(config, (loaded.article,), ())
    (item,) = feed_of(site)["items"]
    assert item.get("external_url") == external


def test_tags_only_when_the_article_has_them() -> None:
    site = site_of(article("a", tags=("Economy", "Ukraine")), article("b", 1))
    tagged, plain = feed_of(site)["items"]
    assert tagged["tags"] == ["Economy", "Ukraine"]
    assert "tags" not in plain


def test_the_bytes_are_reproducible_utf8_json() -> None:
    items = [article("a", title="Путин и «мир»"), article("b", 1, tags=("Économie",))]
    first = json_feed(site_of(*items), content)
    assert json_feed(site_of(*items), content) == first
    assert first.endswith(b"}\n")
    assert "Путин и «мир»".encode() in first  # readable, not \\u escapes
    assert list(json.loads(first)) == sorted(json.loads(first))
