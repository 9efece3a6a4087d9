"""The build, in order: ingest, load, assemble, render, write. The one place that knows the order."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import jinja2

from . import search, snapshot
from .cache import BuildCache, OutputRecord, SourceRecord, load_cache, make_stamp, save_cache
from .cache import source_is_fresh as _fresh
from .config import CONFIG_NAME, SiteConfig
from .content import Content, LoadedFile, combine, digest, load_file, markdown_files
from .feeds import render_feeds, term_feed, term_feed_inputs
from .ingest import IngestReport, ingest
from .model import Problem, Rendered
from .output import WriteReport, static_files, write_site
from .parallel import map_items
from .plan import stable_hash
from .render import Job, LayoutError, environment, plan_pages, render_extras, render_job
from .site import Site, assemble, asset_paths

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) while a long step runs."""


class BuildError(Exception):
    """The build stopped before writing anything; the message says where and why."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build, beyond the site's own settings."""

    out_dir: Path
    """Where the site is written."""
    fallback_date: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    """Date of feeds with no articles: SOURCE_DATE_EPOCH when set, never the clock."""
    progress: Progress | None = None
    """Told how far a long step has got, for a progress bar."""
    skip_ingest: bool = False
    """Build from content/ only."""
    workers: int = 0
    """Processes for parsing Markdown on a cold build; 0 means one per core."""
    use_cache: bool = True
    """Reuse what the last build of this site parsed and rendered."""
    minify: bool = False
    """Minify HTML pages (and their inline CSS and JavaScript) with minify-html."""
    hash_assets: bool = True
    """Publish static files under names that carry a hash of their bytes (cacheable for a year).
    The preview turns it off, so that a stylesheet edit changes the stylesheet alone."""
    search: bool = False
    """Index the written site with Pagefind and give it a search page. Pagefind reads every
    article page again on each change (no incremental mode), so it is for publishing builds."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    articles: int
    pages: int
    feeds: int
    ingest: IngestReport | None
    written: WriteReport
    problems: tuple[Problem, ...]
    seconds: float
    parsed: int = 0
    """Content files parsed this time (the rest came from the cache)."""
    rendered: int = 0
    """Pages rendered this time (the rest were known to be up to date)."""
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


@dataclass(frozen=True)
class _Outputs:
    """Rendered files, plus pages known to be up to date and so not rendered again."""

    files: list[Rendered]
    kept: dict[str, OutputRecord]
    fingerprints: dict[str, str]


def build(config: SiteConfig, options: BuildOptions) -> BuildReport:
    """Build the site, or, when no file of it changed since the last build, say so at once."""
    clock = _StageClock()
    if not options.use_cache:
        return _full_build(config, options, clock)
    roots = [config.seeds_dir, config.content_dir, config.layouts_dir, config.static_dir]
    roots += [config.root / CONFIG_NAME, options.out_dir]
    salt = make_stamp(
        config,
        options.out_dir.resolve(),
        options.fallback_date,
        options.skip_ingest,
        options.minify,
        options.search,
        options.hash_assets,
    )
    before = clock.time("snapshot", lambda: snapshot.take(roots, salt))
    saved = snapshot.load(config.cache_dir)
    if (
        saved is not None
        and snapshot.unchanged(saved, before)
        and isinstance(saved.report, BuildReport)
    ):
        kept = WriteReport((), saved.report.written.unchanged + saved.report.written.written, ())
        return replace(
            saved.report,
            written=kept,
            parsed=0,
            rendered=0,
            seconds=clock.total(),
            stage_seconds=clock.stages,
        )
    report = _full_build(config, options, clock)
    after = clock.time("snapshot", lambda: snapshot.take(roots, salt))
    snapshot.save(config.cache_dir, snapshot.Saved(after, report))
    return replace(report, seconds=clock.total(), stage_seconds=clock.stages)


def _full_build(config: SiteConfig, options: BuildOptions, clock: _StageClock) -> BuildReport:
    """Ingest seeds, load content, assemble the site, render what changed in memory, then write."""
    cache = clock.time("cache", lambda: _read_cache(config, options))
    ingested = None if options.skip_ingest else clock.time("ingest", lambda: ingest(config))
    static = clock.time("static", lambda: static_files(config.static_dir))
    sources = clock.time("load", lambda: load_sources(config, cache, options))
    content = sources.content
    site, site_problems = clock.time(
        "assemble",
        lambda: assemble(
            config,
            content.articles,
            content.pages,
            options.search and search.available(),
            asset_paths(static, options.hash_assets),
        ),
    )
    outputs = clock.time("render", lambda: render_outputs(site, cache, options, static))
    written = clock.time(
        "write",
        lambda: write_site(
            options.out_dir, ((f.path, f.data) for f in outputs.files), outputs.kept
        ),
    )
    changed = bool(written.changed or written.removed)
    searched = (
        clock.time("search", lambda: search.index_site(options.out_dir, changed))
        if options.search
        else search.SearchReport(False, ())
    )
    if options.use_cache:
        clock.time(
            "cache", lambda: _save_cache(config, cache, sources.records, outputs, options.out_dir)
        )
    made = [*(f.path for f in outputs.files), *outputs.kept]
    return BuildReport(
        articles=len(site.articles),
        pages=sum(1 for path in made if path.endswith(".html")),
        feeds=sum(1 for path in made if path.endswith(("feed.xml", "atom.xml", "feed.json"))),
        ingest=ingested,
        written=written,
        problems=(
            *(ingested.problems if ingested else ()),
            *content.problems,
            *site_problems,
            *searched.problems,
        ),
        seconds=clock.total(),
        parsed=sources.parsed,
        rendered=sum(1 for f in outputs.files if f.path in outputs.fingerprints),
        stage_seconds=clock.stages,
    )


def _read_cache(config: SiteConfig, options: BuildOptions) -> BuildCache:
    stamp = make_stamp(config, options.minify, options.search)
    return load_cache(config.cache_dir, stamp) if options.use_cache else BuildCache(stamp)


@dataclass(frozen=True)
class _Sources:
    """All content, and the cache records that say where it came from."""

    content: Content
    records: dict[str, SourceRecord]
    parsed: int
    """Files parsed this time; the rest came from the cache."""


def load_sources(config: SiteConfig, cache: BuildCache, options: BuildOptions) -> _Sources:
    """Every content file: from the cache when unchanged, else parsed (in parallel when many)."""
    records: dict[str, SourceRecord] = {}
    stale: list[tuple[str, Path, os.stat_result]] = []
    prefix = len(str(config.content_dir)) + 1
    for path in markdown_files(config.content_dir):
        key = str(path)[prefix:].replace(os.sep, "/")
        stat = path.stat()
        record = cache.sources.get(key)
        if record is not None and _fresh(record, stat.st_size, stat.st_mtime_ns, cache):
            records[key] = record
        elif record is not None and _same_text(path, record):
            records[key] = replace(record, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        else:
            stale.append((key, path, stat))
    loaded = _parse_all([path for _, path, _ in stale], config, options)
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
    return _Sources(content, records, len(stale))


def _same_text(path: Path, record: SourceRecord) -> bool:
    """For a racily recent file: is its text still the one the cache parsed?"""
    if not record.digest:
        return False
    try:
        return digest(path.read_text(encoding="utf-8")) == record.digest
    except (OSError, UnicodeDecodeError):
        return False


def _parse_all(
    paths: Sequence[Path], config: SiteConfig, options: BuildOptions
) -> list[LoadedFile]:
    """Parse files, spread over worker processes when there are enough to pay for them."""
    args = [(path, config.content_dir, config.timezone) for path in paths]
    results = map_items(_load_one, args, options.workers)
    return list(_counted(results, "parse", options.progress, len(args)))


def _load_one(args: tuple[Path, Path, str]) -> LoadedFile:
    return load_file(*args)


# Each render worker's own copy of what it renders from, set once when the worker starts.
_RENDER_STATE: list[tuple[jinja2.Environment, Site, list[Job]]] = []


def _start_renderer(site: Site, jobs: list[Job]) -> None:
    _RENDER_STATE[:] = [(environment(site.config.layouts_dir), site, jobs)]


def _render_at(index: int) -> Rendered:
    env, site, jobs = _RENDER_STATE[0]
    return render_job(env, site, jobs[index])


def _render_pages(site: Site, jobs: list[Job], options: BuildOptions) -> list[Rendered]:
    """Render jobs, in worker processes when there are many (a cold build)."""
    try:
        results = map_items(
            _render_at,
            range(len(jobs)),
            options.workers,
            initializer=_start_renderer,
            initargs=(site, jobs),
        )
        return list(_counted(results, "render", options.progress, len(jobs)))
    finally:
        _RENDER_STATE.clear()


def render_outputs(
    site: Site, cache: BuildCache, options: BuildOptions, static: list[tuple[str, bytes]]
) -> _Outputs:
    """Render every page whose inputs changed, the feeds and the static files, all in memory.

    A broken layout stops the build here, before anything is written.
    """
    try:
        env = environment(site.config.layouts_dir)
        jobs = plan_pages(site, env)
        fresh = {
            job.path: cache.outputs[job.path]
            for job in jobs
            if _output_fresh(job.path, job.fingerprint, cache, options.out_dir)
        }
        todo = [job for job in jobs if job.path not in fresh]
        fingerprints = {job.path: job.fingerprint for job in todo}
        pages = _render_pages(site, todo, options)
        if options.minify:
            pages = [Rendered(page.path, minified(page.data)) for page in pages]
    except LayoutError as err:
        raise BuildError(str(err)) from err
    except jinja2.TemplateError as err:
        raise BuildError(f"{site.config.layouts_dir}: {err}") from err
    feeds = render_feeds(site, options.fallback_date)
    for term in site.terms:  # a digest has a feed per name: render only those that changed
        fingerprint = stable_hash(term_feed_inputs(site, term))
        if _output_fresh(term.feed_path, fingerprint, cache, options.out_dir):
            fresh[term.feed_path] = cache.outputs[term.feed_path]
        else:
            feeds.append(Rendered(term.feed_path, term_feed(site, term)))
            fingerprints[term.feed_path] = fingerprint
    assets = [Rendered(f"static/{name}", data) for name, data in static]
    assets += [
        Rendered(site.asset(name), data)
        for name, data in static
        if site.asset(name) != f"static/{name}"
    ]
    return _Outputs([*pages, *render_extras(site), *feeds, *assets], fresh, fingerprints)


def minified(html: bytes) -> bytes:
    """A page with optional whitespace and tags removed; still valid HTML."""
    import minify_html  # only builds that ask for it pay for loading it

    text = minify_html.minify(
        html.decode("utf-8"),
        keep_html_and_head_opening_tags=True,
        keep_closing_tags=True,
        minify_css=True,
    )
    return text.encode("utf-8")


def _output_fresh(path: str, fingerprint: str, cache: BuildCache, out_dir: Path) -> bool:
    """The output was made from the same inputs and is still on disk as it was written."""
    record = cache.outputs.get(path)
    if record is None or record.fingerprint != fingerprint:
        return False
    try:
        stat = (out_dir / path).stat()
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns


def _save_cache(
    config: SiteConfig,
    cache: BuildCache,
    sources: dict[str, SourceRecord],
    outputs: _Outputs,
    out_dir: Path,
) -> None:
    """Remember what every source gave and what every page was made from; skip if nothing changed."""
    unchanged = (
        not outputs.fingerprints
        and outputs.kept.keys() == cache.outputs.keys()
        and sources.keys() == cache.sources.keys()
        and all(record is cache.sources[key] for key, record in sources.items())
    )
    if unchanged:
        return
    records = dict(outputs.kept)
    for path, fingerprint in outputs.fingerprints.items():
        stat = (out_dir / path).stat()
        records[path] = OutputRecord(fingerprint, stat.st_size, stat.st_mtime_ns)
    save_cache(config.cache_dir, BuildCache(cache.stamp, sources, records))


def _counted(
    items: Iterable[T], stage: str, progress: Progress | None, total: int | None = None
) -> Iterator[T]:
    """Pass items through, telling progress every so often."""
    expected = total if total is not None else len(items) if isinstance(items, Sequence) else 0
    for done, item in enumerate(items, start=1):
        if progress and done % 100 == 0:
            progress(stage, done, expected)
        yield item
    if progress and expected:
        progress(stage, expected, expected)


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
