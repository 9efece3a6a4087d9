"""Which links newsdigest will publish: one rule for seeds, inline links and front matter."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace: what a reader can follow.

    Everything else (javascript:, data:, mailto:, relative paths, 'https://' alone) is left
    out of pages and feeds, wherever it came from.
    """
    if not url or any(char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed '[...]' host
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(host)
