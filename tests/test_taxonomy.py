"""newsdigest.site.taxonomy: topics, entities and sources gathered by slug, and paginated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.site import assemble
from newsdigest.site.taxonomy import MIN_ENTITY_ARTICLES, Term, all_terms, terms

CONFIG = SiteConfig(root=Path("site"))
NEWEST = datetime(2025, 3, 14, 12, tzinfo=UTC)


def article(
    slug: str,
    hours_ago: int = 0,
    tags: tuple[str, ...] = (),
    entities: tuple[str, ...] = (),
    source: str = "",
) -> Article:
    when = NEWEST - timedelta(hours=hours_ago)
    return Article(
        Path(f"{slug}.md"),
        slug,
        when,
        slug,
        "s",
        "<p>b</p>",
        1,
        source=source,
        tags=tags,
        entities=entities,
    )


def topics(*articles: Article, config: SiteConfig = CONFIG) -> tuple[Term, ...]:
    return terms("topics", articles, lambda a: a.tags, config)


def test_one_slug_gathers_every_spelling() -> None:
    found = topics(
        article("a", 0, ("Climate Change",)),
        article("b", 1, ("climate change",)),
        article("c", 2, ("Climate-Change",)),
        article("d", 3, ("Sport",)),
    )
    assert [(t.slug, len(t.articles)) for t in found] == [("climate-change", 3), ("sport", 1)]


def test_the_shown_name_is_the_most_common_spelling() -> None:
    (term,) = topics(
        article("a", 0, ("CLIMATE",)),
        article("b", 1, ("Climate",)),
        article("c", 2, ("Climate",)),
    )
    assert term.name == "Climate"


def test_between_equally_common_spellings_the_newest_article_s_wins() -> None:
    (term,) = topics(article("a", 0, ("Ukraine War",)), article("b", 1, ("ukraine war",)))
    assert term.name == "Ukraine War"


def test_two_spellings_in_one_article_count_it_once() -> None:
    (term,) = topics(article("a", 0, ("Economy", "economy", "ECONOMY")))
    assert [a.slug for a in term.articles] == ["a"]


def test_blank_names_make_no_term() -> None:
    assert topics(article("a", 0, ("", "   "))) == ()


def test_terms_come_sorted_by_slug_with_their_paths() -> None:
    found = topics(article("a", 0, ("Zebra", "Apple", "Mango")))
    assert [t.slug for t in found] == ["apple", "mango", "zebra"]
    assert (found[0].kind, found[0].path, found[0].feed_path) == (
        "topics",
        "topics/apple/",
        "topics/apple/feed.xml",
    )


def test_a_minimum_leaves_out_rare_terms() -> None:
    items = (article("a", 0, ("One", "Two")), article("b", 1, ("Two",)))
    assert [t.slug for t in terms("topics", items, lambda a: a.tags, CONFIG, minimum=2)] == ["two"]


def test_entities_need_min_entity_articles_but_topics_and_sources_one() -> None:
    assert MIN_ENTITY_ARTICLES == 2
    items = (
        article("a", 0, ("Rare Topic",), ("Kremlin", "Once Named"), "Example News"),
        article("b", 1, (), ("Kremlin",)),
    )
    found = all_terms(items, CONFIG)
    assert set(found) == {"topics", "entities", "sources"}
    assert [t.name for t in found["topics"]] == ["Rare Topic"]
    assert [t.name for t in found["entities"]] == ["Kremlin"]
    assert [t.name for t in found["sources"]] == ["Example News"]
    assert [t.kind for t in found["entities"]] == ["entities"]


def test_articles_without_a_source_make_no_source() -> None:
    assert all_terms((article("a"),), CONFIG)["sources"] == ()


def test_a_term_lists_its_articles_newest_first() -> None:
    items = (article("old", 30, ("Economy",)), article("new", 1, ("Economy",)))
    items += (article("mid", 5, ("Economy",)),)
    site, _ = assemble(CONFIG, items, ())
    (term,) = site.topics
    assert [a.slug for a in term.articles] == ["new", "mid", "old"]
    assert [a.slug for a in term.pages[0].articles] == ["new", "mid", "old"]


def test_a_term_is_paginated_by_page_size() -> None:
    config = SiteConfig(root=Path("site"), page_size=2)
    items = tuple(article(f"a{n}", n, ("Economy",)) for n in range(5))
    (term,) = topics(*items, config=config)
    assert [p.path for p in term.pages] == [
        "topics/economy/",
        "topics/economy/page/2/",
        "topics/economy/page/3/",
    ]
    assert [[a.slug for a in p.articles] for p in term.pages] == [
        ["a0", "a1"],
        ["a2", "a3"],
        ["a4"],
    ]
    assert term.pages[-1].count == 3


def test_a_term_of_one_page_has_no_neighbours() -> None:
    (term,) = topics(article("a", 0, ("Economy",)))
    (page,) = term.pages
    assert (page.path, page.newer_path, page.older_path) == ("topics/economy/", None, None)
