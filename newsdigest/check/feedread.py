"""Any feed a site publishes (RSS 2.0, Atom 1.0, JSON Feed 1.1) read into plain entries.

Used by `check`: it reads feeds as a reader does, so URLs are left as written (no resolving
against xml:base, no sanitizing) and dates are kept as text, to be judged by the feed's format.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser

UNSAFE_TAGS = frozenset({"script", "iframe", "object", "embed", "style"})
"""Elements that feed readers strip from content, and validators warn about."""
_RFC822 = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? "
    r"(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T)$"
)
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$", re.I)


class FeedError(Exception):
    """A feed that does not parse; the message says where and why."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of any feed format, reduced to what check looks at."""

    id: str
    """The entry's id (RSS guid); '' when it has none."""
    link: str
    """The URL of the entry's page, as written."""
    dates: tuple[tuple[str, str], ...]
    """(field, text as written) for each date the entry carries."""
    html: tuple[str, ...]
    """The entry's HTML content and summary."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's dates and entries, whatever its format."""

    dates: tuple[tuple[str, str], ...]
    """(field, text as written) for the feed's own dates."""
    entries: tuple[FeedEntry, ...]
    date_format: str
    """'RFC 822' (RSS) or 'RFC 3339' (Atom, JSON Feed)."""


def read_feed(path: str, data: bytes) -> ParsedFeed:
    """The feed at path (its name tells JSON from XML); raises FeedError when it does not parse."""
    return read_json_feed(data) if path.endswith(".json") else read_xml_feed(data)


def read_xml_feed(data: bytes) -> ParsedFeed:
    """RSS or Atom through feedparser, with its URL resolving and sanitizing off to see the bytes."""
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if parsed.bozo:
        raise FeedError(str(parsed.bozo_exception))
    if not parsed.version:
        raise FeedError("neither RSS nor Atom")
    rss = parsed.version.startswith("rss")
    return ParsedFeed(
        _dates(parsed.feed),
        tuple(_xml_entry(entry) for entry in parsed.entries),
        "RFC 822" if rss else "RFC 3339",
    )


def _xml_entry(entry: Any) -> FeedEntry:
    """One feedparser entry; only HTML content and summaries can carry URLs and elements."""
    details = [*entry.get("content", []), entry.get("summary_detail") or {}]
    html = tuple(d.get("value", "") for d in details if "html" in d.get("type", ""))
    return FeedEntry(entry.get("id", ""), entry.get("link", ""), _dates(entry), html)


def _dates(item: Any) -> tuple[tuple[str, str], ...]:
    """The dates as written; dict.get skips feedparser's deprecated updated-to-published alias."""
    found = ((name, dict.get(item, name)) for name in ("published", "updated"))
    return tuple((name, str(text)) for name, text in found if text)


def read_json_feed(data: bytes) -> ParsedFeed:
    """JSON Feed 1.1, which feedparser 6.0 does not read."""
    try:
        feed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise FeedError(str(err)) from err
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("no JSON Feed version")
    items = [item for item in feed.get("items", []) if isinstance(item, dict)]
    entries = tuple(
        FeedEntry(
            str(item.get("id", "")),
            str(item.get("url", "")),
            tuple(
                (key, str(item[key])) for key in ("date_published", "date_modified") if key in item
            ),
            tuple(str(item[key]) for key in ("content_html",) if key in item),
        )
        for item in items
    )
    return ParsedFeed((), entries, "RFC 3339")


class _ContentScanner(HTMLParser):
    """Collects relative URLs and elements that feed readers refuse, in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.relative: list[str] = []
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSAFE_TAGS:
            self.unsafe.append(tag)
        for name, value in attrs:
            if name in ("href", "src", "poster", "srcset") and value:
                urls = srcset_urls(value) if name == "srcset" else [value.strip()]
                self.relative += [url for url in urls if not urlsplit(url).scheme]


def scan_content(html: str) -> tuple[list[str], list[str]]:
    """The relative URLs and the unsafe elements in an entry's HTML content."""
    scanner = _ContentScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.relative, scanner.unsafe


def parse_feed_date(text: str, date_format: str) -> datetime | None:
    """An aware datetime when text is a valid date of that format, else None."""
    try:
        if date_format == "RFC 822" and _RFC822.match(text):
            moment = parsedate_to_datetime(text)
        elif date_format == "RFC 3339" and _RFC3339.match(text):
            moment = datetime.fromisoformat(text.upper())
        else:
            return None
    except (ValueError, TypeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: each candidate is a URL and an optional width or density."""
    return [part.split()[0] for part in value.split(",") if part.strip()]
