from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import feedparser

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.render.feeds import render_feeds, xml_safe
from newsdigest.site import assemble

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def make_site(count: int, feed_size: int = 50, base_url: str = "https://example.org/news/"):  # type: ignore[no-untyped-def]
    config = SiteConfig(
        root=Path("."), base_url=base_url, feed_size=feed_size, timezone="Europe/Moscow"
    )
    start = datetime(2025, 3, 1, 9, tzinfo=timezone(timedelta(hours=3)))
    articles = tuple(
        Article(
            Path(f"{i}.md"),
            f"Title {i} <b>&</b>",
            start + timedelta(hours=i * 7),
            f"title-{i}",
            f"Summary {i}.",
            f"<p>Body {i}</p>",
            2,
            source="The Moscow Times",
            source_url=f"https://www.themoscowtimes.com/{i}",
            correction="Fixed." if i == 0 else "",
        )
        for i in range(count)
    )
    return assemble(config, articles, ())[0]


def parse(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def test_both_feeds_parse_with_one_entry_per_article_newest_first() -> None:
    site = make_site(5)
    rss, atom, *_ = render_feeds(site, EPOCH)
    assert (rss.path, atom.path) == ("feed.xml", "atom.xml")
    for rendered in (rss, atom):
        feed = parse(rendered.data)
        assert [e.title for e in feed.entries] == [f"Title {i} <b>&</b>" for i in range(4, -1, -1)]
        links = [e.link for e in feed.entries]
        assert links[0] == "https://example.org/news/2025/03/02/title-4/"
        assert [e.id for e in feed.entries] == links
        assert feed.entries[0].published_parsed is not None
        assert feed.feed.link == "https://example.org/news/"
    rss_feed = parse(rss.data)
    assert rss_feed.entries[0].id == rss_feed.entries[0].link
    assert (
        b'<guid isPermaLink="true">https://example.org/news/2025/03/02/title-4/</guid>' in rss.data
    )
    assert b'<atom:link href="https://example.org/news/feed.xml" rel="self"' in rss.data
    assert b'<link href="https://example.org/news/atom.xml" rel="self"/>' in atom.data


def test_feed_dates_come_from_the_newest_article_not_the_clock() -> None:
    site = make_site(3)
    rss, atom, *_ = render_feeds(site, EPOCH)
    assert b"<lastBuildDate>Sat, 01 Mar 2025 23:00:00 +0300</lastBuildDate>" in rss.data
    assert b"<updated>2025-03-01T23:00:00+03:00</updated>" in atom.data
    assert render_feeds(make_site(3), EPOCH)[:2] == [rss, atom]


def test_feed_size_limits_entries_and_an_empty_site_uses_the_fallback_date() -> None:
    assert len(parse(render_feeds(make_site(10, feed_size=3), EPOCH)[0].data).entries) == 3
    rss, atom, *_ = render_feeds(make_site(0), EPOCH)
    assert b"Thu, 01 Jan 1970 00:00:00 +0000" in rss.data
    assert parse(atom.data).entries == []


def test_full_content_carries_correction_and_original_link() -> None:
    feed = parse(render_feeds(make_site(1), EPOCH)[1].data)
    content = feed.entries[0].content[0].value
    assert "<p>Body 0</p>" in content and "Correction: Fixed." in content
    assert 'href="https://www.themoscowtimes.com/0"' in content
    assert feed.entries[0].summary == "Summary 0."


def test_xml_forbidden_characters_are_removed() -> None:
    assert xml_safe("a\x00b\x0bc\x1fd\ufffe") == "abcd"


def test_every_feed_names_each_item_s_author() -> None:
    site = make_site(2)
    rss, atom, *_ = render_feeds(site, EPOCH)
    for rendered in (rss, atom):
        assert [e.author for e in parse(rendered.data).entries] == ["The Moscow Times"] * 2
    assert rss.data.count(b"<dc:creator>The Moscow Times</dc:creator>") == 2
