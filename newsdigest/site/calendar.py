"""The digest by date: days, months and years with articles, each linked to its neighbours. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo
from itertools import groupby

from newsdigest.model import Article


@dataclass(frozen=True)
class Month:
    """One month of the archive: its days with articles, and its neighbours."""

    year: int
    month: int
    days: tuple[Day, ...]
    """Its days with articles, newest first."""
    newer_path: str | None
    """The next month with articles; None for the newest."""
    older_path: str | None
    """The previous month with articles; None for the oldest."""

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def path(self) -> str:
        return f"{self.year:04d}/{self.month:02d}/"

    @property
    def article_count(self) -> int:
        return sum(len(day.articles) for day in self.days)


@dataclass(frozen=True)
class Year:
    """One year of the archive: its months with articles, and its neighbours."""

    year: int
    months: tuple[Month, ...]
    """Newest first."""
    newer_path: str | None
    older_path: str | None

    @property
    def path(self) -> str:
        return f"{self.year:04d}/"

    @property
    def article_count(self) -> int:
        return sum(month.article_count for month in self.months)


@dataclass(frozen=True)
class Day:
    """One calendar day of the digest, in the site's time zone."""

    date: date
    """The day."""
    articles: tuple[Article, ...]
    """That day's articles, newest first."""
    newer_path: str | None = None
    """The next day with articles; None for the newest."""
    older_path: str | None = None
    """The previous day with articles; None for the oldest."""

    @property
    def path(self) -> str:
        return _day_path(self.date)

    @property
    def month_path(self) -> str:
        """Its month's page: every day has one, the archive's months are made from the days."""
        return f"{self.date:%Y/%m}/"

    @property
    def month_label(self) -> str:
        return f"{self.date:%B %Y}"


def _day_path(day: date) -> str:
    return f"{day:%Y/%m/%d}/"


def group_by_day(articles: Iterable[Article], zone: tzinfo) -> tuple[Day, ...]:
    """Consecutive articles of the same local day (in `zone`), newest day first, each linked
    to its neighbours among them."""
    grouped = [
        (day, tuple(group))
        for day, group in groupby(articles, key=lambda a: a.date.astimezone(zone).date())
    ]
    paths = [_day_path(day) for day, _ in grouped]
    return tuple(
        Day(day, group, _at(paths, index - 1), _at(paths, index + 1))
        for index, (day, group) in enumerate(grouped)
    )


def archive(days: tuple[Day, ...]) -> tuple[tuple[Year, ...], tuple[Month, ...]]:
    """Years and months with articles, newest first, each linked to its neighbours."""
    grouped = [
        (year, month, tuple(group))
        for (year, month), group in groupby(days, key=lambda d: (d.date.year, d.date.month))
    ]
    month_paths = [f"{year:04d}/{month:02d}/" for year, month, _ in grouped]
    months = tuple(
        Month(year, month, group, _at(month_paths, index - 1), _at(month_paths, index + 1))
        for index, (year, month, group) in enumerate(grouped)
    )
    by_year = [(year, tuple(group)) for year, group in groupby(months, key=lambda m: m.year)]
    year_paths = [f"{year:04d}/" for year, _ in by_year]
    years = tuple(
        Year(year, group, _at(year_paths, index - 1), _at(year_paths, index + 1))
        for index, (year, group) in enumerate(by_year)
    )
    return years, months


def _at(paths: list[str], index: int) -> str | None:
    return paths[index] if 0 <= index < len(paths) else None
