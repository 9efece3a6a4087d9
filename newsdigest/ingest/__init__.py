"""seeds/*.txt into content/articles/*.md: seeds parsed and cleaned, names found, pages
written, and never a person's edit overwritten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .report import Ingested, IngestReport

if TYPE_CHECKING:
    from newsdigest.config import SiteConfig

__all__ = ("IngestReport", "Ingested", "ingest", "ingest_for_build")


def ingest(config: SiteConfig) -> IngestReport:
    """Bring content/articles/ up to date with seeds/, keeping every edit a person made.

    The parsers load on the first call: a command that ingests nothing never pays for them.
    """
    return ingest_for_build(config).report


def ingest_for_build(config: SiteConfig) -> Ingested:
    """As `ingest`, also handing over the hash of every page as ingest wrote it, so that the
    build's next step knows, in memory, which pages hold ingest's own Markdown."""
    from .run import ingest as run

    return run(config)
