"""Reading RSS, Atom and JSON Feed for `check`: URLs as written, dates judged by the format."""

from __future__ import annotations

import json

import pytest

from newsdigest.check.feedread import FeedError, parse_feed_date, read_feed, scan_content

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/">
  <id>https://example.org/</id><title>T</title><updated>2025-03-14T00:00:00Z</updated>
  <entry>
    <id>https://example.org/a/</id><title>A</title><link href="https://example.org/a/"/>
    <updated>2025-03-14T00:00:00Z</updated>
    <content type="html">&lt;a href="b/"&gt;b&lt;/a&gt;</content>
  </entry>
</feed>
"""


def test_atom_content_urls_stay_as_written_despite_xml_base() -> None:
    feed = read_feed("atom.xml", ATOM)
    assert feed.date_format == "RFC 3339"
    assert feed.dates == (("updated", "2025-03-14T00:00:00Z"),)
    (entry,) = feed.entries
    assert (entry.id, entry.link) == ("https://example.org/a/", "https://example.org/a/")
    assert scan_content(entry.html[0]) == (["b/"], [])


def test_a_feed_that_is_not_well_formed_raises() -> None:
    with pytest.raises(FeedError):
        read_feed("feed.xml", ATOM.replace(b"</feed>", b""))


def test_json_feed_items_become_entries() -> None:
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [
            {
                "id": "1",
                "url": "https://example.org/a/",
                "content_html": '<img src="x.png"><script>x()</script>',
                "date_published": "2025-03-14T00:00:00+03:00",
            }
        ],
    }
    (entry,) = read_feed("feed.json", json.dumps(data).encode()).entries
    assert entry.dates == (("date_published", "2025-03-14T00:00:00+03:00"),)
    assert scan_content(entry.html[0]) == (["x.png"], ["script"])


@pytest.mark.parametrize("data", [b"{", b"[]", b'{"version": "1"}'])
def test_json_that_is_not_a_json_feed_raises(data: bytes) -> None:
    with pytest.raises(FeedError):
        read_feed("feed.json", data)


def test_srcset_and_absolute_urls_in_content() -> None:
    html = '<img srcset="a.png 1x, https://e.org/b.png 2x"><a href="mailto:x@e.org">m</a>'
    assert scan_content(html) == (["a.png"], [])


@pytest.mark.parametrize(
    ("text", "date_format", "valid"),
    [
        ("Fri, 14 Mar 2025 00:00:00 +0300", "RFC 822", True),
        ("14 Mar 2025 09:30 GMT", "RFC 822", True),
        ("Friday, 14 Mar 2025 00:00:00 +0300", "RFC 822", False),
        ("2025-03-14T00:00:00+03:00", "RFC 822", False),
        ("2025-03-14T00:00:00+03:00", "RFC 3339", True),
        ("2025-03-14T00:00:00.5Z", "RFC 3339", True),
        ("2025-03-14 00:00:00", "RFC 3339", False),
        ("2025-02-30T00:00:00Z", "RFC 3339", False),
    ],
)
def test_feed_dates_must_follow_the_feed_format(text: str, date_format: str, valid: bool) -> None:
    assert (parse_feed_date(text, date_format) is not None) == valid
