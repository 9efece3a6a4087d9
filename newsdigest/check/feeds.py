"""Each feed of a built site, read with a real feed parser: ids, links, content and dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime

from .feedread import FeedEntry, FeedError, parse_feed_date, read_feed, scan_content
from .urls import Finding, Ref, Resolver

FEED_NAMES = frozenset({"feed.xml", "atom.xml", "rss.xml", "feed.json"})
"""File names a feed is found by, whatever made the site."""


def check_feed(path: str, data: bytes, resolver: Resolver, now: datetime) -> list[Finding]:
    """A feed parses; each entry links to a file, has its own id, absolute URLs, sane dates."""
    try:
        feed = read_feed(path, data)
    except FeedError as err:
        return [Finding(path, f"does not parse as a feed ({err})", "fix the feed's syntax")]
    findings = list(_date_findings(path, "the feed", feed.dates, feed.date_format, now))
    for number, entry in enumerate(feed.entries, 1):
        findings += _entry_findings(path, number, entry, resolver)
        findings += _date_findings(path, f"entry {number}", entry.dates, feed.date_format, now)
    repeated = Counter(entry.id for entry in feed.entries if entry.id)
    findings += [
        Finding(path, f"id {id_} is used by {count} entries", "give every entry its own id")
        for id_, count in sorted(repeated.items())
        if count > 1
    ]
    return findings


def _entry_findings(
    path: str, number: int, entry: FeedEntry, resolver: Resolver
) -> Iterator[Finding]:
    """An entry has an id, a link to a file, and content that works outside the site."""
    where = f"entry {number}"
    if not entry.id:
        yield Finding(path, f"{where} has no id", "give it a permanent id (its permalink)")
    if not entry.link:
        yield Finding(path, f"{where} has no link", "link it to its page")
    else:
        link = Ref(entry.link, f"{where} link", resolver.target(path, entry.link))
        finding = resolver.problem(path, link)
        if finding is not None:
            yield finding
    for html in entry.html:
        relative, unsafe = scan_content(html)
        for url in relative:
            fix = "make it absolute: readers show content away from the site"
            yield Finding(path, f"{where} content has the relative URL {url}", fix)
        for tag in unsafe:
            yield Finding(path, f"{where} content has a <{tag}>", "leave it out: readers strip it")


def _date_findings(
    path: str, where: str, dates: Iterable[tuple[str, str]], date_format: str, now: datetime
) -> Iterator[Finding]:
    """Dates in the feed's own format, none after `now`."""
    for name, text in dates:
        moment = parse_feed_date(text, date_format)
        if moment is None:
            yield Finding(path, f"{where} {name} {text!r} is not {date_format}", "fix the date")
        elif moment > now:
            fix = "date it no later than now"
            yield Finding(path, f"{where} {name} {text} is in the future", fix)
