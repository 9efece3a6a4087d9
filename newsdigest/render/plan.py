"""Which pages the site has and what each shows: a `Job` per page, with its fingerprint."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from newsdigest.model import Article
from newsdigest.site import Site
from newsdigest.site.entities import name_index
from newsdigest.site.front import STORY_REPORTS, TOP_STORIES
from newsdigest.site.pages import ListPage
from newsdigest.site.paths import KINDS, MAIN_FEEDS, PATHS
from newsdigest.site.taxonomy import Term

from .filters import long_date
from .fingerprints import Fingerprints
from .jobs import Job, View


def plan_pages(
    site: Site,
    known: Mapping[str, str] | None = None,
    up_to_date: Callable[[str, str], bool] | None = None,
) -> list[Job]:
    """Every HTML page the site has, with its plan key; nothing is rendered yet. `known` are
    the plan keys of a build whose site had the same `structure`, by output path; a page
    whose known key `up_to_date(path, key)` accepts gets no job (it need not be drawn)."""
    fingerprints = Fingerprints(site, known, up_to_date)
    jobs = [*_article_jobs(site, fingerprints), *_list_jobs(site, fingerprints)]
    for page in site.pages:
        view = View(page.url, page.title, page.description, "page")
        jobs.append(fingerprints.job("page.html", view, page=page))
    view = View(PATHS.not_found, "Page not found", "There is no page at this address.", "not-found")
    base = site.config.base_path  # 404.html is served at any depth: absolute paths, not relative
    jobs.append(fingerprints.job("404.html", view, link=lambda path: base + path))
    return jobs


def _article_jobs(site: Site, fingerprints: Fingerprints) -> Iterator[Job]:
    articles = site.articles
    for index, article in enumerate(articles):
        if fingerprints.skips(site.article_path(article)):
            continue
        newer = articles[index - 1] if index > 0 else None
        older = articles[index + 1] if index + 1 < len(articles) else None
        view = View(site.article_path(article), article.title, article.summary, "article")
        yield fingerprints.job(
            "article.html",
            view,
            made_from=frozenset({("article", article.key)}),
            article=article,
            newer=newer,
            older=older,
            related=site.related_to(article),
            reports=site.other_reports(article),
        )


def article_extras(site: Any, article: Any) -> dict[str, Any]:
    """What an article page shows beyond the article, made while it renders: from the site's
    view and the tracked article, so that what they read is recorded like the layouts' reads."""
    return {"labels": _labels(site, article), "json_ld": news_article_ld(site, article)}


@dataclass(frozen=True)
class Label:
    """A topic, entity or source shown on an article, with its page if it has one."""

    kind: str
    name: str
    path: str | None


def _labels(site: Site | Any, article: Article | Any) -> tuple[Label, ...]:
    """The article's topics, entities and source, linked where the site has their page."""
    named = [
        *(("topics", tag) for tag in article.tags),
        *(("entities", name) for name in article.entities),
        *((("sources", article.source),) if article.source else ()),
    ]
    labels: dict[tuple[str, str, str | None], None] = {}  # two spellings of one name: once
    for kind, name in named:
        label = site.term_label(kind, name)
        if label is not None:
            labels[(kind, *label)] = None
    return tuple(Label(*label) for label in labels)


def news_article_ld(site: Site | Any, article: Article | Any) -> str:
    """JSON-LD NewsArticle for the article page, safe to place inside a <script> element."""
    permalink = site.permalink(article)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "url": permalink,
        "mainEntityOfPage": permalink,
        "datePublished": article.date.isoformat(),
        "dateModified": article.date.isoformat(),
        "wordCount": article.word_count,
        "publisher": {"@type": "Organization", "name": site.config.title},
        "author": {"@type": "Organization", "name": article.source or site.config.author},
    }
    if article.source_url:
        data["isBasedOn"] = article.source_url
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.entities:
        data["about"] = [{"@type": "Thing", "name": name} for name in article.entities]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # '<', '>' and '&' escaped: the text cannot end the script element or open a comment.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _list_jobs(site: Site, fingerprints: Fingerprints) -> Iterator[Job]:
    for home in site.home_pages:
        if fingerprints.skips(home.path):
            continue
        title = "Latest news" if home.number == 1 else f"Latest news, page {home.number}"
        view = View(home.path, title, site.config.description, "home")
        stories = site.top_stories[:TOP_STORIES] if home.number == 1 else ()
        front = site.front if home.number == 1 else None
        yield fingerprints.job(
            "index.html", view, home=home, stories=stories, front=front, reports=STORY_REPORTS
        )
    for day in site.days:
        if fingerprints.skips(day.path):
            continue
        label = long_date(day.date)
        count = len(day.articles)
        description = f"{count} article{'s' if count != 1 else ''} on {label}."
        view = View(day.path, label, description, "day")
        yield fingerprints.job("day.html", view, day=day)
    view = View(PATHS.archive, "Archive", f"Every day of {site.config.title}.", "archive")
    yield fingerprints.job("archive.html", view)
    yield from _archive_jobs(site, fingerprints)
    yield from _term_jobs(site, fingerprints)
    yield from _feature_jobs(site, fingerprints)


def _archive_jobs(site: Site, fingerprints: Fingerprints) -> Iterator[Job]:
    """A page per month and per year, each linked to its neighbours."""
    for month in site.months:
        if fingerprints.skips(month.path):
            continue
        count = month.article_count
        description = f"{count} article{'s' if count != 1 else ''} in {month.label}."
        view = View(month.path, month.label, description, "month")
        yield fingerprints.job("month.html", view, month=month)
    for year in site.years:
        if fingerprints.skips(year.path):
            continue
        count = year.article_count
        description = f"{count} article{'s' if count != 1 else ''} in {year.year}."
        view = View(year.path, str(year.year), description, "year")
        yield fingerprints.job("year.html", view, year=year)


_KIND_TITLES = MappingProxyType(
    {
        "topics": "Topics",
        "entities": "People, places and organisations",
        "sources": "Sources",
    }
)


def _term_jobs(site: Site, fingerprints: Fingerprints) -> Iterator[Job]:
    """Each kind's index, and every page of every topic, entity and source."""
    for kind in KINDS:
        terms: tuple[Term, ...] = getattr(site, kind)
        title = _KIND_TITLES[kind]
        view = View(
            f"{kind}/", title, f"{title} in {site.config.title}, with article counts.", "terms"
        )
        groups = name_index(terms) if kind == "entities" else ()
        yield fingerprints.job(
            "terms.html", view, kind=kind, terms=terms, heading=title, groups=groups
        )
        for term in terms:
            for page in term.pages:
                if not fingerprints.skips(page.path):
                    yield _term_page_job(site, fingerprints, term, page)


def _term_page_job(site: Site, fingerprints: Fingerprints, term: Term, page: ListPage) -> Job:
    title = term.name if page.number == 1 else f"{term.name}, page {page.number}"
    count = len(term.articles)
    description = f"{count} article{'s' if count != 1 else ''} on {term.name}."
    view = View(page.path, title, description, "term", feed=term.feed_path)
    return fingerprints.job("term.html", view, term=term, list_page=page)


def _feature_jobs(site: Site, fingerprints: Fingerprints) -> Iterator[Job]:
    """The list of feeds and, when Pagefind is there to index the site, the search page."""
    view = View(
        PATHS.feeds, "Feeds", "Every feed of the digest, to follow in a feed reader.", "feeds"
    )
    yield fingerprints.job("feeds.html", view, feed_list=_feed_list(site))
    if site.search:
        view = View(
            PATHS.search, "Search", f"Search the articles of {site.config.title}.", "search"
        )
        yield fingerprints.job("search.html", view)


@dataclass(frozen=True)
class FeedLink:
    """One feed on the feeds page."""

    kind: str
    """'main' or a term kind."""
    title: str
    path: str
    """Site path of the feed."""
    page_path: str
    """Site path of the page it follows."""


def _feed_list(site: Site) -> tuple[FeedLink, ...]:
    """The main feeds, then one per topic, entity and source."""
    main = [FeedLink("main", f"Latest news ({feed.name})", feed.path, "") for feed in MAIN_FEEDS]
    terms = [FeedLink(t.kind, t.name, t.feed_path, t.path) for t in site.terms]
    return (*main, *terms)
