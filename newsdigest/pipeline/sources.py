"""Every content file of the site: from the build cache when unchanged, else parsed afresh."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.content.load import Content, digest, load_listed, markdown_listing
from newsdigest.disk import unsafe_link
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


def load_sources(
    config: SiteConfig,
    cache: BuildCache,
    options: BuildOptions,
    changed: frozenset[Path] | None = None,
    written: frozenset[str] = frozenset(),
) -> Sources:
    """Every content file: from the cache when unchanged, else parsed (in parallel when many).

    `changed`, when given, holds every path that may have changed since the build `cache`
    records (a watcher's report, resolved): content outside it is taken from the cache without
    a look at the disk, so one edit costs one file, not a walk of 10,000. `written` holds the
    SHA-256 of pages as ingest wrote them: their bodies are rendered without a parse.
    """
    known = _untouched(config.content_dir, cache, changed)
    listed = ([], []) if known else markdown_listing(config.content_dir)
    records, candidates = known or ({}, listed[0])
    stale = _stale(config.content_dir, candidates, cache, records)
    paths = [path for _, path, _ in stale]
    loaded = counted(
        map_items(load_listed, paths, (config, written), options.workers),
        "parse",
        options.progress,
        len(paths),
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
    content = Content(  # not through LoadedFile: 10,000 of them cost a preview edit 20 ms
        tuple(r.article for r in ordered if r.article),
        tuple(r.page for r in ordered if r.page),
        (*listed[1], *(problem for r in ordered for problem in r.problems)),
    )
    return Sources(content, records, len(stale))


def _stale(
    content_dir: Path, paths: list[Path], cache: BuildCache, records: dict[str, SourceRecord]
) -> list[tuple[str, Path, os.stat_result]]:
    """The files to parse again, by key; the cache's records of the others go into `records`."""
    stale = []
    prefix = len(str(content_dir)) + 1
    for path in paths:
        key = str(path)[prefix:].replace(os.sep, "/")
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue  # gone since it was listed

        record = cache.sources.get(key)
        if record is not None and source_is_fresh(record, stat.st_size, stat.st_mtime_ns, cache):
            records[key] = record
        elif record is not None and _same_text(path, record):
            records[key] = replace(record, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        else:
            stale.append((key, path, stat))
    return stale


def _untouched(
    content_dir: Path, cache: BuildCache, changed: frozenset[Path] | None
) -> tuple[dict[str, SourceRecord], list[Path]] | None:
    """The cache's records of the content files `changed` does not name, and the files it
    names that are there now, to be read; None when content/ must be listed again (nothing
    reported, nothing cached, or a folder appeared)."""
    if changed is None or not cache.sources:
        return None
    root = content_dir.resolve()
    records = dict(cache.sources)
    touched: list[Path] = []
    for reported in changed:
        path = reported.parent.resolve() / reported.name  # the folder resolved, not a link in it
        if not path.is_relative_to(root):
            continue  # layouts, static files, settings: not content
        parts = path.relative_to(root).parts
        if any(part.startswith(".") for part in parts):
            continue  # hidden: never content
        if not parts or path.is_dir():
            return None  # content/ itself, or a folder that came: its files were not reported
        key = "/".join(parts)
        if unsafe_link(path, content_dir.parent):
            return None  # a link came or went: the walk of content/ says what it is
        if path.is_file():
            if key.endswith(".md"):
                records.pop(key, None)
                touched.append(content_dir.joinpath(*parts))  # spelt as a walk of content/ is
            continue
        for gone in [k for k in records if k == key or k.startswith(key + "/")]:
            del records[gone]  # a file or a whole folder gone
    return records, sorted(touched)


def _same_text(path: Path, record: SourceRecord) -> bool:
    """For a racily recent file: is its text still the one the cache parsed?"""
    if not record.digest:
        return False
    try:
        return digest(path.read_text(encoding="utf-8")) == record.digest
    except (OSError, UnicodeDecodeError):
        return False
