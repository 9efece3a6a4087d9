"""Where a seed's source URL is: the '## Original url:' marker, and the address after it, its
pieces joined across the spaces and line breaks a scraper leaves. Pure."""

from __future__ import annotations

import re
from pathlib import Path

from newsdigest.model import Problem
from newsdigest.urls import is_web_url

from .inline import safe_url

URL_MARKER = re.compile(
    r"^\s{0,3}(?:#{1,6}\s*(?:original\s+)?(?:url|source)(?:\s+url)?|(?:original|source)\s+url)"
    r"(?:\s*:\s*(?P<rest>.*)|\s+(?P<link>https?://\S*)\s*|\s*)$",
    re.IGNORECASE,
)
"""'## Original url:', '## Source:', '## URL' (alone on its line, or before the link), 'Source
url:'. A headline that only starts with the word ('## Source of the Nile found') is none."""


def find_url_marker(lines: list[str], start: int) -> int:
    """Index of the '## Original url:' line, or len(lines) when there is none."""
    for index in range(start, len(lines)):
        if URL_MARKER.match(lines[index]):
            return index
    return len(lines)


def read_source_url(path: Path, lines: list[str], marker: int, problems: list[Problem]) -> str:
    """The URL after the marker, its pieces joined across spaces and line breaks; http(s) only."""
    if marker >= len(lines):
        what = "the seed has no '## Original url:' section, so the page cannot link its source"
        todo = "add '## Original url:' and the address as the seed's last lines"
        last = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=1)
        problems.append(Problem(path, last, f"{what}; {todo}", "warning"))
        return ""
    match = URL_MARKER.match(lines[marker])
    pieces = [match.group("rest") or match.group("link") or ""] if match else []
    started = any(piece.strip() for piece in pieces)
    for line in lines[marker + 1 :]:
        if not line.strip() and started:
            break  # the URL's lines have ended; what follows is not part of it
        pieces.append(line)
        started = started or bool(line.strip())
    url = "".join("".join(pieces).split())
    if not url:
        return ""
    if not is_web_url(url):
        problems.append(
            Problem(
                path,
                marker + 2,
                f"source URL {url[:80]!r} is not an http or https address; "
                "kept the article without it, give the original's http(s) address",
                "warning",
            )
        )
        return ""
    return safe_url(url)
