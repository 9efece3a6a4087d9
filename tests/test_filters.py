"""newsdigest.render.filters: dates as lists show them, with the year when it is needed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from newsdigest.model import Article
from newsdigest.render.filters import month_day, needs_year

TOKYO = ZoneInfo("Asia/Tokyo")


def article(when: datetime) -> Article:
    return Article(Path("a.md"), "Fed holds rates", when, "a", "s", "<p>b</p>", 1)


def test_month_day_with_and_without_the_year() -> None:
    moment = datetime(2004, 7, 1, 9, 30, tzinfo=UTC)
    assert month_day(moment) == "July 1"
    assert month_day(moment, with_year=True) == "July 1, 2004"


def test_a_list_shows_years_when_it_spans_years_or_is_not_this_year() -> None:
    july_2005 = article(datetime(2005, 7, 1, 9, tzinfo=UTC))
    july_2004 = article(datetime(2004, 7, 1, 9, tzinfo=UTC))
    assert not needs_year([july_2005], 2005, UTC)
    assert needs_year([july_2005, july_2004], 2005, UTC)  # spans years: every date says its year
    assert needs_year([july_2004], 2005, UTC)  # all of another year
    assert not needs_year([], 2005, UTC)


def test_the_year_is_the_one_of_the_sites_zone() -> None:
    new_year_in_tokyo = article(datetime(2004, 12, 31, 20, tzinfo=UTC))  # 2005-01-01 05:00 there
    assert not needs_year([new_year_in_tokyo], 2005, TOKYO)
    assert needs_year([new_year_in_tokyo], 2005, UTC)
