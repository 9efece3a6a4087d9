"""Ways into the digest besides the date: topics, entities and sources. Pure.

Everything here is plain frozen data made once in `site.assemble`; layouts only show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.slugs import slugify

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
            paginate(found, config.page_size, f"{kind}/{slug}/", config.zone),
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
