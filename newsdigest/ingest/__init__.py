"""seeds/*.txt into content/articles/*.md: seeds parsed and cleaned, names found, pages
written, and never a person's edit overwritten."""

from .run import IngestReport, ingest

__all__ = ("IngestReport", "ingest")
