"""seeds/*.txt into content/articles/*.md: seeds parsed and cleaned, names found, pages
written, and never a person's edit overwritten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .report import IngestReport

if TYPE_CHECKING:
    from newsdigest.config import SiteConfig

__all__ = ("IngestReport", "ingest")


def ingest(config: SiteConfig) -> IngestReport:
    """Bring content/articles/ up to date with seeds/, keeping every edit a person made.

    The parsers load on the first call: a command that ingests nothing never pays for them.
    """
    from .run import ingest as run

    return run(config)
