"""newsdigest.ingest.seeds and newsdigest.ingest.dates: every tricky seed in tests/fixtures/seeds/, exactly."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import FIXTURES, REAL_SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.ingest import seeds
from newsdigest.ingest.dates import parse_date
from newsdigest.ingest.inline import convert_inline
from newsdigest.ingest.publishers import publisher_name
from newsdigest.ingest.seeds import SeedArticle, SeedSettings, parse_seed

SEEDS = FIXTURES / "seeds"
MOSCOW = ZoneInfo("Europe/Moscow")
SETTINGS = SeedSettings(MOSCOW)
MTIME = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
PLAIN_BODY = "Officials met on Friday. They agreed on a plan."
PLAIN_URL = "https://news.example.com/2025/03/14/plain"
NO_DATE = (
    "warning: no date line after the title; used the seed file's modification time, a guess: "
    "add a line such as 'March 14, 2025' to fix it"
)
NO_URL = (
    "warning: the seed has no '## Original url:' section, so the page cannot link its source; "
    "add '## Original url:' and the address as the seed's last lines"
)
NOT_HTTP = (
    "is not an http or https address; kept the article without it, "
    "give the original's http(s) address"
)


def last_line(name: str) -> int:
    """The fixture's last line with text: where a missing URL section is reported."""
    lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    return max(i + 1 for i, line in enumerate(lines) if line.strip())


def parse(name: str, settings: SeedSettings = SETTINGS) -> tuple[SeedArticle | None, list[str]]:
    """Parse a fixture as if it were seeds/<name>; problems as the CLI prints them."""
    data = (SEEDS / name).read_bytes()
    article, problems = parse_seed(Path("seeds") / name, data, settings, MTIME)
    return article, [str(p) for p in problems]


DATES = {
    "date_month_day_year.txt": "2025-03-14T00:00:00+03:00",
    "date_abbreviated_month.txt": "2025-03-14T00:00:00+03:00",
    "date_day_month_year.txt": "2025-03-14T00:00:00+03:00",
    "date_iso.txt": "2025-03-14T00:00:00+03:00",
    "date_iso_with_time_and_zone.txt": "2025-03-14T09:30:00+03:00",
    "date_with_weekday.txt": "2025-03-14T00:00:00+03:00",
    "date_with_time_am_pm.txt": "2025-03-14T10:32:00+03:00",
    "date_dotted_day_first.txt": "2025-03-14T00:00:00+03:00",
    "date_with_zone_abbreviation.txt": "2025-03-14T22:32:00-04:00",
    "date_ambiguous_numeric.txt": "2025-03-04T00:00:00+03:00",
}


@pytest.mark.parametrize("name", sorted(DATES))
def test_date_forms(name: str) -> None:
    article, problems = parse(name)
    assert article is not None and problems == []
    assert article.date.isoformat() == DATES[name]
    assert article.body_markdown == PLAIN_BODY


@pytest.mark.parametrize(
    ("order", "expected"), [("MDY", "2025-03-04"), ("DMY", "2025-04-03"), ("YMD", "2025-03-04")]
)
def test_ambiguous_numeric_dates_follow_date_order(order: str, expected: str) -> None:
    article, _ = parse("date_ambiguous_numeric.txt", SeedSettings(MOSCOW, date_order=order))
    assert article is not None and article.date.date().isoformat() == expected


def test_missing_date_takes_the_file_time_with_a_warning() -> None:
    article, problems = parse("date_missing.txt")
    assert article is not None and article.date == MTIME
    assert article.date.tzinfo == MOSCOW
    assert problems == [f"seeds/date_missing.txt:3: {NO_DATE}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated: March 14, 2025 at 10:32 PM", "2025-03-14T22:32:00+03:00"),
        ("10:32 AM, March 14, 2025", "2025-03-14T10:32:00+03:00"),
        ("Fri 14 Mar 2025 10:32 GMT", "2025-03-14T10:32:00+00:00"),
        ("14/03/2025 09:30", "2025-03-14T09:30:00+03:00"),
        ("2025/03/14", "2025-03-14T00:00:00+03:00"),
        ("March 14, 2025, 10:32 a.m. UTC+2", "2025-03-14T10:32:00+02:00"),
        ("2025-03-14T09:30:00Z", "2025-03-14T09:30:00+00:00"),
        ("Sept. 4th, 2025", "2025-09-04T00:00:00+03:00"),
    ],
)
def test_more_date_forms(text: str, expected: str) -> None:
    parsed = parse_date(text, MOSCOW)
    assert parsed is not None and parsed.isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 2025",
        "13:75 March 14, 2025",
        "0001-01-01",
        "Body text, not a date.",
        "32.13.2025",
        "March 14, 2025 10:32 Moscow",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text, MOSCOW) is None


TEXT = {
    "utf8_with_bom.txt": ("A Plain Headline", PLAIN_BODY, []),
    "crlf_line_ends.txt": ("A Plain Headline", PLAIN_BODY, []),
    "cr_line_ends.txt": ("A Plain Headline", PLAIN_BODY, []),
    "windows_1252.txt": (
        "Café “Society” Reopens",
        "The café’s owner said – smiling – it would stay open.",
        [
            "seeds/windows_1252.txt:1: warning: the seed is not UTF-8; read it as "
            "Windows-1252, save it as UTF-8 to be sure"
        ],
    ),
    "html_entities.txt": (
        'Tom & Jerry’s "Show"',
        "Prices rose 5 % — again — said \\<sources\\>.",
        [],
    ),
    "stray_tags.txt": (
        "A Plain Headline",
        "He **said** it was *final*.\\\nRead the [full report](<https://other.example/report>) or this.",
        [],
    ),
    "invisible_characters.txt": ("ZeroWidth Headline", "Text with controls and soft hyphens.", []),
    "hostile_html.txt": ("Hostile Headline", "Hello click \\<evil onclick=x\\>tag\\</evil\\>.", []),
}


@pytest.mark.parametrize("name", sorted(TEXT))
def test_text_as_it_arrives(name: str) -> None:
    title, body, warnings = TEXT[name]
    article, problems = parse(name)
    assert article is not None
    assert (article.title, article.body_markdown, problems) == (title, body, warnings)


TITLES = {
    "title_cyrillic.txt": "Путин провёл переговоры",
    "title_cjk.txt": "中国新闻 速報",
    "title_arabic.txt": "مرحبا بالعالم",
    "title_emoji.txt": "🚀 Launch Day 🎉",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_titles_in_any_script_are_kept_exactly(name: str) -> None:
    article, problems = parse(name)
    assert article is not None and problems == [f"seeds/{name}:{last_line(name)}: {NO_URL}"]
    assert article.title == TITLES[name]
    assert (article.source, article.source_url) == ("", "")


def test_missing_source_falls_back_to_the_default_source() -> None:
    article, _ = parse("url_missing.txt", SeedSettings(MOSCOW, default_source="Wire"))
    assert article is not None and (article.source, article.source_url) == ("Wire", "")


URLS = {
    "url_broken_by_space.txt": ("https://news.example.com/2025/03/14/broken-url-a1", []),
    "url_broken_by_line_break.txt": ("https://news.example.com/2025/03/14/broken-url-a2", []),
    "url_missing.txt": ("", [f"seeds/url_missing.txt:{last_line('url_missing.txt')}: {NO_URL}"]),
    "url_javascript.txt": (
        "",
        [f"seeds/url_javascript.txt:8: warning: source URL 'javascript:alert(1)' {NOT_HTTP}"],
    ),
    "url_data.txt": (
        "",
        [
            "seeds/url_data.txt:8: warning: source URL "
            f"'data:text/html,<script>alert(1)</script>' {NOT_HTTP}"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(URLS))
def test_source_urls(name: str) -> None:
    url, warnings = URLS[name]
    article, problems = parse(name)
    assert article is not None and article.body_markdown == PLAIN_BODY
    assert (article.source_url, problems) == (url, warnings)
    assert article.source == ("news.example.com" if url else "")


def test_title_only_article() -> None:
    article, problems = parse("title_only.txt")
    assert article is not None
    assert (article.title, article.body_markdown, article.summary) == ("Only a Headline", "", "")
    assert problems == [f"seeds/title_only.txt:1: {NO_URL}", f"seeds/title_only.txt:1: {NO_DATE}"]


WHAT_TO_DO_EMPTY = "remove it, or give it a '## Headline' line and the article's text"
REFUSALS = {
    "refuse_empty.txt": f"seeds/refuse_empty.txt:1: error: the seed is empty; {WHAT_TO_DO_EMPTY}",
    "refuse_whitespace.txt": (
        f"seeds/refuse_whitespace.txt:1: error: the seed is only whitespace; {WHAT_TO_DO_EMPTY}"
    ),
    "refuse_no_title.txt": (
        "seeds/refuse_no_title.txt:3: error: the seed does not start with a title line; "
        "put the headline first, as '## Headline'"
    ),
    "refuse_nul_bytes.txt": (
        "seeds/refuse_nul_bytes.txt:5: error: the seed holds NUL bytes; "
        "it is binary, not an article; remove it from seeds/"
    ),
    "refuse_undecodable.txt": (
        "seeds/refuse_undecodable.txt:3: error: the seed is neither UTF-8 nor Windows-1252 text; "
        "save it as UTF-8"
    ),
    "refuse_binary_controls.txt": (
        "seeds/refuse_binary_controls.txt:1: error: the seed is mostly control characters; "
        "it is binary, not an article; remove it from seeds/"
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refusals_say_where_what_and_what_to_do(name: str) -> None:
    article, problems = parse(name)
    assert article is None
    assert problems == [REFUSALS[name]]


def test_a_seed_over_the_size_limit_is_refused() -> None:
    article, problems = parse("date_iso.txt", SeedSettings(MOSCOW, max_bytes=10))
    assert article is None
    size = (SEEDS / "date_iso.txt").stat().st_size
    assert problems == [
        f"seeds/date_iso.txt:1: error: the seed is {size:,} bytes, over the limit of 10; "
        "split it, or raise 'max_seed_bytes' in site.toml"
    ]


def test_every_fixture_has_an_exact_expectation() -> None:
    covered = {*DATES, *TEXT, *TITLES, *URLS, *REFUSALS, "date_missing.txt", "title_only.txt"}
    covered |= {"title_only_symbols.txt", "title_long.txt"}  # see test_slugs.py
    assert covered == {path.name for path in SEEDS.iterdir()}


def test_the_real_seed() -> None:
    article, problems = parse_seed(REAL_SEED, REAL_SEED.read_bytes(), SETTINGS, MTIME)
    assert article is not None and problems == []
    assert article.title.startswith("Trump Claims 'Very Good Chance'")
    assert article.date.isoformat() == "2025-03-14T00:00:00+03:00"
    assert article.source == "The Moscow Times"
    assert article.source_url.endswith(
        "/trump-claims-very-good-chance-to-end-ukraine-war-after-putin-witkoff-meeting-a88369"
    )
    assert (article.image_caption, article.image_credit) == (
        "Vladimir Putin speaks on the phone.",
        "kremlin.ru",
    )
    assert article.related == (
        "Putin-Trump Meeting Dates to Be Discussed After U.S. Envoy Briefs White House on "
        "Ukraine Talks, Kremlin Says",
    )
    assert article.correction.startswith("An earlier version of this article said")
    paragraphs = article.body_markdown.split("\n\n")
    assert len(paragraphs) == 10 and "<u>" not in article.body_markdown
    assert (
        "Putin voiced support for the proposal in principle while raising concerns" in paragraphs[4]
    )


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.themoscowtimes.com/x", "The Moscow Times"),
        ("https://edition.cnn.com/x", "CNN"),
        ("http://m.example.org/x", "example.org"),
        ("javascript:alert(1)", ""),
    ],
)
def test_publisher_names(url: str, name: str) -> None:
    assert publisher_name(url) == name


# The heading pattern before issue 13: it tried every split of a run of spaces at every
# character (a title of a few thousand spaces took minutes); `_heading` cuts by hand.
OLD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=" \t#ab\xa0\u3000\x0b.", max_size=24))
def test_headings_are_cut_as_the_pattern_cut_them(line: str) -> None:
    match = OLD_HEADING.match(line)
    assert seeds._heading(line) == (match.group("text") if match else None)


# Openings of correction notes, cut by markup, entities and invisible characters.
OPENINGS = (
    "An earlier version", " of this article", "Correction", ":", "Editor's", " note:",
    "This article has", " been corrected", "<b>", "</b>", "&amp;", "\u200b", " ", "x" * 30,
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(OPENINGS), max_size=8).map("".join))
def test_correction_notes_are_found_as_by_converting_the_opening(text: str) -> None:
    converted = convert_inline(text[:200]).plain
    assert seeds._is_correction(text) == bool(seeds._CORRECTION.match(converted))


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("An earlier version<b> of this article</b> said 3,000 people came.", True),
        ("This article has\u200b been corrected to give the minister's name.", True),
        ("Correction<i>:</i> the vote was on Friday, not on Thursday as first reported.", True),
        ("An earlier version of the plan, first shown in March, had no <b>budget</b>.", False),
        ("<b>Correction:</b> " + "x" * 300, True),
    ],
)
def test_correction_notes_behind_markup(text: str, note: bool) -> None:
    assert seeds._is_correction(text) is note


def test_a_url_after_blank_lines_is_found_and_what_follows_is_not() -> None:
    data = f"## T\n\nMarch 14, 2025\n\nBody.\n\n## Original url:\n\n\n\n{PLAIN_URL}\n\nx\n"
    article, _ = parse_seed(Path("seeds/u.txt"), data.encode(), SETTINGS, MTIME)
    assert article is not None and article.source_url == PLAIN_URL
