"""The digest's news pages and feeds: archives, topics, entities, sources, stories, JSON Feed,
OPML, sharing tags and the sitemap, on a small site built end to end and checked."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from helpers import make_site

from newsdigest.check.checker import check_site
from newsdigest.config import load_config
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions

BASE = "https://example.org/news/"
ARTICLES = {
    "2025-02-27-ceasefire-talks.md": (
        "Ceasefire Talks Open in Riyadh as Putin Envoy Arrives",
        "2025-02-27T10:00:00+03:00",
        "[diplomacy, Ukraine war]",
        "[Vladimir Putin, Saudi Arabia, Kremlin]",
        "Example Times",
    ),
    "2025-03-14-trump-good-chance.md": (
        "Trump Claims Very Good Chance to End Ukraine War After Putin Meeting",
        "2025-03-14T09:00:00+03:00",
        "[diplomacy]",
        "[Donald Trump, Vladimir Putin, Ukraine]",
        "The Moscow Times",
    ),
    "2025-03-14-trump-sees-chance.md": (
        "Trump Sees Good Chance of Ending Ukraine War After Envoy Meets Putin",
        "2025-03-14T15:00:00+03:00",
        "[]",
        "[Donald Trump, Vladimir Putin, Steve Witkoff]",
        "Example Times",
    ),
}


def article_text(title: str, date: str, tags: str, entities: str, source: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\nentities: {entities}\n"
        f"source: {source}\nsource_url: https://example.com/{len(title)}\n---\n\n"
        f"{title}. A report on the talks, with enough words to read.\n"
    )


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("news")
    site = make_site(root / "site", {}, 'timezone = "Europe/Moscow"\npage_size = 1\n')
    for name, fields in ARTICLES.items():
        (site / "content" / "articles" / name).write_text(article_text(*fields), encoding="utf-8")
    report = build(load_config(site, BASE), BuildOptions(out_dir=root / "out"))
    assert not report.errors
    return root / "out"


def page(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def test_the_built_site_checks_clean(out: Path) -> None:
    report = check_site(out, load_config(out, BASE), datetime(2030, 1, 1, tzinfo=UTC))
    assert report.findings == ()


def test_month_and_year_archives_link_to_their_neighbours(out: Path) -> None:
    march, february = page(out, "2025/03"), page(out, "2025/02")
    assert 'href="../../2025/02/"' in march and "Previous month" in march
    assert 'href="../../2025/03/"' in february and "Next month" in february
    assert "March 2025" in page(out, "2025") and 'href="../2025/03/"' in page(out, "archive")


def test_topics_are_paginated_and_counted(out: Path) -> None:
    index = page(out, "topics")
    assert "Diplomacy" in index or "diplomacy" in index
    assert "2 articles" in index
    assert (out / "topics/diplomacy/page/2/index.html").is_file()  # page_size is 1
    assert "Page 1 of 2" in page(out, "topics/diplomacy")


def test_entities_need_two_articles_and_sources_have_pages(out: Path) -> None:
    assert "3 articles" in page(out, "entities/vladimir-putin")
    assert (out / "entities/donald-trump/index.html").is_file()
    assert not (out / "entities/steve-witkoff").exists()  # one article only
    assert "Example Times" in page(out, "sources/example-times")


def test_the_home_page_shows_the_day_s_story_and_articles_list_its_other_reports(
    out: Path,
) -> None:
    home = page(out, "")
    assert "Top stories" in home and "2 reports" in home
    article = page(out, "2025/03/14/trump-good-chance")
    assert "Other reports of this story" in article and "Trump Sees Good Chance" in article
    assert "Related articles" in article and "Ceasefire Talks Open" in article
    assert "words" in article and "min read" in article


@pytest.mark.parametrize(
    "feed",
    [
        "topics/diplomacy/feed.xml",
        "entities/vladimir-putin/feed.xml",
        "sources/example-times/feed.xml",
    ],
)
def test_every_term_has_a_valid_rss_feed(out: Path, feed: str) -> None:
    parsed = feedparser.parse((out / feed).read_bytes())
    assert parsed.bozo == 0 and parsed.version == "rss20"
    assert parsed.entries and all(e.link.startswith(BASE) for e in parsed.entries)
    assert parsed.feed.link == BASE + feed.removesuffix("feed.xml")


def test_json_feed_has_the_spec_s_required_fields(out: Path) -> None:
    feed = json.loads((out / "feed.json").read_bytes())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"] == BASE
    assert feed["feed_url"] == BASE + "feed.json"
    assert [item["id"] for item in feed["items"]] == [item["url"] for item in feed["items"]]
    for item in feed["items"]:
        assert {"id", "url", "content_html", "summary", "date_published", "authors"} <= item.keys()
        datetime.fromisoformat(item["date_published"])
    assert feed["items"][0]["title"].startswith("Trump Sees")  # newest first


def test_feeds_page_and_opml_list_the_topic_feeds(out: Path) -> None:
    assert "topics/diplomacy/feed.xml" in page(out, "feeds")
    root = ET.fromstring((out / "feeds.opml").read_bytes())
    urls = {o.get("xmlUrl") for o in root.iter("outline")}
    assert BASE + "topics/diplomacy/feed.xml" in urls and BASE + "feed.xml" in urls


def test_sharing_tags_and_json_ld(out: Path) -> None:
    article = page(out, "2025/03/14/trump-good-chance")
    assert f'<link rel="canonical" href="{BASE}2025/03/14/trump-good-chance/">' in article
    assert '<meta property="og:type" content="article">' in article
    assert '<meta name="twitter:card" content="summary">' in article
    data = article.split('<script type="application/ld+json">')[1].split("</script>")[0]
    ld = json.loads(data)
    assert ld["@type"] == "NewsArticle" and ld["isBasedOn"].startswith("https://example.com/")
    assert ld["datePublished"] == "2025-03-14T09:00:00+03:00"
    assert '<meta property="og:type" content="website">' in page(out, "topics")


def test_the_sitemap_dates_every_page(out: Path) -> None:
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = list(root.iter(f"{ns}url"))
    assert len(urls) == sum(1 for p in out.rglob("*.html") if p.name != "404.html")
    assert all(url.find(f"{ns}lastmod") is not None for url in urls)
