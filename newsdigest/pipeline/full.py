"""The build when something changed, in order: ingest, load, assemble, render, write. The one
place that knows the order; `Session` runs it for the preview, keeping the last build in memory."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.ingest import IngestReport, ingest_for_build
from newsdigest.model import Article, Page, Problem
from newsdigest.output import search
from newsdigest.output.write import StagedFileMissing, WriteReport, static_files, write_site
from newsdigest.render import html
from newsdigest.render.reads import Carried, RecordingEnvironment
from newsdigest.site import Site, assemble
from newsdigest.site.paths import MAIN_FEEDS, asset_paths
from newsdigest.site.stories import StoryMemo
from newsdigest.site.update import updated

from .cache import (
    BuildCache,
    OutputRecord,
    SourceRecord,
    load_cache,
    make_stamp,
    outputs_file,
    save_cache,
)
from .lock import site_lock
from .options import BuildError, BuildOptions, BuildReport, StageClock, disk_trouble
from .outputs import Outputs, Rendering
from .recorded import Readers
from .sources import Sources, load_sources

_SWAP_LIMIT = 64
"""Edited articles swapped into the last site model at most; more are assembled afresh (a
swap searches every list of articles for each one)."""


@dataclass(frozen=True)
class _Assembled:
    """A site model and what it was assembled from, for a session's next build."""

    config: SiteConfig
    articles: tuple[Article, ...]
    pages: tuple[Page, ...]
    search: bool
    assets: dict[str, str]
    site: Site
    problems: tuple[Problem, ...]
    edited: frozenset[str] | None = None
    """Keys of the articles swapped into the previous model in place; None when assembled."""


@dataclass(frozen=True)
class _Warm:
    """What a session's build starts from: the last site model, an environment over the
    layouts as they are now, and whether `cache` is the last build's own (so its values are
    the values the last model had)."""

    previous: _Assembled | None
    env: RecordingEnvironment | None
    own_cache: bool
    changed: frozenset[Path] | None = None
    """Every path changed since the build `cache` records, when known (see load_sources)."""
    readers: Readers | None = None
    """The outputs `cache` records turned around, when the session wrote them itself."""
    manifest: frozenset[str] | None = None
    """The output folder's manifest as the session wrote it last (see write_site)."""


_COLD = _Warm(None, None, own_cache=False)


def full_build(
    config: SiteConfig,
    options: BuildOptions,
    clock: StageClock,
    cache: BuildCache,
    warm: _Warm = _COLD,
) -> tuple[BuildReport, BuildCache | None, _Assembled]:
    """Ingest seeds, load content, assemble the site, render what changed as it is written.

    Returns the report, what the next build should start from (`cache` itself when nothing
    in it changed, None when the build does not use a cache) and the site model, which a
    session's next build updates in place when it can (`warm`).
    """
    try:
        run = (
            None if options.skip_ingest else clock.time("ingest", lambda: ingest_for_build(config))
        )
    except OSError as err:  # ingest writes each page atomically: none is half-written
        raise disk_trouble(err, config.articles_dir) from err
    ingested = run.report if run else None
    static, links = clock.time("static", lambda: static_files(config.static_dir))
    hinted = warm.changed if ingested is None and warm.own_cache else None  # ingest writes
    pages = run.pages if run else frozenset()  # ingest's own pages, handed over in memory
    sources = clock.time("load", lambda: load_sources(config, cache, options, hinted, pages))
    assembled = clock.time(
        "assemble", lambda: _assemble(config, options, sources, static, cache, warm.previous)
    )
    site, site_problems = assembled.site, assembled.problems
    edited = assembled.edited if warm.own_cache else None  # the values are the last model's
    carried = Carried(edited) if edited is not None else None
    outputs, written = _render_and_write(site, cache, options, static, warm, carried, clock)
    changed = bool(written.changed or written.removed)
    searched = (
        clock.time("search", lambda: search.index_site(options.out_dir, changed))
        if options.search
        else search.SearchReport(False, ())
    )
    following = None
    if options.use_cache:
        records, memo = sources.records, site.story_memo
        following = _next_cache(cache, records, memo, outputs, options.out_dir)
    problems = (
        *(ingested.problems if ingested else ()),
        *sources.content.problems,
        *_skipped_links(links),
        *site_problems,
        *searched.problems,
    )
    report = _report(site, ingested, sources, outputs, written, problems, clock)
    return report, following, assembled


def _skipped_links(links: list[tuple[Path, str]]) -> list[Problem]:
    """A warning for each link static/ holds that is not published (see `static_files`)."""
    return [
        Problem(path, 0, f"{why}; not published, so remove the link or copy the file in", "warning")
        for path, why in links
    ]


def _render_and_write(
    site: Site,
    cache: BuildCache,
    options: BuildOptions,
    static: list[tuple[str, bytes]],
    warm: _Warm,
    carried: Carried | None,
    clock: StageClock,
) -> tuple[Outputs, WriteReport]:
    """Plan, then render each output as it is staged; the clock keeps the two apart."""
    rendering = clock.time(
        "render", lambda: Rendering(site, cache, options, static, warm.env, carried, warm.readers)
    )
    files = clock.timed("render", rendering.files())
    written = clock.time(
        "write",
        lambda: _write(options.out_dir, files, rendering.kept(), warm.manifest),
        inner="render",
    )
    return rendering.outputs(), written


def _assemble(
    config: SiteConfig,
    options: BuildOptions,
    sources: Sources,
    static: list[tuple[str, bytes]],
    cache: BuildCache,
    previous: _Assembled | None,
) -> _Assembled:
    """The site model from the loaded content; search only when asked for and installed.
    An edit that leaves the model's shape as it was updates `previous` in place."""
    has_search = options.search and search.available()
    assets = asset_paths(static, config.hash_assets)
    articles, pages = sources.content.articles, sources.content.pages
    update = None
    same = previous is not None and (config, pages, has_search, assets) == (
        previous.config,
        previous.pages,
        previous.search,
        previous.assets,
    )
    if previous is not None and same and _few_changed(previous.articles, articles):
        update = updated(previous.site, previous.articles, articles, config)
    if previous is not None and update is not None:
        site, swapped = update
        return _Assembled(
            config, articles, pages, has_search, assets, site, previous.problems, swapped
        )
    made, found = assemble(config, articles, pages, has_search, assets, cache.story_memo)
    return _Assembled(config, articles, pages, has_search, assets, made, tuple(found))


def _few_changed(before: tuple[Article, ...], after: tuple[Article, ...]) -> bool:
    """At most _SWAP_LIMIT articles differ, in place."""
    if len(before) != len(after):
        return False
    differ = (old is not new for old, new in zip(before, after, strict=True))
    return sum(differ) <= _SWAP_LIMIT


def _write(
    out_dir: Path,
    files: Iterable[tuple[str, bytes]],
    kept: Iterable[str],
    last: frozenset[str] | None,
) -> WriteReport:
    try:
        return write_site(out_dir, files, kept, last)
    except StagedFileMissing as err:
        raise BuildError(str(err)) from err
    except OSError as err:  # a full disk, a read-only folder: write_site cleaned up its staging
        raise disk_trouble(err, out_dir) from err


def _report(
    site: Site,
    ingested: IngestReport | None,
    sources: Sources,
    outputs: Outputs,
    written: WriteReport,
    problems: tuple[Problem, ...],
    clock: StageClock,
) -> BuildReport:
    """What the build made: counts of articles, pages and feeds, what was written, and why not."""
    made = [*outputs.rendered, *outputs.kept]
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
        rendered=sum(1 for path in outputs.rendered if path in outputs.made and _is_page(path)),
        stage_seconds=clock.stages,
    )


def _is_page(path: str) -> bool:
    return path.endswith(".html")


def _stamps(config: SiteConfig, options: BuildOptions) -> tuple[str, str]:
    """The stamps of the cache's two parts for this build."""
    # The preview and a publishing build parse content alike: they share what was parsed.
    stamp = make_stamp(replace(config, preview=False, base_url=""))
    out = options.out_dir.resolve()
    return stamp, make_stamp(config, out, options.minify, options.search)


def read_cache(config: SiteConfig, options: BuildOptions) -> BuildCache:
    stamp, outputs_stamp = _stamps(config, options)
    out = options.out_dir.resolve()
    if not options.use_cache:
        return BuildCache(stamp, outputs_stamp=outputs_stamp)
    return load_cache(config.cache_dir, stamp, outputs_file(out), outputs_stamp)


def _next_cache(
    cache: BuildCache,
    sources: dict[str, SourceRecord],
    memo: StoryMemo | None,
    outputs: Outputs,
    out_dir: Path,
) -> BuildCache:
    """What every source gave and what every output was made from and read, for the next
    build; the very `cache` read when nothing changed, so that nothing is written."""
    unchanged = (
        not outputs.made
        and outputs.kept.keys() == cache.outputs.keys()
        and sources.keys() == cache.sources.keys()
        and all(record is cache.sources[key] for key, record in sources.items())
        and outputs.values == cache.values
        and memo == cache.story_memo
        and outputs.structure == cache.structure
    )
    if unchanged:
        return cache
    records = dict(outputs.kept)
    for path, made in outputs.made.items():
        stat = (out_dir / path).stat()
        records[path] = OutputRecord(made.fingerprint, stat.st_size, stat.st_mtime_ns, made.reads)
    return replace(
        cache,
        sources=sources,
        story_memo=memo,
        outputs=records,
        dependencies=outputs.dependencies,
        values=outputs.values,
        structure=outputs.structure,
        written_ns=time.time_ns(),
    )


def save(config: SiteConfig, cache: BuildCache | None, out_dir: Path) -> None:
    if cache is not None:
        save_cache(config.cache_dir, cache, outputs_file(out_dir.resolve()))


class Session:
    """Builds of one site in one process, as the preview makes them: what the last build knew
    stays in memory, instead of a round trip through .cache/ on every save in the editor."""

    def __init__(self) -> None:
        self._cache: BuildCache | None = None
        self._assembled: _Assembled | None = None
        self._layouts: tuple[str, RecordingEnvironment] | None = None
        """The layouts' digest and an environment that compiled them."""
        self._finished = False
        """Whether the last build ran to its end: else what it was told changed is lost."""
        self._readers: Readers | None = None
        """The outputs `_cache` records, turned around; None after a build that failed, whose
        writing may have stopped half-way: the next build then looks at the disk."""
        self._manifest: tuple[Path, frozenset[str]] | None = None
        """The output folder and the manifest the last build wrote there; None likewise."""
        self._builds = 0

    def build(
        self, config: SiteConfig, options: BuildOptions, changed: frozenset[Path] | None = None
    ) -> BuildReport:
        """Build as `build` does, without the snapshot (a watcher says what changed: `changed`,
        None when unknown); seeds are ingested only when one of them changed."""
        hint = changed if self._finished else None  # a build that failed took its changes
        self._finished = False
        with site_lock(config.cache_dir, options.lock_wait):
            clock = StageClock()
            if not options.out_dir.is_dir():  # deleted by hand: what it held is not there
                self._readers, self._manifest = None, None
            if hint is not None and not any(_inside(p, config.seeds_dir) for p in hint):
                options = replace(options, skip_ingest=True)
            cache = self._cache
            if cache is None or _stamps(config, options) != (cache.stamp, cache.outputs_stamp):
                cache = clock.time("cache", lambda: read_cache(config, options))
            env = clock.time("layouts", lambda: self._environment(config))
            own = cache is self._cache
            readers, self._readers = self._readers if own else None, None
            wrote, self._manifest = self._manifest, None
            manifest = wrote[1] if wrote and wrote[0] == options.out_dir else None
            warm = _Warm(self._assembled, env, own, hint, readers, manifest)
            report, self._cache, self._assembled = full_build(config, options, clock, cache, warm)
            self._readers = _readers_of(self._cache, readers)
            self._manifest = options.out_dir, report.written.files
            self._finished = True
            self._builds += 1
            _settle_memory(self._builds)
            return replace(report, seconds=clock.total(), stage_seconds=clock.stages)

    def _environment(self, config: SiteConfig) -> RecordingEnvironment:
        """The last build's environment while the layouts are the same, else a new one."""
        digest = html.layouts_digest(config.layouts_dir)
        if self._layouts is None or self._layouts[0] != digest:
            self._layouts = digest, html.environment(config.layouts_dir)
        return self._layouts[1]

    def save(self, config: SiteConfig, out_dir: Path) -> None:
        """Write what the session knows to .cache/, for the next process."""
        with site_lock(config.cache_dir, wait_seconds=60):
            save(config, self._cache, out_dir)


_FULL_COLLECTION_EVERY = 50
"""Session builds between two full garbage collections (see _settle_memory)."""


def _settle_memory(builds: int) -> None:
    """Put what a session keeps out of the garbage collector's way.

    The model of 10,000 articles is millions of objects that live as long as the session;
    Python's full collection walks them all, about 0.25 s, and the allocations of one preview
    rebuild set one off. Frozen after each build (the young garbage collected first), they are
    skipped; a cycle that became garbage after it was frozen waits for the full collection done
    every _FULL_COLLECTION_EVERY builds."""
    if builds % _FULL_COLLECTION_EVERY == 0:
        gc.unfreeze()
        gc.collect()
    else:
        gc.collect(1)
    gc.freeze()


def _readers_of(cache: BuildCache | None, last: Readers | None) -> Readers | None:
    """The readers of the outputs `cache` records, brought up to date from `last` if any."""
    if cache is None:
        return None
    reads = {path: record.reads for path, record in cache.outputs.items()}
    return last.follow(reads) if last is not None else Readers(reads)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
