"""newsdigest.render.plan: which pages a site has, where they go, and their fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import SKELETON, rerendered

from newsdigest.config import SiteConfig
from newsdigest.model import Article, Page
from newsdigest.render.jobs import Job
from newsdigest.render.plan import Label, article_extras, news_article_ld, plan_pages
from newsdigest.site import Site, assemble

LAYOUTS = SKELETON / "layouts"
MARCH_14 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
MARCH_13 = datetime(2025, 3, 13, 9, 0, tzinfo=UTC)
FEBRUARY = datetime(2025, 2, 10, 9, 0, tzinfo=UTC)
ABOUT = Page(Path("content/about.md"), "About", "about/", "<p>About us.</p>", "What this is.", "p1")


def article(slug: str, when: datetime, **fields: object) -> Article:
    values: dict[str, object] = {
        "source_path": Path(f"content/articles/{slug}.md"),
        "title": slug.title(),
        "date": when,
        "slug": slug,
        "summary": f"Summary of {slug}.",
        "body_html": f"<p>{slug}</p>",
        "word_count": 10,
        "digest": f"digest-{slug}",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def site_of(*articles: Article, pages: tuple[Page, ...] = (ABOUT,), **settings: object) -> Site:
    config = SiteConfig(root=Path("site"), base_url="https://example.org/", **settings)  # type: ignore[arg-type]
    site, problems = assemble(config, articles, pages)
    assert problems == []
    return site


def planned(site: Site) -> dict[str, Job]:
    jobs = plan_pages(site)
    by_path = {job.path: job for job in jobs}
    assert len(by_path) == len(jobs), "two jobs write the same file"
    return by_path


def fingerprints(site: Site) -> dict[str, str]:
    return {path: job.fingerprint for path, job in planned(site).items()}


def two_articles() -> tuple[Article, Article]:
    return (
        article("alpha", MARCH_14, tags=("Economy",), entities=("Kremlin",), source="Example News"),
        article("beta", MARCH_13, tags=("Economy",), entities=("Kremlin",), source="Example News"),
    )


def test_every_page_of_a_small_site_and_its_output_file() -> None:
    assert set(planned(site_of(*two_articles()))) == {
        "index.html",
        "2025/03/14/alpha/index.html",
        "2025/03/13/beta/index.html",
        "2025/03/14/index.html",
        "2025/03/13/index.html",
        "archive/index.html",
        "2025/03/index.html",
        "2025/index.html",
        "topics/index.html",
        "topics/economy/index.html",
        "entities/index.html",
        "entities/kremlin/index.html",
        "sources/index.html",
        "sources/example-news/index.html",
        "feeds/index.html",
        "about/index.html",
        "404.html",
    }


def test_each_job_names_its_layout_and_its_page_kind() -> None:
    jobs = planned(site_of(*two_articles()))
    expected = {
        "index.html": ("index.html", "home"),
        "2025/03/14/alpha/index.html": ("article.html", "article"),
        "2025/03/14/index.html": ("day.html", "day"),
        "archive/index.html": ("archive.html", "archive"),
        "2025/03/index.html": ("month.html", "month"),
        "2025/index.html": ("year.html", "year"),
        "topics/index.html": ("terms.html", "terms"),
        "topics/economy/index.html": ("term.html", "term"),
        "feeds/index.html": ("feeds.html", "feeds"),
        "about/index.html": ("page.html", "page"),
        "404.html": ("404.html", "not-found"),
    }
    assert {path: (jobs[path].layout, jobs[path].view.kind) for path in expected} == expected
    assert jobs["topics/economy/index.html"].view.feed == "topics/economy/feed.xml"


def test_an_empty_site_has_a_home_the_indexes_and_a_404() -> None:
    assert set(planned(site_of(pages=()))) == {
        "index.html",
        "archive/index.html",
        "topics/index.html",
        "entities/index.html",
        "sources/index.html",
        "feeds/index.html",
        "404.html",
    }


def test_lists_longer_than_a_page_get_numbered_pages() -> None:
    items = [article(f"a{n}", MARCH_14.replace(hour=n), tags=("Economy",)) for n in range(1, 6)]
    paths = set(planned(site_of(*items, page_size=2)))
    assert {"index.html", "page/2/index.html", "page/3/index.html"} <= paths
    assert "page/4/index.html" not in paths
    assert {"topics/economy/page/2/index.html", "topics/economy/page/3/index.html"} <= paths


def test_the_search_page_exists_only_with_search() -> None:
    config = SiteConfig(root=Path("site"))
    with_search, _ = assemble(config, (), (), search=True)
    assert "search/index.html" in planned(with_search)
    assert "search/index.html" not in planned(site_of())


def test_an_article_page_gets_its_neighbours() -> None:
    middle = article("middle", MARCH_13)
    site = site_of(article("newest", MARCH_14), middle, article("oldest", FEBRUARY))
    context = planned(site)["2025/03/13/middle/index.html"].context
    assert context["article"] is site.articles[1]
    assert context["newer"].slug == "newest"
    assert context["older"].slug == "oldest"


def test_fingerprints_are_equal_for_an_equal_site() -> None:
    assert fingerprints(site_of(*two_articles())) == fingerprints(site_of(*two_articles()))


def changed_pages(before: Site, after: Site) -> set[str]:
    return rerendered(before, after)


def test_a_new_body_changes_its_own_page_and_what_lists_every_article() -> None:
    alpha, beta = two_articles()
    edited = replace(alpha, body_html="<p>Rewritten.</p>", digest="digest-alpha-edited")
    assert changed_pages(site_of(alpha, beta), site_of(edited, beta)) == {
        "2025/03/14/alpha/index.html",
        "archive/index.html",  # its layout reads site.years: every article counts
    }


def test_a_new_headline_changes_every_page_that_shows_it() -> None:
    alpha, beta = two_articles()
    retitled = replace(alpha, title="A Different Headline", digest="digest-alpha-2")
    assert changed_pages(site_of(alpha, beta), site_of(retitled, beta)) == {
        "2025/03/14/alpha/index.html",
        "2025/03/13/beta/index.html",  # it links to alpha by its headline
        "index.html",
        "2025/03/14/index.html",
        "2025/03/index.html",
        "archive/index.html",
        "topics/economy/index.html",
        "entities/kremlin/index.html",
        "sources/example-news/index.html",
    }


def test_an_article_in_another_month_leaves_this_month_alone() -> None:
    alpha, beta = two_articles()
    old = article("old", FEBRUARY)
    changed = changed_pages(
        site_of(alpha, beta, old), site_of(alpha, beta, replace(old, title="Old, retitled"))
    )
    assert "2025/02/index.html" in changed
    assert "2025/03/index.html" not in changed
    assert "2025/03/14/alpha/index.html" not in changed


def test_a_site_setting_or_a_page_title_changes_every_page() -> None:
    items = two_articles()
    every = set(planned(site_of(*items)))
    assert changed_pages(site_of(*items), site_of(*items, title="Another Digest")) == every
    renamed = site_of(*items, pages=(replace(ABOUT, title="Who we are"),))
    assert changed_pages(site_of(*items), renamed) == every  # every header lists the pages


def test_a_page_body_changes_only_that_page() -> None:
    items = two_articles()
    edited = replace(ABOUT, body_html="<p>New.</p>", digest="p2")
    assert changed_pages(site_of(*items), site_of(*items, pages=(edited,))) == {"about/index.html"}


@pytest.mark.parametrize(
    ("base_url", "base"), [("https://example.org/", "/"), ("https://example.org/news/", "/news/")]
)
def test_the_404_page_links_by_absolute_paths(base_url: str, base: str) -> None:
    site, _ = assemble(SiteConfig(root=Path("site"), base_url=base_url), (), ())
    job = planned(site)["404.html"]
    link = job.context["link"]
    assert link("") == base
    assert link("archive/") == f"{base}archive/"
    assert link("static/style.css") == f"{base}static/style.css"


def test_labels_link_only_to_terms_that_have_a_page() -> None:
    alpha = article(
        "alpha",
        MARCH_14,
        tags=("Economy",),
        entities=("Kremlin", "Lonely Name"),
        source="Example News",
    )
    beta = article("beta", MARCH_13, entities=("Kremlin",))
    labels = article_extras(site_of(alpha, beta), alpha)["labels"]
    assert labels == (
        Label("topics", "Economy", "topics/economy/"),
        Label("entities", "Kremlin", "entities/kremlin/"),
        Label("entities", "Lonely Name", None),  # named by one article: no page
        Label("sources", "Example News", "sources/example-news/"),
    )


def test_labels_show_the_merged_name_once_and_link_its_page() -> None:
    """'US' and 'United States' are one name on the site: shown once, as the country."""
    alpha = article("alpha", MARCH_14, entities=("US", "United States", "Olympic"))
    beta = article("beta", MARCH_13, entities=("U.S.", "Olympics"))
    labels = article_extras(site_of(alpha, beta), alpha)["labels"]
    assert labels == (
        Label("entities", "United States", "entities/united-states/"),
        Label("entities", "Olympic", "entities/olympic/"),
    )


def test_an_article_without_labels_has_none() -> None:
    plain = article("plain", MARCH_14)
    assert article_extras(site_of(plain), plain)["labels"] == ()


HOSTILE = 'Fish & chips </script><script>alert("x")</script> <!-- end'


def test_news_article_ld_cannot_close_its_script_element() -> None:
    hostile = article(
        "hostile", MARCH_14, title=HOSTILE, summary=HOSTILE, tags=(HOSTILE,), entities=(HOSTILE,)
    )
    text = news_article_ld(site_of(hostile), hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["headline"] == HOSTILE
    assert data["description"] == HOSTILE
    assert data["keywords"] == [HOSTILE]
    assert data["about"] == [{"@type": "Thing", "name": HOSTILE}]


def test_news_article_ld_describes_the_article() -> None:
    item = article("alpha", MARCH_14, source="Example News", source_url="https://news.example/a")
    site = site_of(item)
    data = json.loads(news_article_ld(site, item))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["url"] == data["mainEntityOfPage"] == "https://example.org/2025/03/14/alpha/"
    assert data["datePublished"] == "2025-03-14T09:00:00+00:00"
    assert data["author"] == {"@type": "Organization", "name": "Example News"}
    assert data["publisher"] == {"@type": "Organization", "name": "News Digest"}
    assert data["isBasedOn"] == "https://news.example/a"
    assert article_extras(site, item)["json_ld"] == news_article_ld(site, item)


def test_news_article_ld_leaves_out_what_the_article_lacks() -> None:
    item = article("alpha", MARCH_14)
    data = json.loads(news_article_ld(site_of(item), item))
    assert "isBasedOn" not in data and "keywords" not in data and "about" not in data
    assert data["author"] == {"@type": "Organization", "name": "Newsdigest"}


@pytest.mark.parametrize("parity", [0, 1])
def test_pages_known_up_to_date_get_no_job_and_the_rest_are_planned_as_ever(parity: int) -> None:
    site = site_of(
        article("a", MARCH_14, tags=("port",), entities=("Rotterdam",), source="Wire"),
        article("b", MARCH_13, tags=("port",), entities=("Rotterdam",), source="Wire"),
        article("c", FEBRUARY, entities=("Antwerp",)),
        page_size=1,
    )
    every = plan_pages(site)
    known = {job.path: job.fingerprint for job in every}
    skipped = {job.path for index, job in enumerate(every) if index % 2 == parity}
    asked: list[tuple[str, str]] = []

    def up_to_date(path: str, key: str) -> bool:
        asked.append((path, key))
        return path in skipped

    jobs = plan_pages(site, known, up_to_date)
    few = {"page", "not-found", "archive", "terms", "feeds", "search"}  # always planned
    expected = [job for job in every if job.path not in skipped or job.view.kind in few]
    assert [comparable(job) for job in jobs] == [comparable(job) for job in expected]
    kinds = {job.view.kind for job in every if job.path in skipped}
    assert {"article", "day", "month", "year", "term", "home"} & kinds  # each kind is skipped
    assert all(known[path] == key for path, key in asked)


def comparable(job: Job) -> tuple[object, ...]:
    """A job as == can compare it: its link() is a new function each time."""
    context = {name: value for name, value in job.context.items() if not callable(value)}
    return (job.path, job.fingerprint, job.layout, job.view, context)
