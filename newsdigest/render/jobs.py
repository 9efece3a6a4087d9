"""What the renderer is asked to make: a `Job` per page, with the `View` its layout shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Dependency = tuple[str, ...]
"""Something a page read: see reads.py."""

PageKind = Literal[
    "home",
    "article",
    "day",
    "archive",
    "month",
    "year",
    "terms",
    "term",
    "feeds",
    "search",
    "page",
    "not-found",
]
"""Every kind of page the digest has; each is a class on <body> (`is-article`)."""


class LayoutError(Exception):
    """A layout that cannot be loaded or rendered; the message names the file and line."""


@dataclass(frozen=True)
class View:
    """What every page's `<head>` and header need to know about the page itself."""

    path: str
    """This page's site path ('' for home)."""
    title: str
    """The page's own title, without the site name."""
    description: str
    """Meta description."""
    kind: PageKind
    """Which kind of page this is: a class on <body>, and what the header marks as current."""
    feed: str = ""
    """Site path of this page's own feed (a topic's, an entity's), announced in its head."""

    @property
    def depth(self) -> int:
        return self.path.count("/")


@dataclass(frozen=True)
class Job:
    """One page to render: where it goes, what it is made from, and with which layout."""

    path: str
    """Output path relative to the output folder."""
    fingerprint: str
    """The plan key: a hash of the layout's name, the view and the shape of the context.
    Equal keys, and equal values of everything the page read, render equal bytes."""
    layout: str
    view: View
    context: dict[str, Any]
    """The layout's own variables (article, day, home, page, link)."""
    reads: frozenset[Dependency] = frozenset()
    """What the plan itself read to make the view (an article page's title is the article's
    headline): recorded as read by the page, like what its layouts read."""


@dataclass(frozen=True)
class RenderedPage:
    """One rendered page, with what it read while rendering."""

    path: str
    """Output path relative to the output folder."""
    data: bytes
    reads: frozenset[Dependency]
    """Every layout, article, setting and list of the site it read (see reads.py)."""
