"""newsdigest.render.fingerprints: stable hashes, and plan keys from what a page is handed."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.render.fingerprints import Fingerprints, stable_hash, structure
from newsdigest.render.jobs import View
from newsdigest.render.plan import plan_pages
from newsdigest.site import Site, assemble

VIEW = View("about/", "About", "What this is.", "page")
VALUE = ("page.html", 3, ("a", "b"), None, 1.5)


def article(slug: str, digest: str) -> Article:
    when = datetime(2025, 3, 14, 9, tzinfo=UTC)
    return Article(Path(f"{slug}.md"), slug, when, slug, "s", "<p>b</p>", 1, digest=digest)


def site_of(*articles: Article) -> Site:
    site, _ = assemble(SiteConfig(root=Path("site")), articles, ())
    return site


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


def test_what_a_page_is_handed_and_its_view_are_in_the_plan_key() -> None:
    prints = Fingerprints(site_of())
    job = prints.job("page.html", VIEW, article=article("a", "one"))
    assert job.path == "about/index.html" and job.layout == "page.html"
    assert prints.job("page.html", VIEW, article=article("a", "two")).fingerprint == job.fingerprint
    assert prints.job("page.html", VIEW, article=article("b", "one")).fingerprint != job.fingerprint
    other_view = replace(VIEW, title="About us")
    assert prints.job("page.html", other_view, article=article("a", "one")).fingerprint != (
        job.fingerprint
    )


def test_the_settings_the_renderer_uses_are_in_every_plan_key() -> None:
    plain = Fingerprints(site_of()).job("page.html", VIEW)
    config = SiteConfig(root=Path("site"), base_url="https://example.org/")
    moved, _ = assemble(config, (), ())
    assert Fingerprints(moved).job("page.html", VIEW).fingerprint != plain.fingerprint


def test_the_site_folder_itself_is_not_in_the_plan_key() -> None:
    here, _ = assemble(SiteConfig(root=Path("one")), (), ())
    there, _ = assemble(SiteConfig(root=Path("two")), (), ())
    assert (
        Fingerprints(here).job("page.html", VIEW).fingerprint
        == Fingerprints(there).job("page.html", VIEW).fingerprint
    )


def news(index: int) -> Article:
    """One of five articles over three days that share names, topics and words."""
    when = datetime(2025, 3, 10 + index % 3, 9 + index, tzinfo=UTC)
    return Article(
        Path(f"a{index}.md"),
        f"Port strike day {index}",
        when,
        f"a{index}",
        "Dockers walk out.",
        f"<p>Port strike {index}</p>",
        120,
        source="Wire" if index % 2 else "Herald",
        tags=("business",) if index % 2 else ("world",),
        entities=("Rotterdam",),
        digest=f"d{index}",
    )


FIELD_EDITS = st.sampled_from(
    [
        ("title", "Port strike ends"),
        ("date", datetime(2025, 3, 9, 8, tzinfo=UTC)),
        ("date", datetime(2025, 3, 10, 13, tzinfo=UTC)),  # reorders a day
        ("slug", "renamed"),
        ("summary", "A new lead."),
        ("body_html", "<p>Edited body.</p>"),
        ("word_count", 999),
        ("source", "Gazette"),
        ("tags", ("sport",)),
        ("entities", ("Antwerp", "Rotterdam")),
        ("image_caption", "A crane."),
        ("digest", "edited"),
    ]
)


def plan_keys(site: Site) -> dict[str, str]:
    return {job.path: job.fingerprint for job in plan_pages(site)}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 4), FIELD_EDITS)
def test_an_unchanged_structure_means_unchanged_plan_keys(
    which: int, edit: tuple[str, object]
) -> None:
    """A build reuses the last build's plan keys when the structure digest is the same: that
    is only right if nothing a plan key is made from escapes the digest."""
    articles = [news(index) for index in range(5)]
    before = site_of(*articles)
    articles[which] = replace(articles[which], **{edit[0]: edit[1]})
    after = site_of(*articles)
    if structure(after) == structure(before):
        assert plan_keys(after) == plan_keys(before)


def test_a_body_edit_keeps_the_structure() -> None:
    articles = [news(index) for index in range(5)]
    edited = [
        *articles[:2],
        replace(articles[2], body_html="<p>New</p>", digest="x"),
        *articles[3:],
    ]
    assert structure(site_of(*edited)) == structure(site_of(*articles))
