"""The one paginator: any list of articles cut into numbered pages that link to each other. Pure.

The home page, and every topic's, entity's and source's list, are paginated by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from functools import cached_property

from newsdigest.model import Article

from .calendar import Day, group_by_day
from .paths import PAGE_SEGMENT


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list of articles."""

    number: int
    """1 for the list's own page."""
    articles: tuple[Article, ...]
    """The articles on this page, newest first."""
    path: str
    """'' or 'topics/x/' for the first page, 'page/N/' or 'topics/x/page/N/' for the others."""
    newer_path: str | None
    """The page with newer articles; None on the first."""
    older_path: str | None
    """The page with older articles; None on the last."""
    count: int
    """How many pages the list has."""
    zone: tzinfo = field(repr=False, compare=False, default=UTC)
    """The site's zone, which decides each article's day."""

    @cached_property
    def days(self) -> tuple[Day, ...]:
        """The same articles grouped by their day in the site's zone, newest day first; made
        only for the lists that show days (the home), not for every topic's pages."""
        return group_by_day(self.articles, self.zone)


def paginate(
    articles: Sequence[Article], size: int, path: str, zone: tzinfo
) -> tuple[ListPage, ...]:
    """Cut a list into pages of `size` under `path`; a list has at least one page, even empty."""
    chunks = [articles[start : start + size] for start in range(0, len(articles), size)] or [[]]
    paths = [
        path if number == 1 else f"{path}{PAGE_SEGMENT}{number}/"
        for number in range(1, len(chunks) + 1)
    ]
    return tuple(
        ListPage(
            number=index + 1,
            articles=tuple(chunk),
            path=paths[index],
            newer_path=paths[index - 1] if index > 0 else None,
            older_path=paths[index + 1] if index + 1 < len(chunks) else None,
            count=len(chunks),
            zone=zone,
        )
        for index, chunk in enumerate(chunks)
    )
