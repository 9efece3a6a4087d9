"""The front page: its order (pinned stories first), its lead block and its topic blocks. Pure.

An editor pins a story with `pinned: true` in its front matter. The home's list is every
article once, newest first, with the pinned ones taken to its top (newest pinned first), so
they lead page 1 and the later pages hold the rest as before. Page 1 then shows:

- the lead block: the pinned stories, or the latest story when none is pinned; the first of
  them is the lead, shown larger with its summary;
- a block for each of the topics with most articles among the latest (`RECENT`), up to
  `TOPIC_BLOCKS`, each with its newest `TOPIC_ITEMS` headlines and a link to its page: few and
  short, so that the page stays a few screens long on a phone;
- the latest day's top stories, at most `TOP_STORIES`, each with `STORY_REPORTS` of its
  other reports (`Site.top_stories`: a busy day has twenty);
- the rest of page 1, by day, as every home page shows its articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from newsdigest.model import Article

from .calendar import Day, group_by_day
from .pages import ListPage, paginate
from .taxonomy import Term

RECENT = 100
"""How many of the latest articles decide which topics the front page shows."""
TOPIC_BLOCKS = 4
"""At most this many topic blocks."""
TOPIC_ITEMS = 3
"""Headlines in each topic block."""
TOP_STORIES = 5
"""At most this many of the latest day's stories (clusters of reports) on page 1."""
STORY_REPORTS = 3
"""Other reports listed under each of them; the story's count says how many it has."""


@dataclass(frozen=True)
class TopicBlock:
    """One topic on the front page."""

    term: Term
    """The topic, with its page and its article count."""
    articles: tuple[Article, ...]
    """Its newest articles but the lead block's, newest first."""


@dataclass(frozen=True)
class Front:
    """What page 1 of the home shows above and beside its list."""

    leads: tuple[Article, ...]
    """The lead block: the pinned stories on page 1 (newest first), else the latest story;
    the first is the lead. Empty for a site without articles."""
    latest: tuple[Day, ...]
    """Page 1's other articles, by day, newest first."""
    topics: tuple[TopicBlock, ...]
    """The topic blocks, the topic with most recent articles first."""


def home_and_front(
    articles: Sequence[Article], topics: Sequence[Term], size: int, zone: tzinfo
) -> tuple[tuple[ListPage, ...], Front]:
    """The home's pages (of `size`) in `home_order`, and what page 1 shows beside its list."""
    home = paginate(home_order(articles), size, "", zone)
    return home, front_page(home[0], topics, articles)


def home_order(articles: Sequence[Article]) -> list[Article]:
    """The home's list: `articles` (newest first) with the pinned ones moved to the top."""
    return [a for a in articles if a.pinned] + [a for a in articles if not a.pinned]


def front_page(first: ListPage, topics: Sequence[Term], recent: Sequence[Article]) -> Front:
    """Page 1's lead block, topic blocks and list. `first` is page 1 of the home in
    `home_order`, `recent` the site's latest articles, newest first."""
    leads = tuple(a for a in first.articles if a.pinned) or first.articles[:1]
    shown = {a.key for a in leads}
    rest = [a for a in first.articles if a.key not in shown]
    return Front(leads, group_by_day(rest, first.zone), topic_blocks(topics, recent, shown))


def topic_blocks(
    topics: Sequence[Term], recent: Sequence[Article], shown: set[str]
) -> tuple[TopicBlock, ...]:
    """The topics with most articles among `recent`, each with its newest articles that are
    not in `shown` (the lead block); ties go to the topic with the newer latest article."""
    latest = {a.key for a in recent[:RECENT]}
    ranked = []
    for term in topics:
        count = sum(1 for a in term.articles[:RECENT] if a.key in latest)
        items = tuple(a for a in term.articles[: TOPIC_ITEMS + len(shown)] if a.key not in shown)
        if count and items:
            ranked.append((-count, -items[0].date.timestamp(), term.slug, term, items))
    ranked.sort(key=lambda row: row[:3])
    return tuple(TopicBlock(row[3], row[4][:TOPIC_ITEMS]) for row in ranked[:TOPIC_BLOCKS])
