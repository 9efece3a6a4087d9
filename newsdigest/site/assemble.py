"""The whole site as one immutable model: what pages exist, at which URLs, showing what."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from newsdigest.config import SiteConfig
from newsdigest.model import Article, Page, Problem
from newsdigest.slugs import slugify

from .calendar import Day, Month, Year, archive, group_by_day
from .entities import merge_names, settings_problems
from .front import Front, home_and_front
from .pages import ListPage
from .paths import RESERVED, article_path, day_path
from .stories import Story, StoryMemo, stories_and_related
from .taxonomy import Term, all_terms, name_slugs

T = TypeVar("T", Article, Page)


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
    home_pages: tuple[ListPage, ...]
    """The paginated home, first page first: every article, pinned ones first (`front.py`)."""
    months: tuple[Month, ...]
    """The archive, newest month first."""
    years: tuple[Year, ...] = ()
    """The archive by year, newest first."""
    topics: tuple[Term, ...] = ()
    """Topics from the articles' tags, by slug."""
    entities: tuple[Term, ...] = ()
    """People, places and organisations named by at least two articles, by slug."""
    sources: tuple[Term, ...] = ()
    """Publishers, by slug."""
    stories: tuple[Story, ...] = ()
    """Clusters of two reports or more, newest first."""
    front: Front | None = None
    """Page 1 of the home: its lead block, topic blocks and the rest by day."""
    search: bool = False
    """Whether the build has a search page (Pagefind is installed)."""
    assets: Mapping[str, str] = field(default_factory=dict)
    """Published path of each file in static/ by its name there: 'style.css' gives
    'assets/style.1a2b3c4d5e.css' when names carry a hash of the bytes."""
    paths: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Each article's site path, by its key: computed once."""
    term_paths: Mapping[tuple[str, str], str] = field(default_factory=dict, repr=False)
    """(kind, slug) -> the term's page path."""
    story_of: Mapping[str, Story] = field(default_factory=dict, repr=False, compare=False)
    """Each clustered article's story, by the article's key."""
    related: Mapping[str, tuple[Article, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Each article's related articles, by its key."""
    by_key: Mapping[str, Article] = field(default_factory=dict, repr=False, compare=False)
    """Every article by its key."""
    slugs: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """The slug of every name the articles carry, computed once."""
    entity_slugs: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Each entity name an article carries -> the slug of the name it merges into across the
    site ('' when names.toml says it is never a name)."""
    entity_names: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Slug of a merged entity name -> the name shown for it."""
    story_memo: StoryMemo | None = field(default=None, repr=False, compare=False)
    """What the stories and related articles were computed from, for the next build."""

    def asset(self, name: str) -> str:
        """The site path of a file from static/, for layouts: link(site.asset('style.css'))."""
        return self.assets.get(name, f"static/{name}")

    def article_path(self, article: Article) -> str:
        return self.paths.get(article.key) or article_path(article, self.config.zone)

    def day_path(self, article: Article) -> str:
        return day_path(article, self.config.zone)

    def permalink(self, article: Article) -> str:
        """The article's absolute URL: the feeds' links and ids."""
        return self.config.absolute(self.article_path(article))

    @property
    def current_year(self) -> int | None:
        """The year of the newest article, in the site's zone: what lists take as "this
        year" (output never reads the clock). None for a site without articles."""
        return self.days[0].date.year if self.days else None

    @property
    def feed_articles(self) -> tuple[Article, ...]:
        return self.articles[: self.config.feed_size]

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every topic, entity and source: each has a page and a feed."""
        return (*self.topics, *self.entities, *self.sources)

    @property
    def top_stories(self) -> tuple[Story, ...]:
        """The latest day's stories, most reports first: the home page's top of the news."""
        if not self.days:
            return ()
        latest = {a.key for a in self.days[0].articles}
        found = [s for s in self.stories if any(a.key in latest for a in s.articles)]
        return tuple(sorted(found, key=lambda s: -s.size))

    def term_path(self, kind: str, name: str) -> str | None:
        """The page of a topic, entity or source by name; None when it has none. An entity's
        is the page of the name it merges into across the site."""
        if not name.strip():
            return None
        slug = self.entity_slugs.get(name) if kind == "entities" else None
        return self.term_paths.get(
            (kind, slug if slug is not None else self.slugs.get(name) or slugify(name))
        )

    def term_label(self, kind: str, name: str) -> tuple[str, str | None] | None:
        """How an article shows one of its names: the merged name and its page ('US' shows
        'United States'); None for a name names.toml says is never a name."""
        slug = self.entity_slugs.get(name) if kind == "entities" else None
        if slug == "":
            return None
        shown = self.entity_names.get(slug, name) if slug else name
        return shown, self.term_path(kind, name)

    def other_reports(self, article: Article) -> tuple[Article, ...]:
        """The other reports of the article's story, newest first."""
        story = self.story_of.get(article.key)
        return tuple(a for a in story.articles if a.key != article.key) if story else ()

    def related_to(self, article: Article) -> tuple[Article, ...]:
        return self.related.get(article.key, ())


def article_order(article: Article) -> tuple[datetime, str, str]:
    """What articles are ordered by, newest first: the moment, then headline and file."""
    return article.date, article.title, str(article.source_path)


def assemble(
    config: SiteConfig,
    articles: tuple[Article, ...],
    pages: tuple[Page, ...],
    search: bool = False,
    assets: Mapping[str, str] | None = None,
    story_memo: StoryMemo | None = None,
) -> tuple[Site, list[Problem]]:
    """Order, group and paginate; drop (and report) anything whose URL another item already has.
    `story_memo`: the last build's `Site.story_memo`, whose stories and related articles are
    reused when what they are computed from has not changed."""
    problems: list[Problem] = settings_problems(config)  # names.toml's, the rest applied
    ordered = sorted(articles, key=article_order, reverse=True)
    paths = {a.key: article_path(a, config.zone) for a in ordered}
    unique_articles = _unique(ordered, lambda a: paths[a.key], problems)
    kept_pages = [p for p in pages if not _reserved(p, problems)]
    unique_pages = _unique(sorted(kept_pages, key=lambda p: p.url), lambda p: p.url, problems)
    days = group_by_day(unique_articles, config.zone)
    years, months = archive(days)
    slugs = name_slugs(unique_articles)
    merged = merge_names(unique_articles, config.names, slugs)
    terms = all_terms(unique_articles, config, slugs, merged)
    stories, nearby, memo = stories_and_related(unique_articles, story_memo)
    home, front = home_and_front(unique_articles, terms["topics"], config.page_size, config.zone)
    site = Site(
        config=config,
        articles=tuple(unique_articles),
        pages=tuple(unique_pages),
        days=days,
        home_pages=home,
        months=months,
        years=years,
        topics=terms["topics"],
        entities=terms["entities"],
        sources=terms["sources"],
        stories=stories,
        front=front,
        search=search,
        assets=dict(assets or {}),
        paths={a.key: paths[a.key] for a in unique_articles},
        term_paths={(t.kind, t.slug): t.path for ts in terms.values() for t in ts},
        story_of={a.key: story for story in stories for a in story.articles},
        related={a.key: nearby[index] for index, a in enumerate(unique_articles)},
        by_key={a.key: a for a in unique_articles},
        slugs=slugs,
        entity_slugs=merged.term_of,
        entity_names=merged.shown,
        story_memo=memo,
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
    if not first or first in RESERVED or (first.isdigit() and len(first) == 4):  # '' is home
        message = (
            "would replace the home page, which the digest makes from its articles; rename it "
            "(about.md gives /about/), and use site.toml's description for the home page's words"
            if not page.url
            else f"its URL /{page.url} is taken by the digest itself; rename the file"
        )
        problems.append(Problem(page.source_path, 0, message))
        return True
    return False
