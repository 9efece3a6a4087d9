"""newsdigest.site.pages: the one paginator of the home page and every term's list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.model import Article
from newsdigest.site.pages import paginate

NEWEST = datetime(2025, 3, 14, 12, tzinfo=UTC)
MOSCOW = ZoneInfo("Europe/Moscow")


def article(slug: str, when: datetime) -> Article:
    return Article(Path(f"{slug}.md"), slug, when, slug, "s", "<p>b</p>", 1)


def articles(count: int) -> list[Article]:
    return [article(f"a{n}", NEWEST - timedelta(hours=n)) for n in range(count)]


@pytest.mark.parametrize("path", ["", "topics/x/"])
def test_an_empty_list_has_one_empty_page(path: str) -> None:
    (page,) = paginate([], 20, path, UTC)
    assert page.number == 1 and page.count == 1
    assert page.articles == () and page.days == ()
    assert (page.path, page.newer_path, page.older_path) == (path, None, None)


@pytest.mark.parametrize(
    ("count", "size", "sizes"),
    [
        (1, 2, [1]),
        (2, 2, [2]),
        (3, 2, [2, 1]),
        (4, 2, [2, 2]),
        (5, 2, [2, 2, 1]),
        (3, 1, [1, 1, 1]),
    ],
)
def test_articles_are_cut_into_pages_of_size(count: int, size: int, sizes: list[int]) -> None:
    pages = paginate(articles(count), size, "", UTC)
    assert [len(p.articles) for p in pages] == sizes
    assert [p.number for p in pages] == list(range(1, len(sizes) + 1))
    assert {p.count for p in pages} == {len(sizes)}
    assert [a for p in pages for a in p.articles] == articles(count)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", ["", "page/2/", "page/3/"]),
        ("topics/x/", ["topics/x/", "topics/x/page/2/", "topics/x/page/3/"]),
        (
            "sources/the-times/",
            ["sources/the-times/", "sources/the-times/page/2/", "sources/the-times/page/3/"],
        ),
    ],
)
def test_page_paths(path: str, expected: list[str]) -> None:
    assert [p.path for p in paginate(articles(5), 2, path, UTC)] == expected


def test_each_page_links_to_its_newer_and_older_neighbours() -> None:
    pages = paginate(articles(5), 2, "topics/x/", UTC)
    assert [(p.newer_path, p.older_path) for p in pages] == [
        (None, "topics/x/page/2/"),
        ("topics/x/", "topics/x/page/3/"),
        ("topics/x/page/2/", None),
    ]


def test_days_are_grouped_in_the_given_zone() -> None:
    late = article("late", datetime(2025, 3, 14, 23, 30, tzinfo=UTC))
    early = article("early", datetime(2025, 3, 14, 8, 0, tzinfo=UTC))
    (in_utc,) = paginate([late, early], 20, "", UTC)
    (in_moscow,) = paginate([late, early], 20, "", MOSCOW)
    assert [(d.date, len(d.articles)) for d in in_utc.days] == [(date(2025, 3, 14), 2)]
    assert [(d.date, [a.slug for a in d.articles]) for d in in_moscow.days] == [
        (date(2025, 3, 15), ["late"]),
        (date(2025, 3, 14), ["early"]),
    ]


def test_each_page_groups_only_its_own_articles() -> None:
    same_day = articles(3)
    pages = paginate(same_day, 2, "", UTC)
    assert [[len(d.articles) for d in p.days] for p in pages] == [[2], [1]]
