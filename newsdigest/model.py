"""The plain data passed between the build's steps."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

TEXT_FIELDS = frozenset({"body_html", "digest", "terms"})
"""An article's fields that change with any edit of its text; a list or a feed that shows it
reads the others, its headline fields."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, located so that a person can fix it."""

    path: Path
    """The file at fault."""
    line: int
    """1-based line in that file; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong, then what to do, separated by '; '."""
    severity: Severity = "error"
    """An error skips the input; a warning keeps it."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Article:
    """One news article, loaded from a Markdown page, ready to be placed on the site."""

    source_path: Path
    """The Markdown page it came from."""
    title: str
    """Headline, plain text."""
    date: datetime
    """Publication time, always time-zone aware."""
    slug: str
    """URL-safe ASCII name, unique within its day."""
    summary: str
    """The lead, plain text, for lists, meta descriptions and feeds."""
    body_html: str
    """The body rendered from Markdown (raw HTML escaped)."""
    word_count: int
    """Words in the body, for the reading time."""
    source: str = ""
    """Publisher name; empty when unknown."""
    source_url: str = ""
    """Link to the original article (http or https); empty when unknown."""
    image_caption: str = ""
    """Caption of the lead image, plain text."""
    image_credit: str = ""
    """Who the lead image is credited to."""
    related: tuple[str, ...] = ()
    """Headlines the original linked as related articles."""
    correction: str = ""
    """A correction note, shown apart from the body."""
    tags: tuple[str, ...] = ()
    """Topics given in front matter."""
    entities: tuple[str, ...] = ()
    """People, places and organisations it is about: found in its text, or front matter's."""
    terms: str = ""
    """The body's key terms (`text.key_terms`), for stories and related articles: made once
    at load, one string so that 10,000 articles hold 10,000 objects, not 400,000."""
    pinned: bool = False
    """Set by an editor (`pinned: true`): the story leads the front page until unpinned."""
    seed: str = ""
    """File name of the seed it was ingested from; empty for hand-written articles."""
    digest: str = ""
    """Hash of the page's text: what the article was made from, for the build cache."""

    @cached_property
    def key(self) -> str:
        """The article's stable identity: its source file. Equal for every copy of the
        article (a date shifted into the site's zone, a cached one), unlike id()."""
        return str(self.source_path)

    @cached_property
    def headline_digest(self) -> str:
        """A hash of its headline fields (all but TEXT_FIELDS): equal while nothing a list,
        a feed or a link shows of it changed. Made once per article, and cached with it."""
        shown = [getattr(self, f.name) for f in fields(self) if f.name not in TEXT_FIELDS]
        return hashlib.blake2b(repr(shown).encode("utf-8"), digest_size=16).hexdigest()

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the body at about 220 words a minute, at least one."""
        return max(1, round(self.word_count / 220))


@dataclass(frozen=True)
class Page:
    """A hand-written page such as `content/about.md`."""

    source_path: Path
    """The Markdown page it came from."""
    title: str
    """Heading and `<title>`."""
    url: str
    """Site path such as 'about/'."""
    body_html: str
    """The body rendered from Markdown (raw HTML escaped)."""
    description: str = ""
    """One sentence for the meta description."""
    digest: str = ""
    """Hash of the page's text, for the build cache."""


@dataclass(frozen=True)
class Rendered:
    """One output file, in memory, before anything is written."""

    path: str
    """Where it goes, relative to the output folder, with '/' separators."""
    data: bytes
    """Its exact bytes."""
