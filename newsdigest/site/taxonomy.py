"""Ways into the digest besides the date: topics, entities and sources. Pure.

Everything here is plain frozen data made once in `site.assemble`; layouts only show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.slugs import slugify

from .entities import MergedNames, merge_names
from .pages import ListPage, paginate

MIN_ENTITY_ARTICLES = 2
"""An entity gets a page once this many articles name it: one mention is often noise."""


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
    name_kind: str = ""
    """An entity's kind: 'person', 'place', 'organisation' or 'other'; '' for the others."""

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.slug}/"

    @property
    def feed_path(self) -> str:
        return f"{self.kind}/{self.slug}/feed.xml"


def terms(
    kind: str,
    articles: Sequence[Article],
    names: Callable[[Article], Iterable[str]],
    config: SiteConfig,
    minimum: int = 1,
    slugs: Mapping[str, str] | None = None,
) -> tuple[Term, ...]:
    """The terms of one kind, by name; the same slug gathers every spelling of a name.

    `slugs` holds names already slugged (see `name_slugs`); others are slugged here.
    """
    known = slugs or {}
    members: dict[str, list[Article]] = {}
    spellings: dict[str, Counter[str]] = {}
    for article in articles:  # newest first, so lists come out newest first
        named = {known.get(n) or slugify(n): n for n in names(article) if n.strip()}
        for slug, name in named.items():
            members.setdefault(slug, []).append(article)
            spellings.setdefault(slug, Counter())[name] += 1
    return tuple(
        Term(
            kind,
            spellings[slug].most_common(1)[0][0],
            slug,
            tuple(found),
            paginate(found, config.page_size, f"{kind}/{slug}/", config.zone),
        )
        for slug, found in sorted(members.items())
        if len(found) >= minimum
    )


def name_slugs(articles: Sequence[Article]) -> dict[str, str]:
    """The slug of every topic, entity and source name the articles carry, each slugged once:
    a digest names the same few thousand names a hundred thousand times."""
    found: dict[str, str] = {}
    for article in articles:
        for name in (*article.tags, *article.entities, article.source):
            if name not in found and name.strip():
                found[name] = slugify(name)
    return found


def all_terms(
    articles: Sequence[Article],
    config: SiteConfig,
    slugs: Mapping[str, str] | None = None,
    merged: MergedNames | None = None,
) -> dict[str, tuple[Term, ...]]:
    """Topics from tags, entities seen in enough articles once merged across the site
    (`merged`, from `entities.merge_names`), and sources: kind -> terms."""
    slugs = name_slugs(articles) if slugs is None else slugs
    merged = merge_names(articles, config.names, slugs) if merged is None else merged
    return {
        "topics": terms("topics", articles, lambda a: a.tags, config, 1, slugs),
        "entities": entity_terms(articles, config, merged),
        "sources": terms("sources", articles, _source, config, 1, slugs),
    }


def entity_terms(
    articles: Sequence[Article], config: SiteConfig, merged: MergedNames
) -> tuple[Term, ...]:
    """A term for each merged name that at least MIN_ENTITY_ARTICLES articles carry, with its
    kind; an article that names it twice ('US', 'United States') is counted once."""
    members: dict[str, list[Article]] = {}
    for article in articles:  # newest first, so lists come out newest first
        found = dict.fromkeys(merged.term_of.get(name, "") for name in article.entities)
        for slug in found:
            if slug:
                members.setdefault(slug, []).append(article)
    return tuple(
        Term(
            "entities",
            merged.shown[slug],
            slug,
            tuple(found),
            paginate(found, config.page_size, f"entities/{slug}/", config.zone),
            merged.kinds.get(slug, "other"),
        )
        for slug, found in sorted(members.items())
        if len(found) >= MIN_ENTITY_ARTICLES
    )


def _source(article: Article) -> tuple[str, ...]:
    return (article.source,) if article.source else ()
