"""newsdigest.site.front: pinned stories lead page 1, the lead block and the topic blocks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import render_site

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.render.sitemap import sitemap
from newsdigest.site import assemble
from newsdigest.site.front import TOPIC_BLOCKS, TOPIC_ITEMS

NEWEST = datetime(2025, 3, 14, 12, tzinfo=UTC)
CONFIG = SiteConfig(root=Path("."), timezone="UTC", page_size=4)


def article(n: int, pinned: bool = False, tags: tuple[str, ...] = ()) -> Article:
    when = NEWEST - timedelta(hours=7 * n)
    return Article(
        Path(f"a{n}.md"), f"Story {n}", when, f"a{n}", f"Lead {n}.", "<p>b</p>", 1,
        tags=tags, pinned=pinned,
    )  # fmt: skip


def slugs(items: object) -> list[str]:
    return [a.slug for a in items]  # type: ignore[attr-defined]


def test_without_pins_the_latest_story_leads_and_the_rest_follow_by_day() -> None:
    site, _ = assemble(CONFIG, tuple(article(n) for n in range(6)), ())
    assert site.front is not None
    assert slugs(site.front.leads) == ["a0"]
    assert [slugs(day.articles) for day in site.front.latest] == [["a1"], ["a2", "a3"]]
    assert slugs(site.home_pages[0].articles) == ["a0", "a1", "a2", "a3"]


def test_pinned_stories_lead_page_1_newest_first_and_each_article_is_listed_once() -> None:
    items = [article(n, pinned=n in (2, 5)) for n in range(7)]
    site, _ = assemble(CONFIG, tuple(items), ())
    assert site.front is not None
    assert slugs(site.front.leads) == ["a2", "a5"]
    assert [slugs(day.articles) for day in site.front.latest] == [["a0", "a1"]]
    pages = [slugs(page.articles) for page in site.home_pages]
    assert pages == [["a2", "a5", "a0", "a1"], ["a3", "a4", "a6"]]
    assert slugs(site.articles) == [f"a{n}" for n in range(7)]  # only the home moves them


def test_topic_blocks_are_the_busiest_recent_topics_without_the_lead_block() -> None:
    tags = {0: ("Oil",), 1: ("Oil", "Farming"), 2: ("Oil",), 3: ("Farming",), 4: ("Oil",)}
    items = [article(n, tags=tags.get(n, (f"Topic {n}",))) for n in range(12)]
    site, _ = assemble(CONFIG, tuple(items), ())
    assert site.front is not None
    blocks = site.front.topics
    assert len(blocks) == TOPIC_BLOCKS and [b.term.name for b in blocks[:2]] == ["Oil", "Farming"]
    assert slugs(blocks[0].articles) == ["a1", "a2", "a4"][:TOPIC_ITEMS]  # a0 is the lead
    assert slugs(blocks[1].articles) == ["a1", "a3"]
    assert [b.term.name for b in blocks[2:]] == ["Topic 5", "Topic 6"]  # newest first


def test_page_1_shows_the_lead_larger_with_its_summary_and_later_pages_do_not() -> None:
    items = [article(n, pinned=n == 3, tags=("Oil",) if n % 2 else ()) for n in range(9)]
    site, _ = assemble(replace(CONFIG, title="Front"), tuple(items), ())
    pages = render_site(site)
    home, second = pages["index.html"], pages["page/2/index.html"]
    lead = re.search(r'<section class="lead-block".*?</section>', home, re.S)
    assert lead and 'class="lead-title"' in lead.group() and "Story 3" in lead.group()
    assert '<p class="lead-summary">Lead 3.</p>' in lead.group()
    assert home.count(">Story 3<") == 1  # not again in the list below
    topics = re.search(r'<section class="topic-blocks".*</section>', home, re.S)
    assert (
        topics
        and 'href="topics/oil/"' in topics.group()
        and "All 4 articles on Oil" in topics.group()
    )
    assert "lead-block" not in second and "topic-blocks" not in second and "Story 3" not in second


def test_the_sitemap_dates_page_1_by_its_newest_article_not_its_pinned_lead() -> None:
    items = [article(n, pinned=n == 5) for n in range(6)]
    site, _ = assemble(replace(CONFIG, base_url="https://example.org/"), tuple(items), ())
    entry = re.search(
        r"<loc>https://example.org/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap(site).decode()
    )
    assert entry and entry.group(1).startswith(NEWEST.date().isoformat())


def test_a_pinned_story_of_another_year_shows_its_year() -> None:
    old = replace(article(9, pinned=True), date=NEWEST.replace(year=2024))
    site, _ = assemble(CONFIG, (article(0), old), ())
    home = render_site(site)["index.html"]
    lead = re.search(r'<section class="lead-block".*?</section>', home, re.S)
    assert lead and "March 14, 2024" in lead.group()
