"""The filters layouts format dates with: `{{ day.date | long_date }}`, `{{ local | clock }}`."""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType
from typing import Any


def long_date(moment: datetime | Any) -> str:
    """'Friday, March 14, 2025'."""
    return f"{moment:%A, %B} {moment.day}, {moment.year}"


def month_day(moment: datetime | Any) -> str:
    """'March 14'."""
    return f"{moment:%B} {moment.day}"


def clock(moment: datetime) -> str:
    """'09:30', or '' for midnight, which seeds use when they give only a date."""
    return "" if (moment.hour, moment.minute, moment.second) == (0, 0, 0) else f"{moment:%H:%M}"


def iso_date(moment: datetime) -> str:
    """'2025-03-14T09:30:00+03:00', for <time datetime>."""
    return moment.isoformat()


FILTERS = MappingProxyType(
    {"long_date": long_date, "clock": clock, "iso": iso_date, "month_day": month_day}
)
"""Every filter, by the name layouts use."""
