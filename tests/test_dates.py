"""newsdigest.ingest.dates: date lines as news sites print them (test_seeds.py has the seed forms)."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsdigest.ingest.dates import YEARS, order_numeric, parse_date, zone_of

MOSCOW = ZoneInfo("Europe/Moscow")


def iso(text: str, date_order: str = "MDY") -> str | None:
    parsed = parse_date(text, MOSCOW, date_order)
    return parsed.isoformat() if parsed else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14th of March 2025", "2025-03-14T00:00:00+03:00"),
        ("Thu. 13 Mar. 2025", "2025-03-13T00:00:00+03:00"),
        ("March 14 2025", "2025-03-14T00:00:00+03:00"),
        ("Published on: March 14, 2025", "2025-03-14T00:00:00+03:00"),
        ("Last updated March 14, 2025", "2025-03-14T00:00:00+03:00"),
        ("March 14, 2025 10:32:45 pm", "2025-03-14T22:32:45+03:00"),
        ("14 Mar 2025 | 10:32", "2025-03-14T10:32:00+03:00"),
        ("March 14, 2025 — 10:32 EDT", "2025-03-14T10:32:00-04:00"),
        ("10:32 PM EST on March 14, 2025", "2025-03-14T22:32:00-05:00"),
        ("10:32 pm (MSK) March 14, 2025", "2025-03-14T22:32:00+03:00"),
        ("12:15 am, March 14, 2025", "2025-03-14T00:15:00+03:00"),
        ("12:15 pm, March 14, 2025", "2025-03-14T12:15:00+03:00"),
        ("2025-03-14 09:30", "2025-03-14T09:30:00+03:00"),
        ("2025-03-14T09:30+0300", "2025-03-14T09:30:00+03:00"),
        ("2025-03-14T09:30:00.250-05:00", "2025-03-14T09:30:00.250000-05:00"),
        ("February 29, 2024", "2024-02-29T00:00:00+03:00"),
    ],
)
def test_date_lines(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(
    "text",
    ["２０２５-０３-１４", "March\u00a014,\u00a02025", "  March   14,\t2025  ", "MARCH 14, 2025"],
)
def test_width_spacing_and_case_do_not_matter(text: str) -> None:
    assert iso(text) == "2025-03-14T00:00:00+03:00"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("March 14, 2025 10:32 UTC", "+00:00"),
        ("March 14, 2025 10:32 Z", "+00:00"),
        ("March 14, 2025 10:32 BST", "+01:00"),
        ("March 14, 2025 10:32 CEST", "+02:00"),
        ("March 14, 2025 10:32 msk", "+03:00"),
        ("March 14, 2025 10:32 IST", "+05:30"),
        ("March 14, 2025 10:32 JST", "+09:00"),
        ("March 14, 2025 10:32 AEDT", "+11:00"),
        ("March 14, 2025 10:32 PDT", "-07:00"),
        ("March 14, 2025 10:32 +0530", "+05:30"),
        ("March 14, 2025 10:32 -08:00", "-08:00"),
        ("March 14, 2025 10:32 UTC-3", "-03:00"),
        ("March 14, 2025 10:32 GMT+5:45", "+05:45"),
        ("March 14, 2025 10:32 GMT+14", "+14:00"),
    ],
)
def test_zones_by_abbreviation_and_offset(text: str, offset: str) -> None:
    assert iso(text) == f"2025-03-14T10:32:00{offset}"


@pytest.mark.parametrize(
    "text",
    [
        "March 14, 2025 10:32 XYZ",  # an unknown zone: the time cannot be placed
        "March 14, 2025 10:32 UTC+15",  # no such offset
        "April 31, 2025",
        "29.02.2025",
        "2025-02-29",
        "2025-13-01",
        "2025-03-14T25:00",
        "March 14, 2025 24:00",
        "13:30 PM, March 14, 2025",
        "0:30 am, March 14, 2025",
        "Smarch 14, 2025",
        "March 14, 2025 and then some words that make it clearly not a date line at all.",
        "",
    ],
)
def test_impossible_or_unreadable_lines_give_none(text: str) -> None:
    assert iso(text) is None


def test_a_long_line_is_never_a_date() -> None:
    assert iso("March 14, 2025" + " " * 100) is not None  # spaces collapse first
    assert iso("March 14, 2025 " + "x" * 80) is None
    assert iso("Fri" + "a" * 20 + " March 14, 2025") is not None  # a weekday of any length
    assert iso("Fri" + "a" * 70 + " March 14, 2025") is None  # but not past 80 characters


@pytest.mark.parametrize(
    "text", ["March 14, 1799", "1799-12-31", "December 31, 2200", "2200-01-01", "14.03.0025"]
)
def test_years_outside_years_give_none(text: str) -> None:
    assert iso(text) is None


@pytest.mark.parametrize("text", ["January 1, 1800", "2199-12-31", "December 31, 2199"])
def test_years_at_the_edges_of_years_are_read(text: str) -> None:
    parsed = parse_date(text, MOSCOW)
    assert parsed is not None and parsed.year in YEARS
    assert YEARS.start == 1800 and YEARS.stop == 2200


@pytest.mark.parametrize(
    ("text", "mdy", "dmy", "ymd"),
    [
        ("03/04/25", "2025-03-04", "2025-04-03", "2003-04-25"),  # two-digit year
        ("03-04-2025", "2025-03-04", "2025-04-03", "2025-03-04"),
        ("13/04/2025", "2025-04-13", "2025-04-13", "2025-04-13"),  # 13 is no month
        ("04/13/2025", "2025-04-13", "2025-04-13", "2025-04-13"),
        ("2025.04.03", "2025-04-03", "2025-04-03", "2025-04-03"),  # year first: one reading
        ("25.12.2025", "2025-12-25", "2025-12-25", "2025-12-25"),
    ],
)
def test_numeric_dates_follow_date_order_only_when_ambiguous(
    text: str, mdy: str, dmy: str, ymd: str
) -> None:
    found = [parse_date(text, MOSCOW, order) for order in ("MDY", "DMY", "YMD")]
    assert [d.date().isoformat() if d else None for d in found] == [mdy, dmy, ymd]


@pytest.mark.parametrize(
    ("numbers", "date_order", "expected"),
    [
        (("2025", "3", "4"), "DMY", (2025, 3, 4)),
        (("03", "04", "2025"), "MDY", (2025, 3, 4)),
        (("03", "04", "2025"), "DMY", (2025, 4, 3)),
        (("03", "04", "2025"), "YMD", (2025, 3, 4)),
        (("25", "04", "03"), "YMD", (2025, 4, 3)),
        (("25", "04", "03"), "MDY", (2003, 4, 25)),
        (("04", "25", "2025"), "DMY", (2025, 4, 25)),
        (("31", "12", "99"), "MDY", (2099, 12, 31)),
    ],
)
def test_order_numeric(
    numbers: tuple[str, str, str], date_order: str, expected: tuple[int, int, int]
) -> None:
    assert order_numeric(*numbers, date_order) == expected


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("UTC", 0.0),
        ("gmt", 0.0),
        ("Z", 0.0),
        ("EEST", 3.0),
        ("CST", -6.0),  # the US sense of an ambiguous abbreviation
        ("+05:30", 5.5),
        ("-0800", -8.0),
        ("+14", 14.0),
        ("GMT+1", 1.0),
        ("UTC-9:30", -9.5),
    ],
)
def test_zone_of(text: str, hours: float) -> None:
    zone = zone_of(text)
    assert zone is not None and zone.utcoffset(None) == timedelta(hours=hours)


def test_zone_of_utc_is_utc_itself() -> None:
    assert zone_of("UTC") is UTC and zone_of("GMT") is UTC


@pytest.mark.parametrize("text", [None, "", "ABC", "Moscow", "+15:00", "UTC+20", "+"])
def test_zone_of_unknown(text: str | None) -> None:
    assert zone_of(text) is None


def test_zone_of_refuses_minutes_past_59() -> None:
    assert zone_of("+05:75") is None
