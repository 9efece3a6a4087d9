"""newsdigest.site.paths: the site's paths, relative links, output files and asset names."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.model import Article
from newsdigest.site.paths import (
    KINDS,
    PAGE_SEGMENT,
    PATHS,
    RESERVED,
    SitePaths,
    article_path,
    asset_paths,
    day_path,
    output_file,
    relative_url,
)

MOSCOW = ZoneInfo("Europe/Moscow")
TAG = r"[0-9a-f]{10}"


@pytest.mark.parametrize(
    ("from_path", "to_path", "expected"),
    [
        ("", "archive/", "archive/"),
        ("feed.xml", "", "./"),
        ("404.html", "static/style.css", "static/style.css"),
        ("archive/", "", "../"),
        ("archive/", "archive/", "../archive/"),
        ("2025/", "2025/03/", "../2025/03/"),
        ("2025/03/14/", "2025/03/14/slug/", "../../../2025/03/14/slug/"),
        ("topics/x/page/2/", "topics/x/", "../../../../topics/x/"),
        ("topics/x/page/2/", "", "../../../../"),
        ("topics/x/", "topics/x/feed.xml", "../../topics/x/feed.xml"),
    ],
)
def test_relative_url(from_path: str, to_path: str, expected: str) -> None:
    assert relative_url(from_path, to_path) == expected


@pytest.mark.parametrize(
    ("site_path", "expected"),
    [
        ("", "index.html"),
        ("archive/", "archive/index.html"),
        ("2025/03/14/slug/", "2025/03/14/slug/index.html"),
        ("topics/x/page/2/", "topics/x/page/2/index.html"),
        ("feed.xml", "feed.xml"),
        ("topics/x/feed.xml", "topics/x/feed.xml"),
        ("404.html", "404.html"),
    ],
)
def test_output_file(site_path: str, expected: str) -> None:
    assert output_file(site_path) == expected


def test_plain_asset_paths_are_under_static() -> None:
    files = [("style.css", b"body {}"), ("fonts/a.woff2", b"font"), ("LICENSE", b"text")]
    assert asset_paths(files, hashed=False) == {
        "style.css": "static/style.css",
        "fonts/a.woff2": "static/fonts/a.woff2",
        "LICENSE": "static/LICENSE",
    }


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("style.css", rf"assets/style\.{TAG}\.css"),
        ("fonts/a.woff2", rf"assets/fonts/a\.{TAG}\.woff2"),
        ("app.min.js", rf"assets/app\.min\.{TAG}\.js"),
        ("LICENSE", rf"assets/LICENSE\.{TAG}"),
        ("v1.2/notes", rf"assets/v1\.2/notes\.{TAG}"),
    ],
)
def test_hashed_asset_paths_carry_the_hash_before_the_suffix(name: str, pattern: str) -> None:
    assert re.fullmatch(pattern, asset_paths([(name, b"bytes")], hashed=True)[name])


def test_the_hash_follows_the_bytes_only() -> None:
    one = asset_paths([("style.css", b"one")], hashed=True)["style.css"]
    assert asset_paths([("style.css", b"one")], hashed=True)["style.css"] == one
    assert asset_paths([("style.css", b"two")], hashed=True)["style.css"] != one
    other = asset_paths([("print.css", b"one")], hashed=True)["print.css"]
    assert other.split(".")[1] == one.split(".")[1]


def article(when: datetime, slug: str = "slug") -> Article:
    return Article(Path(f"{slug}.md"), slug, when, slug, "s", "<p>b</p>", 1)


def test_article_and_day_paths_are_in_the_zone() -> None:
    late = article(datetime(2025, 3, 14, 23, 30, tzinfo=UTC), "late-news")
    assert article_path(late, UTC) == "2025/03/14/late-news/"
    assert article_path(late, MOSCOW) == "2025/03/15/late-news/"
    assert day_path(late, UTC) == "2025/03/14/"
    assert day_path(late, MOSCOW) == "2025/03/15/"


def test_article_paths_are_zero_padded() -> None:
    assert article_path(article(datetime(2025, 1, 5, 9, tzinfo=UTC)), UTC) == "2025/01/05/slug/"


@pytest.mark.parametrize("name", [f.name for f in fields(SitePaths) if getattr(PATHS, f.name)])
def test_reserved_holds_the_first_segment_of_every_fixed_path(name: str) -> None:
    assert getattr(PATHS, name).split("/", 1)[0] in RESERVED


def test_reserved_holds_pagination_assets_static_and_every_kind() -> None:
    assert PAGE_SEGMENT.split("/", 1)[0] in RESERVED
    assert {"static", "assets", *KINDS} <= RESERVED
    assert "" not in RESERVED and "about" not in RESERVED
