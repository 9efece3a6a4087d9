"""The feeds against RSS 2.0, Atom 1.0 and the W3C feed validator's rules, as built by the CLI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from helpers import REAL_SEED, make_site
from shipped import run

BASE = "https://example.org/news/"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

# An article whose Markdown links the way a writer does: relative to the article's own page,
# root-relative, and to a picture beside it. Feed readers show content away from the site.
LINKING_ARTICLE = """\
---
title: Links Everywhere
date: 2025-03-15T10:00:00+03:00
slug: links-everywhere
summary: An article that links around the site.
---

See [the day](../), [the archive](../../../../archive/), [about](/news/about/) and
![the icon](../../../../static/favicon.svg "Icon").
"""


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seed and the linking article, built by the CLI under a base URL with a path."""
    return build_site(tmp_path_factory.mktemp("feeds"), "public")


def build_site(root: Path, out_name: str) -> Path:
    site = root / "site"
    if not site.exists():
        make_site(site, {REAL_SEED.name: REAL_SEED.read_bytes()})
        (site / "content" / "articles" / "links.md").write_text(LINKING_ARTICLE, "utf-8")
    result = run("build", "--site", str(site), "--out", str(root / out_name), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return root / out_name


def rss_items(public: Path) -> list[ET.Element]:
    return ET.parse(public / "feed.xml").getroot().findall("./channel/item")


def atom_entries(public: Path) -> list[ET.Element]:
    return ET.parse(public / "atom.xml").getroot().findall(f"{ATOM}entry")


def article_urls(public: Path) -> list[str]:
    """Every article page the build wrote, as absolute URLs."""
    pages = public.glob("[0-9]*/*/*/*/index.html")
    return sorted(BASE + page.parent.relative_to(public).as_posix() + "/" for page in pages)


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_the_self_link_is_where_the_feed_is_served(public: Path, name: str) -> None:
    root = ET.parse(public / name).getroot()
    links = root.iter(f"{ATOM}link")
    assert [link.get("href") for link in links if link.get("rel") == "self"] == [BASE + name]


def test_rss_guids_are_permalinks_equal_to_the_item_link(public: Path) -> None:
    for item in rss_items(public):
        guid = item.find("guid")
        assert guid is not None
        assert guid.get("isPermaLink", "true") == "true"
        assert guid.text == item.findtext("link")
        assert urlsplit(guid.text or "").scheme == "https"


def test_rss_description_comes_before_content_encoded(public: Path) -> None:
    for item in rss_items(public):
        tags = [child.tag for child in item]
        assert "description" in tags and CONTENT_ENCODED in tags
        assert tags.index("description") < tags.index(CONTENT_ENCODED)


class _Urls(HTMLParser):
    """URL attributes and element names of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.urls += [v for k, v in attrs if k in ("href", "src", "poster") and v]


def contents(public: Path) -> list[str]:
    """Every entry's HTML content, from both feeds."""
    rss = [item.findtext(CONTENT_ENCODED) or "" for item in rss_items(public)]
    atom = [entry.findtext(f"{ATOM}content") or "" for entry in atom_entries(public)]
    return rss + atom


def scan(html: str) -> _Urls:
    parser = _Urls()
    parser.feed(html)
    parser.close()
    return parser


def test_content_urls_are_absolute_and_lead_where_the_page_links(public: Path) -> None:
    found = [url for html in contents(public) for url in scan(html).urls]
    assert found and all(urlsplit(url).scheme in ("http", "https") for url in found), found
    for expected in [
        BASE + "2025/03/15/",
        BASE + "archive/",
        BASE + "about/",
        BASE + "static/favicon.svg",
    ]:
        assert expected in found


def test_content_has_no_script_or_iframe(public: Path) -> None:
    for html in contents(public):
        assert not scan(html).tags & {"script", "iframe", "object", "embed", "style"}


def test_every_atom_entry_has_an_author(public: Path) -> None:
    entries = atom_entries(public)
    assert entries
    for entry in entries:
        assert (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip()


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_one_entry_per_article(public: Path, name: str) -> None:
    parsed = feedparser.parse((public / name).read_bytes())
    assert parsed.bozo == 0
    assert sorted(entry.link for entry in parsed.entries) == article_urls(public)
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids)) == 2


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_two_builds_give_the_same_ids_and_bytes(public: Path, name: str) -> None:
    again = build_site(public.parent, "again")
    ids = [
        [e.id for e in feedparser.parse((out / name).read_bytes()).entries]
        for out in (public, again)
    ]
    assert ids[0] == ids[1]
    assert (public / name).read_bytes() == (again / name).read_bytes()


def test_check_passes_on_these_feeds(public: Path) -> None:
    result = run(
        "check", "--site", str(public.parent / "site"), "--out", str(public), "--base-url", BASE
    )
    assert result.returncode == 0, result.stderr
