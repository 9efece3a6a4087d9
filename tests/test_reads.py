"""newsdigest.render.reads: what a page read while rendering, however its layouts reach it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.render.fingerprints import Fingerprints
from newsdigest.render.html import environment, layout_source, render_job
from newsdigest.render.jobs import LayoutError, View
from newsdigest.render.reads import Dependencies, SiteView, TrackedArticle, track
from newsdigest.site import Site, assemble

VIEW = View("about/", "About", "What this is.", "page")


def article(slug: str, title: str = "", body: str = "<p>b</p>") -> Article:
    when = datetime(2025, 3, 14, 9, tzinfo=UTC)
    return Article(Path(f"{slug}.md"), title or slug, when, slug, "s", body, 1, digest=title + body)


def site_of(*articles: Article, **settings: object) -> Site:
    site, _ = assemble(SiteConfig(root=Path("site"), **settings), articles, ())  # type: ignore[arg-type]
    return site


def layouts(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def stale(
    folder: Path,
    layout: str,
    before: Site,
    after: Site | None = None,
    change: Callable[[], object] = lambda: None,
) -> bool:
    """Would an incremental build draw the page again, going from `before` to `after`?"""
    env = environment(folder)
    job = Fingerprints(before).job(layout, VIEW)
    reads = render_job(env, before, job).reads
    then = Dependencies(before, partial(layout_source, env)).values(reads)
    change()
    after = after or before
    now = Dependencies(after, partial(layout_source, environment(folder)))
    replanned = Fingerprints(after).job(layout, VIEW).fingerprint != job.fingerprint
    return replanned or any(now.value(dependency) != value for dependency, value in then.items())


@pytest.mark.parametrize(
    "page",
    [
        '{% extends "frame.html" %}{% block main %}{% include "part.html" %}{% endblock %}',
        '{% import "part.html" as part %}{{ part }}',
        '{% from "part.html" import nothing %}x',
        '{% include "part.html" %}',
        '{% include ["missing.html", "part.html"] %}',
    ],
)
def test_a_page_depends_on_the_layouts_it_loaded_and_no_others(tmp_path: Path, page: str) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {
            "frame.html": "<main>{% block main %}{% endblock %}</main>",
            "page.html": page,
            "part.html": "one",
            "unused.html": "never used",
        },
    )
    site = site_of()
    assert not stale(folder, "page.html", site)
    assert not stale(
        folder, "page.html", site, change=lambda: (folder / "unused.html").write_text("x")
    )
    assert stale(folder, "page.html", site, change=lambda: (folder / "part.html").write_text("two"))


def test_a_layout_tried_and_missing_counts_once_it_appears(tmp_path: Path) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {"page.html": '{% include ["first.html", "second.html"] %}', "second.html": "2"},
    )
    assert stale(
        folder, "page.html", site_of(), change=lambda: (folder / "first.html").write_text("1")
    )


def test_a_computed_layout_name_depends_on_the_layout_it_named(tmp_path: Path) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {
            "page.html": '{% include view.title | lower ~ ".html" %}',
            "about.html": "a",
            "other.html": "o",
        },
    )
    site = site_of()
    assert not stale(
        folder, "page.html", site, change=lambda: (folder / "other.html").write_text("2")
    )
    assert stale(folder, "page.html", site, change=lambda: (folder / "about.html").write_text("2"))


def test_a_layout_of_the_site_shadowing_the_default_theme_counts(tmp_path: Path) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir()
    site = site_of()
    assert stale(
        folder, "archive.html", site, change=lambda: layouts(folder, {"archive.html": "mine"})
    )


@pytest.mark.parametrize(
    "text",
    [
        "{{ site.articles | length }}",
        "{% set s = site %}{{ s.articles | length }}",  # an alias
        "{{ site['days'] | length }}",
        "{% macro count(where) %}{{ where.articles | length }}{% endmacro %}{{ count(site) }}",
        '{% import "macros.html" as m %}{{ m.count(site) }}',
        "{% for a in site.articles %}{{ a.title }}{% endfor %}",
    ],
)
def test_however_a_layout_reaches_the_articles_it_depends_on_them(
    tmp_path: Path, text: str
) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {
            "page.html": text,
            "macros.html": "{% macro count(s) %}{{ s.articles | length }}{% endmacro %}",
        },
    )
    one = site_of(article("a"))
    assert not stale(folder, "page.html", one, site_of(article("a")))
    assert stale(folder, "page.html", one, site_of(article("a"), article("b")))


def test_a_layout_that_reads_only_settings_ignores_the_articles(tmp_path: Path) -> None:
    folder = layouts(tmp_path / "layouts", {"page.html": "{{ site.config.language }}"})
    one = site_of(article("a"))
    assert not stale(folder, "page.html", one, site_of(article("a"), article("b")))
    assert stale(folder, "page.html", one, site_of(article("a"), language="fr"))


def test_a_headline_read_through_a_list_is_a_dependency_but_not_its_body() -> None:
    reads: set[tuple[str, ...]] = set()
    listed = track((article("a"),), reads)
    assert isinstance(listed[0], TrackedArticle) and listed[0].title == "a"
    assert reads == {("article", "a.md")}
    site = site_of(article("a"))
    before = Dependencies(site, str)
    edited = Dependencies(site_of(article("a", body="<p>new</p>")), str)
    assert before.value(("article", "a.md")) == edited.value(("article", "a.md"))
    assert before.value(("body", "a.md")) != edited.value(("body", "a.md"))
    retitled = Dependencies(site_of(article("a", title="New")), str)
    assert before.value(("article", "a.md")) != retitled.value(("article", "a.md"))


def test_a_view_unwraps_for_the_site_and_compares_as_its_article() -> None:
    item = article("a")
    site = site_of(item)
    reads: set[tuple[str, ...]] = set()
    view = SiteView(site, reads)
    tracked = track(item, reads)
    assert view.article_path(tracked) == site.article_path(item)
    assert tracked == item and hash(tracked) == hash(item)
    assert ("path", "a.md") in reads
    assert replace(item) == tracked


def test_a_syntax_error_names_the_layout_and_line(tmp_path: Path) -> None:
    folder = layouts(tmp_path / "layouts", {"page.html": "fine\n{% include 'bad.html' %}"})
    (folder / "bad.html").write_text("one\ntwo {{ broken( }}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"bad\.html:2: "):
        stale(folder, "page.html", site_of())


def test_a_view_made_from_an_article_counts_as_read_though_the_layout_never_reads_it(
    tmp_path: Path,
) -> None:
    """An article page's title is its headline, made by the plan: a headline edit must reach
    a page whose layout shows only the view, while the plan key stays the same."""
    folder = layouts(tmp_path / "layouts", {"only.html": "<title>{{ view.title }}</title>"})
    before = site_of(article("a", "Old headline"))
    after = site_of(article("a", "New headline"))
    made_from = frozenset({("article", "a.md")})
    job = Fingerprints(before).job("only.html", VIEW, made_from=made_from)
    assert made_from <= render_job(environment(folder), before, job).reads
    assert Fingerprints(after).job("only.html", VIEW, made_from=made_from).fingerprint == (
        job.fingerprint
    )
