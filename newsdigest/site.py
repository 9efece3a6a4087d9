"""The whole site as one immutable model: what pages exist, at which URLs, showing what.

Site paths are relative to the base URL, never start with '/', and end in '/' for pages
('2025/03/14/slug/') or a file name for other outputs ('feed.xml'). '' is the home page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import TypeVar

from .config import SiteConfig
from .model import Article, Page, Problem

ARCHIVE_PATH = "archive/"
RSS_PATH = "feed.xml"
ATOM_PATH = "atom.xml"
T = TypeVar("T", Article, Page)
RESERVED = frozenset(
    {"archive", "page", "static", "feed.xml", "atom.xml", "sitemap.xml", "robots.txt", "404.html"}
)


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


@dataclass(frozen=True)
class HomePage:
    """One page of the paginated home: a slice of the latest articles, grouped by day."""

    number: int
    """1 for the home page itself."""
    days: tuple[Day, ...]
    """The days on this page, each with only the articles that fall on this page."""
    path: str
    """'' for the first page, 'page/N/' for the others."""
    newer_path: str | None
    """The page before, with newer articles; None on the first."""
    older_path: str | None
    """The page after, with older articles; None on the last."""
    count: int
    """How many home pages there are."""


@dataclass(frozen=True)
class MonthArchive:
    """The days of one month that have articles, for the archive page."""

    year: int
    month: int
    days: tuple[Day, ...]

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%B %Y")


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, decided: nothing here is computed during rendering."""

    config: SiteConfig
    articles: tuple[Article, ...]
    """Every article, newest first."""
    pages: tuple[Page, ...]
    """Hand-written pages, by URL."""
    days: tuple[Day, ...]
    """Days with articles, newest first."""
    home_pages: tuple[HomePage, ...]
    """The paginated home, first page first."""
    months: tuple[MonthArchive, ...]
    """The archive, newest month first."""
    paths: Mapping[int, str] = field(default_factory=dict, repr=False, compare=False)
    """Each article's site path, by id() of the Article in `articles`: computed once."""

    def article_path(self, article: Article) -> str:
        return self.paths.get(id(article)) or article_path(article, self.config)

    def day_path(self, article: Article) -> str:
        return f"{article.date.astimezone(self.config.zone):%Y/%m/%d}/"

    def permalink(self, article: Article) -> str:
        """The article's absolute URL: the feeds' links and ids."""
        return self.config.absolute(self.article_path(article))

    @property
    def feed_articles(self) -> tuple[Article, ...]:
        return self.articles[: self.config.feed_size]


def article_path(article: Article, config: SiteConfig) -> str:
    return f"{article.date.astimezone(config.zone):%Y/%m/%d}/{article.slug}/"


def assemble(
    config: SiteConfig, articles: tuple[Article, ...], pages: tuple[Page, ...]
) -> tuple[Site, list[Problem]]:
    """Order, group and paginate; drop (and report) anything whose URL another item already has."""
    problems: list[Problem] = []
    ordered = sorted(articles, key=lambda a: (a.date, a.title, str(a.source_path)), reverse=True)
    zone = config.zone
    paths = {id(a): f"{a.date.astimezone(zone):%Y/%m/%d}/{a.slug}/" for a in ordered}
    unique_articles = _unique(ordered, lambda a: paths[id(a)], problems)
    kept_pages = [p for p in pages if not _reserved(p, problems)]
    unique_pages = _unique(sorted(kept_pages, key=lambda p: p.url), lambda p: p.url, problems)
    days = group_by_day(unique_articles, config)
    site = Site(
        config=config,
        articles=tuple(unique_articles),
        pages=tuple(unique_pages),
        days=days,
        home_pages=paginate(unique_articles, config),
        months=_months(days),
        paths={key: paths[key] for key in map(id, unique_articles)},
    )
    return site, problems


def _unique(items: list[T], url_of: Callable[[T], str], problems: list[Problem]) -> list[T]:
    """Keep the first item for each URL; report the others."""
    seen: dict[str, T] = {}
    kept: list[T] = []
    for item in items:
        url = url_of(item)
        if url in seen:
            first = seen[url]
            problems.append(
                Problem(
                    item.source_path,
                    0,
                    f"has the same URL /{url} as {first.source_path}; change its slug or date",
                )
            )
            continue
        seen[url] = item
        kept.append(item)
    return kept


def _reserved(page: Page, problems: list[Problem]) -> bool:
    first = page.url.split("/", 1)[0]
    if first in RESERVED or (first.isdigit() and len(first) == 4):
        problems.append(
            Problem(
                page.source_path,
                0,
                f"its URL /{page.url} is taken by the digest itself; rename the file",
            )
        )
        return True
    return False


def group_by_day(articles: list[Article], config: SiteConfig) -> tuple[Day, ...]:
    """Consecutive articles of the same local day, newest day first."""
    zone = config.zone
    return tuple(
        Day(day, tuple(group))
        for day, group in groupby(articles, key=lambda a: a.date.astimezone(zone).date())
    )


def paginate(articles: list[Article], config: SiteConfig) -> tuple[HomePage, ...]:
    """Cut the article list into pages of page_size; the home page exists even with no articles."""
    size = config.page_size
    chunks = [articles[start : start + size] for start in range(0, len(articles), size)] or [[]]
    paths = ["" if number == 1 else f"page/{number}/" for number in range(1, len(chunks) + 1)]
    return tuple(
        HomePage(
            number=index + 1,
            days=group_by_day(chunk, config),
            path=paths[index],
            newer_path=paths[index - 1] if index > 0 else None,
            older_path=paths[index + 1] if index + 1 < len(chunks) else None,
            count=len(chunks),
        )
        for index, chunk in enumerate(chunks)
    )


def _months(days: tuple[Day, ...]) -> tuple[MonthArchive, ...]:
    return tuple(
        MonthArchive(year, month, tuple(group))
        for (year, month), group in groupby(days, key=lambda d: (d.date.year, d.date.month))
    )


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at from_path to to_path that works under any base path and on file://."""
    return "../" * from_path.count("/") + to_path or "./"
