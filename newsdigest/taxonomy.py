"""Ways into the digest besides the date: topics, entities, sources, months and years. Pure.

Everything here is plain frozen data made once in `site.assemble`; layouts only show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from .config import SiteConfig
from .model import Article
from .slugs import slugify

KINDS = ("topics", "entities", "sources")
"""The kinds of term, each one a folder of the site: /topics/<slug>/ and so on."""
MIN_ENTITY_ARTICLES = 2
"""An entity gets a page once this many articles name it: one mention is often noise."""


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list of articles."""

    number: int
    """1 for the list's own page."""
    articles: tuple[Article, ...]
    """The articles on this page, newest first."""
    path: str
    """'topics/x/' for the first page, 'topics/x/page/N/' for the others."""
    newer_path: str | None
    """The page with newer articles; None on the first."""
    older_path: str | None
    """The page with older articles; None on the last."""
    count: int
    """How many pages the list has."""


@dataclass(frozen=True)
class Term:
    """A topic, an entity or a source, with the articles that have it."""

    kind: str
    """'topics', 'entities' or 'sources': the folder it lives in."""
    name: str
    """As shown: the spelling of its newest article."""
    slug: str
    """URL-safe name, unique within its kind."""
    articles: tuple[Article, ...]
    """Newest first."""
    pages: tuple[ListPage, ...]
    """Its paginated list, first page first."""

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.slug}/"

    @property
    def feed_path(self) -> str:
        return f"{self.kind}/{self.slug}/feed.xml"


@dataclass(frozen=True)
class Month:
    """One month of the archive: its days with articles, and its neighbours."""

    year: int
    month: int
    days: tuple[Day, ...]
    """Its days with articles, newest first."""
    newer_path: str | None
    """The next month with articles; None for the newest."""
    older_path: str | None
    """The previous month with articles; None for the oldest."""

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def path(self) -> str:
        return f"{self.year:04d}/{self.month:02d}/"

    @property
    def article_count(self) -> int:
        return sum(len(day.articles) for day in self.days)


@dataclass(frozen=True)
class Year:
    """One year of the archive: its months with articles, and its neighbours."""

    year: int
    months: tuple[Month, ...]
    """Newest first."""
    newer_path: str | None
    older_path: str | None

    @property
    def path(self) -> str:
        return f"{self.year:04d}/"

    @property
    def article_count(self) -> int:
        return sum(month.article_count for month in self.months)


@dataclass(frozen=True)
class Day:
    """One calendar day of the digest, in the site's time zone."""

    date: date
    """The day."""
    articles: tuple[Article, ...]
    """That day's articles, newest first."""

    @property
    def path(self) -> str:
        return f"{self.date:%Y/%m/%d}/"


def terms(
    kind: str,
    articles: Sequence[Article],
    names: Callable[[Article], Iterable[str]],
    config: SiteConfig,
    minimum: int = 1,
) -> tuple[Term, ...]:
    """The terms of one kind, by name; the same slug gathers every spelling of a name."""
    members: dict[str, list[Article]] = {}
    spellings: dict[str, Counter[str]] = {}
    for article in articles:  # newest first, so lists come out newest first
        for slug, name in {slugify(n): n for n in names(article) if n.strip()}.items():
            members.setdefault(slug, []).append(article)
            spellings.setdefault(slug, Counter())[name] += 1
    return tuple(
        Term(
            kind,
            spellings[slug].most_common(1)[0][0],
            slug,
            tuple(found),
            _pages(f"{kind}/{slug}/", found, config.page_size),
        )
        for slug, found in sorted(members.items())
        if len(found) >= minimum
    )


def all_terms(articles: Sequence[Article], config: SiteConfig) -> dict[str, tuple[Term, ...]]:
    """Topics from tags, entities seen in enough articles, and sources: kind -> terms."""
    return {
        "topics": terms("topics", articles, lambda a: a.tags, config),
        "entities": terms("entities", articles, lambda a: a.entities, config, MIN_ENTITY_ARTICLES),
        "sources": terms("sources", articles, lambda a: (a.source,) if a.source else (), config),
    }


def _pages(path: str, articles: list[Article], size: int) -> tuple[ListPage, ...]:
    """Cut a list into pages of `size` under path; a list has at least one page."""
    chunks = [articles[start : start + size] for start in range(0, len(articles), size)] or [[]]
    paths = [
        path if number == 1 else f"{path}page/{number}/" for number in range(1, len(chunks) + 1)
    ]
    return tuple(
        ListPage(
            number=index + 1,
            articles=tuple(chunk),
            path=paths[index],
            newer_path=paths[index - 1] if index > 0 else None,
            older_path=paths[index + 1] if index + 1 < len(chunks) else None,
            count=len(chunks),
        )
        for index, chunk in enumerate(chunks)
    )


def group_by_day(articles: Iterable[Article], config: SiteConfig) -> tuple[Day, ...]:
    """Consecutive articles of the same local day, newest day first."""
    zone = config.zone
    return tuple(
        Day(day, tuple(group))
        for day, group in groupby(articles, key=lambda a: a.date.astimezone(zone).date())
    )


def archive(days: tuple[Day, ...]) -> tuple[tuple[Year, ...], tuple[Month, ...]]:
    """Years and months with articles, newest first, each linked to its neighbours."""
    grouped = [
        (year, month, tuple(group))
        for (year, month), group in groupby(days, key=lambda d: (d.date.year, d.date.month))
    ]
    month_paths = [f"{year:04d}/{month:02d}/" for year, month, _ in grouped]
    months = tuple(
        Month(year, month, group, _at(month_paths, index - 1), _at(month_paths, index + 1))
        for index, (year, month, group) in enumerate(grouped)
    )
    by_year = [(year, tuple(group)) for year, group in groupby(months, key=lambda m: m.year)]
    year_paths = [f"{year:04d}/" for year, _ in by_year]
    years = tuple(
        Year(year, group, _at(year_paths, index - 1), _at(year_paths, index + 1))
        for index, (year, group) in enumerate(by_year)
    )
    return years, months


def _at(paths: list[str], index: int) -> str | None:
    return paths[index] if 0 <= index < len(paths) else None
