"""newsdigest.render.fingerprints: stable hashes, and layouts hashed with what they include."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.render.fingerprints import Fingerprints, stable_hash
from newsdigest.render.html import environment
from newsdigest.render.jobs import LayoutError, View
from newsdigest.site import Site, assemble

VIEW = View("about/", "About", "What this is.", "page")
VALUE = ("page.html", 3, ("a", "b"), None, 1.5)


def article(slug: str, digest: str) -> Article:
    when = datetime(2025, 3, 14, 9, tzinfo=UTC)
    return Article(Path(f"{slug}.md"), slug, when, slug, "s", "<p>b</p>", 1, digest=digest)


def site_of(*articles: Article) -> Site:
    site, _ = assemble(SiteConfig(root=Path("site")), articles, ())
    return site


def layouts(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def fingerprint(folder: Path, layout: str, site: Site | None = None) -> str:
    """The fingerprint of one page drawn with `layout`, over a fresh environment."""
    site = site or site_of()
    return Fingerprints(site, environment(folder)).job(layout, VIEW, ()).fingerprint


def test_stable_hash_is_the_same_on_every_call() -> None:
    assert stable_hash(VALUE) == stable_hash(VALUE)
    assert stable_hash(VALUE) == stable_hash(("page.html", 3, ("a", "b"), None, 1.5))
    assert len(stable_hash(VALUE)) == 32 and int(stable_hash(VALUE), 16) >= 0


def test_stable_hash_is_the_same_in_another_process() -> None:
    code = f"from newsdigest.render.fingerprints import stable_hash; print(stable_hash({VALUE!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert other.stdout.strip() == stable_hash(VALUE)


@pytest.mark.parametrize(
    "other", [("page.html", 3, ("a", "b"), None, 1.25), ("page.html", "3", ("a", "b"), None, 1.5)]
)
def test_stable_hash_differs_for_different_values(other: object) -> None:
    assert stable_hash(other) != stable_hash(VALUE)


@pytest.mark.parametrize(
    "page",
    [
        '{% extends "frame.html" %}{% block main %}{% include "part.html" %}{% endblock %}',
        '{% import "part.html" as part %}{{ part }}',
        '{% from "part.html" import nothing %}x',
        '{% include "part.html" %}',
    ],
)
def test_a_layout_changes_when_a_layout_it_uses_changes(tmp_path: Path, page: str) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {
            "frame.html": "<main>{% block main %}{% endblock %}</main>",
            "page.html": page,
            "part.html": "one",
            "unused.html": "never used",
        },
    )
    before = fingerprint(folder, "page.html")
    assert fingerprint(folder, "page.html") == before
    (folder / "unused.html").write_text("changed, but no layout uses it", encoding="utf-8")
    assert fingerprint(folder, "page.html") == before
    (folder / "part.html").write_text("two", encoding="utf-8")
    assert fingerprint(folder, "page.html") != before


def test_a_layout_changes_when_the_layout_it_extends_changes(tmp_path: Path) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {
            "frame.html": "<main>{% block main %}{% endblock %}</main>",
            "middle.html": '{% extends "frame.html" %}',
            "page.html": '{% extends "middle.html" %}{% block main %}hi{% endblock %}',
        },
    )
    before = fingerprint(folder, "page.html")
    (folder / "frame.html").write_text("<div>{% block main %}{% endblock %}</div>")
    assert fingerprint(folder, "page.html") != before


def test_a_computed_layout_name_depends_on_every_layout(tmp_path: Path) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {"page.html": '{% include view.kind ~ ".html" %}', "other.html": "one"},
    )
    before = fingerprint(folder, "page.html")
    (folder / "other.html").write_text("two", encoding="utf-8")
    assert fingerprint(folder, "page.html") != before


def test_a_layout_of_the_site_overrides_the_default_theme(tmp_path: Path) -> None:
    default = fingerprint(tmp_path / "empty", "page.html")
    folder = layouts(tmp_path / "layouts", {"page.html": "my own page"})
    assert fingerprint(folder, "page.html") != default


def test_only_a_layout_that_reads_article_lists_depends_on_every_article(tmp_path: Path) -> None:
    folder = layouts(
        tmp_path / "layouts",
        {
            "lists.html": "{% for a in site.articles %}{{ a.title }}{% endfor %}",
            "keyed.html": "{{ site['days'] | length }}",
            "plain.html": "{{ site.config.title }}",
        },
    )
    first, second = site_of(article("a", "one")), site_of(article("a", "two"))
    assert fingerprint(folder, "lists.html", first) != fingerprint(folder, "lists.html", second)
    assert fingerprint(folder, "keyed.html", first) != fingerprint(folder, "keyed.html", second)
    assert fingerprint(folder, "plain.html", first) == fingerprint(folder, "plain.html", second)


def test_what_a_page_shows_and_its_view_are_in_the_fingerprint(tmp_path: Path) -> None:
    prints = Fingerprints(site_of(), environment(tmp_path / "layouts"))
    job = prints.job("page.html", VIEW, ("digest-1",))
    assert job.path == "about/index.html" and job.layout == "page.html"
    assert prints.job("page.html", VIEW, ("digest-1",)).fingerprint == job.fingerprint
    assert prints.job("page.html", VIEW, ("digest-2",)).fingerprint != job.fingerprint
    other_view = replace(VIEW, title="About us")
    assert prints.job("page.html", other_view, ("digest-1",)).fingerprint != job.fingerprint


def test_settings_are_in_every_fingerprint(tmp_path: Path) -> None:
    env = environment(tmp_path / "layouts")
    plain = Fingerprints(site_of(), env).job("page.html", VIEW, ())
    config = SiteConfig(root=Path("site"), base_url="https://example.org/")
    moved, _ = assemble(config, (), ())
    assert Fingerprints(moved, env).job("page.html", VIEW, ()).fingerprint != plain.fingerprint


def test_the_site_folder_itself_is_not_in_the_fingerprint(tmp_path: Path) -> None:
    env = environment(tmp_path / "layouts")
    here, _ = assemble(SiteConfig(root=Path("one")), (), ())
    there, _ = assemble(SiteConfig(root=Path("two")), (), ())
    assert (
        Fingerprints(here, env).job("page.html", VIEW, ()).fingerprint
        == Fingerprints(there, env).job("page.html", VIEW, ()).fingerprint
    )


def test_a_syntax_error_names_the_layout_and_line(tmp_path: Path) -> None:
    folder = layouts(tmp_path / "layouts", {"page.html": "fine\n{% include 'bad.html' %}"})
    (folder / "bad.html").write_text("one\ntwo {{ broken( }}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"bad\.html:2: "):
        fingerprint(folder, "page.html")
