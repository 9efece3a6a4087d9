"""Scraped text that must show as written, and seeds that deserve a word (issue 13, items
15-19): each line of a real article is its words, whatever Markdown would make of it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import make_site

from newsdigest import cli
from newsdigest.ingest.seeds import SeedSettings, parse_seed

SETTINGS = SeedSettings(ZoneInfo("Europe/London"))
NOW = datetime(2026, 12, 3, 17, 41, 31, 320904, tzinfo=UTC)


def seed(
    body: str, title: str = "Cup final report", url: str = "https://example.org/sport/final"
) -> bytes:
    marker = f"\n\n## Original url:\n\n{url}\n" if url else "\n"
    return f"## {title}\n\nMarch 14, 2025\n\n{body}{marker}".encode()


def built_body(tmp_path: Path, data: bytes) -> str:
    site = make_site(tmp_path / "site", {"a.txt": data})
    assert cli.main(["build", "--site", str(site), "-q"]) == 0
    page = next((site / "public" / "2025" / "03" / "14").glob("*/index.html"))
    html = page.read_text(encoding="utf-8")
    return html[
        html.index('<div class="body"') : html.index("</div>", html.index('<div class="body"'))
    ]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            "1. FC Köln won the cup after extra time.",
            "<p>1. FC Köln won the cup after extra time.</p>",
        ),
        ("----", "<p>----</p>"),
        ("====", "<p>====</p>"),
        ("> said the coach afterwards.", "<p>&gt; said the coach afterwards.</p>"),
        ("# 1 ranked side in the league.", "<p># 1 ranked side in the league.</p>"),
        ("+ five points for the winners.", "<p>+ five points for the winners.</p>"),
        ("<!-- not a comment -->", "<p>&lt;!-- not a comment --&gt;</p>"),
        ("The score was 2--1 at the break.", "<p>The score was 2--1 at the break.</p>"),
    ],
)
def test_a_line_that_looks_like_markdown_shows_as_written(
    tmp_path: Path, line: str, shown: str
) -> None:
    body = built_body(
        tmp_path, seed(f"The match was played on Saturday.\n\n{line}\n\nIt ended late.")
    )
    assert shown in body


def test_a_seed_without_a_date_line_has_a_valid_stable_datetime(tmp_path: Path) -> None:
    article, problems = parse_seed(
        Path("seeds/a.txt"), b"## Ferry resumes\n\nThe ferry resumed.\n", SETTINGS, NOW
    )
    assert article is not None and article.date.microsecond == 0
    assert (
        article.date
        == parse_seed(
            Path("seeds/a.txt"), b"## Ferry resumes\n\nThe ferry resumed.\n", SETTINGS, NOW
        )[0].date
    )  # type: ignore[union-attr]
    assert any(p.line == 3 and "a guess" in p.message for p in problems)


def test_a_date_line_that_cannot_be_read_is_named_and_not_kept_as_text() -> None:
    data = b"## Bad date story\n\n31/31/2005\n\nBody text here.\n\n## Original url:\n\nhttps://x.example/a\n"
    article, problems = parse_seed(Path("seeds/a.txt"), data, SETTINGS, NOW)
    assert article is not None and "31/31/2005" not in article.body_markdown
    assert [(p.line, p.severity) for p in problems] == [(3, "warning")]
    assert "'31/31/2005' looks like a date but is not one" in problems[0].message


def test_a_seed_without_an_original_url_section_is_a_warning() -> None:
    article, problems = parse_seed(
        Path("seeds/a.txt"), seed("The ferry resumed.", url=""), SETTINGS, NOW
    )
    assert article is not None and article.source_url == ""
    assert any("no '## Original url:' section" in p.message for p in problems)


@pytest.mark.parametrize(
    "title",
    [
        "Source of the river found at last",
        "URL shorteners banned by the council",
        "Sources say the deal is off",
    ],
)
def test_a_headline_starting_with_source_or_url_is_a_title(title: str) -> None:
    article, problems = parse_seed(
        Path("seeds/a.txt"), seed("The body.", title=title), SETTINGS, NOW
    )
    assert article is not None and article.title == title
    assert not [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize(
    "marker", ["## Original url:", "## Source:", "## URL", "## Original url https://x.example/a"]
)
def test_the_url_markers_still_mark_the_url(marker: str) -> None:
    data = f"## Ferry resumes\n\nMarch 14, 2025\n\nThe ferry resumed.\n\n{marker}\n\nhttps://x.example/a\n"
    if marker.endswith("/a"):
        data = data.replace("\n\nhttps://x.example/a\n", "\n")
    article, _ = parse_seed(Path("seeds/a.txt"), data.encode(), SETTINGS, NOW)
    assert article is not None and article.source_url == "https://x.example/a"
    assert "x.example" not in article.body_markdown


def test_a_line_separator_does_not_cut_the_title() -> None:
    article, _ = parse_seed(
        Path("seeds/a.txt"), seed("Body.", title="Title with a\u2028line separator"), SETTINGS, NOW
    )
    assert article is not None and article.title == "Title with a line separator"


def test_no_datetime_attribute_carries_microseconds(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    page = "---\ntitle: Moment\ndate: 2025-03-14T09:30:00.123456+00:00\n---\n\nText.\n"
    (site / "content" / "articles" / "moment.md").write_text(page, encoding="utf-8")
    assert cli.main(["build", "--site", str(site), "-q", "--no-ingest"]) == 0
    for html in (site / "public").rglob("*.html"):
        for value in re.findall(r'datetime="([^"]+)"', html.read_text(encoding="utf-8")):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", value), value


def test_a_guessed_date_is_said_in_the_page(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "site", {"a.txt": b"## Ferry resumes\n\nThe ferry resumed on Monday.\n"}
    )
    assert cli.main(["build", "--site", str(site), "-q"]) == 0
    page = next((site / "content" / "articles").glob("*.md")).read_text(encoding="utf-8")
    assert (
        "\ndate_guessed: no date in the seed, so the date is the seed file time; correct it\n"
        in page
    )
    dated = make_site(tmp_path / "dated", {"a.txt": seed("The ferry resumed.")})
    assert cli.main(["build", "--site", str(dated), "-q"]) == 0
    assert "date_guessed" not in next((dated / "content" / "articles").glob("*.md")).read_text()
