"""What an ingest run reports: plain data, light to import (a build with nothing to do reads
it back from its snapshot without loading the parsers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsdigest.model import Problem


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did."""

    seeds: int
    """Seed files found."""
    written: tuple[Path, ...]
    """Pages created or regenerated."""
    removed: tuple[Path, ...]
    """Generated pages removed because their seed is gone."""
    refused: tuple[Path, ...]
    """Seeds that could not be ingested (see problems)."""
    problems: tuple[Problem, ...]
    """Errors and warnings, in seed order."""


@dataclass(frozen=True)
class Ingested:
    """An ingest run as the build takes it: the report, and what load may take from ingest."""

    report: IngestReport
    """What the run did."""
    pages: frozenset[str]
    """SHA-256 of every page's bytes as ingest wrote them (now or in an earlier run), from its
    record: a page with one of these hashes holds ingest's own Markdown, which content renders
    without a parse. Kept out of the report, which the snapshot stores."""
