"""The build, in order: ingest, load, assemble, render, write. The one place that knows the order."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from newsdigest.config import SiteConfig
from newsdigest.ingest import IngestReport, ingest
from newsdigest.model import Problem
from newsdigest.output import search
from newsdigest.output.write import StagedFileMissing, WriteReport, static_files, write_site
from newsdigest.render import html
from newsdigest.site import Site, assemble
from newsdigest.site.paths import MAIN_FEEDS, asset_paths

from . import snapshot
from .cache import (
    BuildCache,
    OutputRecord,
    load_cache,
    make_stamp,
    outputs_file,
    save_cache,
)
from .lock import site_lock
from .options import BuildError, BuildOptions, BuildReport
from .outputs import Outputs, render_outputs
from .sources import Sources, load_sources

T = TypeVar("T")


def build(config: SiteConfig, options: BuildOptions) -> BuildReport:
    """Build the site, or, when no file of it changed since the last build, say so at once.

    One build of a site at a time: another one running raises SiteLocked, a BuildError.
    """
    with site_lock(config.cache_dir, options.lock_wait):
        return _locked_build(config, options)


def _locked_build(config: SiteConfig, options: BuildOptions) -> BuildReport:
    clock = _StageClock()
    if not options.use_cache:
        return _full_build(config, options, clock)
    roots = [*config.input_paths, html.DEFAULT_LAYOUTS, options.out_dir]
    salt = make_stamp(
        config,
        options.out_dir.resolve(),
        options.fallback_date,
        options.skip_ingest,
        options.minify,
        options.search,
    )
    before = clock.time("snapshot", lambda: snapshot.take(roots, salt))
    saved = snapshot.load(config.cache_dir, options.out_dir)
    last = saved.report if saved is not None and snapshot.unchanged(saved, before) else None
    if isinstance(last, BuildReport):
        return _nothing_changed(last, clock)
    report = _full_build(config, options, clock)
    after = clock.time("snapshot", lambda: snapshot.take(roots, salt))
    racy = clock.time("snapshot", lambda: snapshot.racy_hashes(after))
    snapshot.save(config.cache_dir, options.out_dir, snapshot.Saved(after, report, hashes=racy))
    return replace(report, seconds=clock.total(), stage_seconds=clock.stages)


def _nothing_changed(last: BuildReport, clock: _StageClock) -> BuildReport:
    """The last build's report, with every file it made now counted as unchanged."""
    kept = WriteReport((), last.written.unchanged + last.written.written, ())
    return replace(
        last, written=kept, parsed=0, rendered=0, seconds=clock.total(), stage_seconds=clock.stages
    )


def _full_build(config: SiteConfig, options: BuildOptions, clock: _StageClock) -> BuildReport:
    """Ingest seeds, load content, assemble the site, render what changed in memory, then write."""
    cache = clock.time("cache", lambda: _read_cache(config, options))
    ingested = None if options.skip_ingest else clock.time("ingest", lambda: ingest(config))
    static = clock.time("static", lambda: static_files(config.static_dir))
    sources = clock.time("load", lambda: load_sources(config, cache, options))
    site, site_problems = clock.time(
        "assemble", lambda: _assemble(config, options, sources, static, cache)
    )
    outputs = clock.time("render", lambda: render_outputs(site, cache, options, static))
    files = ((f.path, f.data) for f in outputs.files)
    written = clock.time("write", lambda: _write(options.out_dir, files, outputs.kept))
    changed = bool(written.changed or written.removed)
    searched = (
        clock.time("search", lambda: search.index_site(options.out_dir, changed))
        if options.search
        else search.SearchReport(False, ())
    )
    if options.use_cache:
        records = sources.records
        saved = replace(cache, sources=records, story_memo=site.story_memo)
        clock.time("cache", lambda: _save_cache(config, cache, saved, outputs, options.out_dir))
    problems = (
        *(ingested.problems if ingested else ()),
        *sources.content.problems,
        *site_problems,
        *searched.problems,
    )
    return _report(site, ingested, sources, outputs, written, problems, clock)


def _assemble(
    config: SiteConfig,
    options: BuildOptions,
    sources: Sources,
    static: list[tuple[str, bytes]],
    cache: BuildCache,
) -> tuple[Site, list[Problem]]:
    """The site model from the loaded content; search only when asked for and installed."""
    has_search = options.search and search.available()
    assets = asset_paths(static, config.hash_assets)
    content = sources.content
    memo = cache.story_memo
    return assemble(config, content.articles, content.pages, has_search, assets, memo)


def _write(out_dir: Path, files: Iterable[tuple[str, bytes]], kept: Iterable[str]) -> WriteReport:
    try:
        return write_site(out_dir, files, kept)
    except StagedFileMissing as err:
        raise BuildError(str(err)) from err


def _report(
    site: Site,
    ingested: IngestReport | None,
    sources: Sources,
    outputs: Outputs,
    written: WriteReport,
    problems: tuple[Problem, ...],
    clock: _StageClock,
) -> BuildReport:
    """What the build made: counts of articles, pages and feeds, what was written, and why not."""
    made = [*(f.path for f in outputs.files), *outputs.kept]
    feed_names = tuple(feed.path for feed in MAIN_FEEDS)
    return BuildReport(
        articles=len(site.articles),
        pages=sum(1 for path in made if path.endswith(".html")),
        feeds=sum(1 for path in made if path.endswith(feed_names)),
        ingest=ingested,
        written=written,
        problems=problems,
        seconds=clock.total(),
        parsed=sources.parsed,
        rendered=sum(1 for f in outputs.files if f.path in outputs.made),
        stage_seconds=clock.stages,
    )


def _read_cache(config: SiteConfig, options: BuildOptions) -> BuildCache:
    # The preview and a publishing build parse content alike: they share what was parsed.
    stamp = make_stamp(replace(config, preview=False, base_url=""))
    out = options.out_dir.resolve()
    outputs_stamp = make_stamp(config, out, options.minify, options.search)
    if not options.use_cache:
        return BuildCache(stamp, outputs_stamp=outputs_stamp)
    return load_cache(config.cache_dir, stamp, outputs_file(out), outputs_stamp)


def _save_cache(
    config: SiteConfig, cache: BuildCache, new: BuildCache, outputs: Outputs, out_dir: Path
) -> None:
    """Remember what every source gave and what every output was made from and read; skip
    writing when nothing changed since `cache` was read. `new` holds the new sources."""
    unchanged = (
        not outputs.made
        and outputs.kept.keys() == cache.outputs.keys()
        and new.sources.keys() == cache.sources.keys()
        and all(record is cache.sources[key] for key, record in new.sources.items())
        and outputs.values == cache.values
        and new.story_memo == cache.story_memo
    )
    if unchanged:
        return
    records = dict(outputs.kept)
    for path, made in outputs.made.items():
        stat = (out_dir / path).stat()
        records[path] = OutputRecord(made.fingerprint, stat.st_size, stat.st_mtime_ns, made.reads)
    saved = replace(new, outputs=records, dependencies=outputs.dependencies, values=outputs.values)
    save_cache(config.cache_dir, saved, outputs_file(out_dir))


class _StageClock:
    """Times each step, for --profile."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._start = time.perf_counter()

    def time(self, name: str, step: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = step()
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started
        return result

    def total(self) -> float:
        return time.perf_counter() - self._start
