"""newsdigest.site.calendar: days, months and years with articles, linked to their neighbours."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.model import Article
from newsdigest.site.calendar import Day, Month, archive, group_by_day

NEW_YORK = ZoneInfo("America/New_York")


def article(slug: str, when: datetime) -> Article:
    return Article(Path(f"{slug}.md"), slug, when, slug, "s", "<p>b</p>", 1)


def at(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[misc]


# Newest first, as the site orders them: two days of March 2025, one of February, one of 2024.
ARTICLES = (
    article("m14b", at(2025, 3, 14, 18)),
    article("m14a", at(2025, 3, 14, 9)),
    article("m02", at(2025, 3, 2, 9)),
    article("f10", at(2025, 2, 10, 9)),
    article("d31", at(2024, 12, 31, 9)),
)


def test_group_by_day_keeps_consecutive_articles_of_a_day_together() -> None:
    days = group_by_day(ARTICLES, UTC)
    assert [(d.date, [a.slug for a in d.articles]) for d in days] == [
        (date(2025, 3, 14), ["m14b", "m14a"]),
        (date(2025, 3, 2), ["m02"]),
        (date(2025, 2, 10), ["f10"]),
        (date(2024, 12, 31), ["d31"]),
    ]
    assert [d.path for d in days] == ["2025/03/14/", "2025/03/02/", "2025/02/10/", "2024/12/31/"]


def test_group_by_day_uses_the_zone() -> None:
    just_after_midnight_utc = article("a", at(2025, 3, 15, 1))
    assert [d.date for d in group_by_day([just_after_midnight_utc], UTC)] == [date(2025, 3, 15)]
    assert [d.date for d in group_by_day([just_after_midnight_utc], NEW_YORK)] == [
        date(2025, 3, 14)
    ]


def test_no_articles_no_days_and_an_empty_archive() -> None:
    assert group_by_day([], UTC) == ()
    assert archive(()) == ((), ())


def test_months_come_newest_first_linked_to_their_neighbours() -> None:
    _, months = archive(group_by_day(ARTICLES, UTC))
    assert [(m.year, m.month, m.path) for m in months] == [
        (2025, 3, "2025/03/"),
        (2025, 2, "2025/02/"),
        (2024, 12, "2024/12/"),
    ]
    assert [(m.newer_path, m.older_path) for m in months] == [
        (None, "2025/02/"),
        ("2025/03/", "2024/12/"),
        ("2025/02/", None),
    ]
    assert [[d.date.day for d in m.days] for m in months] == [[14, 2], [10], [31]]


def test_years_come_newest_first_linked_to_their_neighbours() -> None:
    years, months = archive(group_by_day(ARTICLES, UTC))
    assert [(y.year, y.path, y.newer_path, y.older_path) for y in years] == [
        (2025, "2025/", None, "2024/"),
        (2024, "2024/", "2025/", None),
    ]
    assert years[0].months == months[:2] and years[1].months == months[2:]


def test_a_single_month_has_no_neighbours() -> None:
    years, months = archive(group_by_day(ARTICLES[:2], UTC))
    assert [(m.newer_path, m.older_path) for m in months] == [(None, None)]
    assert [(y.newer_path, y.older_path) for y in years] == [(None, None)]


def test_article_counts() -> None:
    years, months = archive(group_by_day(ARTICLES, UTC))
    assert [m.article_count for m in months] == [3, 1, 1]
    assert [y.article_count for y in years] == [4, 1]


@pytest.mark.parametrize(
    ("year", "month", "label", "path"),
    [
        (2025, 3, "March 2025", "2025/03/"),
        (2024, 12, "December 2024", "2024/12/"),
    ],
)
def test_month_label_and_path(year: int, month: int, label: str, path: str) -> None:
    shown = Month(year, month, (), None, None)
    assert (shown.label, shown.path) == (label, path)


def test_day_path_is_zero_padded() -> None:
    assert Day(date(2025, 1, 5), ()).path == "2025/01/05/"


def test_each_day_links_to_its_neighbours_and_up_to_its_month() -> None:
    days = group_by_day(ARTICLES, UTC)
    assert [(d.newer_path, d.older_path) for d in days] == [
        (None, "2025/03/02/"),
        ("2025/03/14/", "2025/02/10/"),
        ("2025/03/02/", "2024/12/31/"),  # across months and years: the next day that has news
        ("2025/02/10/", None),
    ]
    assert [(d.month_path, d.month_label) for d in days[2:]] == [
        ("2025/02/", "February 2025"),
        ("2024/12/", "December 2024"),
    ]
