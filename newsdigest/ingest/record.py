"""Ingest's record of the pages it generated (`content/.ingest.json`), as plain data. Pure.

The record is a cache of what the pages say, never the only copy: every generated page names
its seed in its front matter, so a lost record can be rebuilt (see ingest.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

VERSION = 5
"""Bump when ingest writes different pages for the same seed: unedited pages then regenerate."""


@dataclass(frozen=True)
class Entry:
    """The record of one generated page."""

    seed: str
    """The seed's file name."""
    seed_sha256: str
    """Hash of the seed the page was made from; '' forces a fresh look (renamed, recovered)."""
    page_sha256: str
    """Hash of the bytes ingest wrote; '' when ingest never wrote them (adopted page)."""
    slug: str
    """The page's slug, kept when the title changes so that its URL stays."""
    identity: tuple[str, ...]
    """Keys that make two seeds the same article: repaired source URL, title and day."""
    notes: tuple[tuple[int, str], ...] = ()
    """The seed's parse warnings (line, message), repeated on every run while it is unchanged."""


def parse_record(text: str | None) -> tuple[dict[str, Entry], str]:
    """The entries and 'ok'; nothing and 'missing' (text None) or 'unreadable'.

    A record of another VERSION keeps every entry but forgets the seeds' hashes, so each seed
    is read again and each unedited page regenerated with the current ingest.
    """
    if text is None:
        return {}, "missing"
    try:
        raw = json.loads(text)
        entries = {str(name): _entry_of(e) for name, e in raw["pages"].items()}
    except (KeyError, TypeError, AttributeError, ValueError):
        return {}, "unreadable"
    if raw.get("version") != VERSION:
        entries = {name: replace(e, seed_sha256="") for name, e in entries.items()}
    return {name: e for name, e in entries.items() if safe_page_name(name)}, "ok"


def _entry_of(raw: dict[str, Any]) -> Entry:
    """One entry; raises KeyError, TypeError or ValueError when it is malformed."""
    notes = tuple((int(line), str(text)) for line, text in raw.get("notes", []))
    identity = tuple(str(key) for key in raw["identity"])
    return Entry(
        str(raw["seed"]),
        str(raw["seed_sha256"]),
        str(raw["page_sha256"]),
        str(raw["slug"]),
        identity,
        notes,
    )


def safe_page_name(name: str) -> bool:
    """A record entry may only name a page directly inside content/articles/."""
    return (
        name.endswith(".md")
        and PurePath(name).name == name
        and "\\" not in name
        and not name.startswith(".")
    )


def record_bytes(entries: dict[str, Entry]) -> bytes:
    """The record as JSON, in a stable order, so that an unchanged record has unchanged bytes."""
    pages = {
        name: {
            "seed": e.seed,
            "seed_sha256": e.seed_sha256,
            "page_sha256": e.page_sha256,
            "slug": e.slug,
            "identity": list(e.identity),
            **({"notes": [list(note) for note in e.notes]} if e.notes else {}),
        }
        for name, e in sorted(entries.items())
    }
    text = json.dumps({"version": VERSION, "pages": pages}, indent=1, ensure_ascii=False)
    return (text + "\n").encode()
