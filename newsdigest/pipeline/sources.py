"""Every content file of the site: from the build cache when unchanged, else parsed afresh."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.content.load import Content, LoadedFile, combine, digest, load_file, markdown_files
from newsdigest.parallel import map_items

from .cache import BuildCache, SourceRecord, source_is_fresh
from .options import BuildOptions, counted


@dataclass(frozen=True)
class Sources:
    """All content, and the cache records that say where it came from."""

    content: Content
    records: dict[str, SourceRecord]
    """By path relative to content/, with '/' separators."""
    parsed: int
    """Files parsed this time; the rest came from the cache."""


def load_sources(config: SiteConfig, cache: BuildCache, options: BuildOptions) -> Sources:
    """Every content file: from the cache when unchanged, else parsed (in parallel when many)."""
    records: dict[str, SourceRecord] = {}
    stale: list[tuple[str, Path, os.stat_result]] = []
    prefix = len(str(config.content_dir)) + 1
    for path in markdown_files(config.content_dir):
        key = str(path)[prefix:].replace(os.sep, "/")
        stat = path.stat()
        record = cache.sources.get(key)
        if record is not None and source_is_fresh(record, stat.st_size, stat.st_mtime_ns, cache):
            records[key] = record
        elif record is not None and _same_text(path, record):
            records[key] = replace(record, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        else:
            stale.append((key, path, stat))
    paths = [path for _, path, _ in stale]
    loaded = counted(
        map_items(load_file, paths, config, options.workers), "parse", options.progress, len(paths)
    )
    for (key, _, stat), item in zip(stale, loaded, strict=True):
        made = item.article or item.page
        records[key] = SourceRecord(
            stat.st_size,
            stat.st_mtime_ns,
            made.digest if made else "",
            item.article,
            item.page,
            item.problems,
        )
    ordered = [records[key] for key in sorted(records)]
    content = combine([LoadedFile(r.article, r.page, r.problems) for r in ordered])
    return Sources(content, records, len(stale))


def _same_text(path: Path, record: SourceRecord) -> bool:
    """For a racily recent file: is its text still the one the cache parsed?"""
    if not record.digest:
        return False
    try:
        return digest(path.read_text(encoding="utf-8")) == record.digest
    except (OSError, UnicodeDecodeError):
        return False
