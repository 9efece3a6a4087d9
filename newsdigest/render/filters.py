"""The filters layouts format dates with: `{{ day.date | long_date }}`, `{{ local | clock }}`.

A list shows its dates with the year unless every one of them is in the site's current year,
`site.current_year`: the year of its newest article, since output never reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Any


def long_date(moment: datetime | Any) -> str:
    """'Friday, March 14, 2025'."""
    return f"{moment:%A, %B} {moment.day}, {moment.year}"


def month_day(moment: datetime | Any, with_year: bool = False) -> str:
    """'March 14', or 'March 14, 2025' `with_year`."""
    return f"{moment:%B} {moment.day}, {moment.year}" if with_year else f"{moment:%B} {moment.day}"


def needs_year(articles: Iterable[Any], current_year: int | None, zone: tzinfo) -> bool:
    """Whether a list of articles shows its dates with the year: when it spans years, or
    its year is not the current one (`{% set with_year = articles | needs_year(...) %}`)."""
    return any(article.date.astimezone(zone).year != current_year for article in articles)


def clock(moment: datetime) -> str:
    """'09:30', or '' for midnight, which seeds use when they give only a date."""
    return "" if (moment.hour, moment.minute, moment.second) == (0, 0, 0) else f"{moment:%H:%M}"


def iso_date(moment: datetime) -> str:
    """'2025-03-14T09:30:00+03:00', for <time datetime>: to the second, since HTML allows at
    most three digits of a fraction and a page's moment needs none."""
    return moment.isoformat(timespec="seconds")


FILTERS = MappingProxyType(
    {
        "long_date": long_date,
        "clock": clock,
        "iso": iso_date,
        "month_day": month_day,
        "needs_year": needs_year,
    }
)
"""Every filter, by the name layouts use."""
