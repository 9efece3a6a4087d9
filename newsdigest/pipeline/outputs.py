"""Every output file of the site in memory: pages whose inputs changed rendered again, the
others known to be up to date from the build cache and left alone on disk."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsdigest.model import Rendered
from newsdigest.render.feeds import render_feeds, term_feed, term_feed_inputs
from newsdigest.render.fingerprints import stable_hash, structure
from newsdigest.render.html import environment, layout_source, minified, render_pages
from newsdigest.render.jobs import Dependency, Job, LayoutError
from newsdigest.render.plan import plan_pages
from newsdigest.render.reads import Dependencies
from newsdigest.render.sitemap import render_extras
from newsdigest.site import Site

from .cache import BuildCache, OutputRecord
from .options import BuildError, BuildOptions, counted
from .recorded import RecordedDependencies


@dataclass(frozen=True)
class Made:
    """An output rendered this time: what the cache needs to know of it."""

    fingerprint: str
    reads: bytes
    """What it read, packed (see recorded.py); empty for feeds."""


@dataclass(frozen=True)
class Outputs:
    """Rendered files, plus pages known to be up to date and so not rendered again."""

    files: list[Rendered]
    kept: dict[str, OutputRecord]
    """Up-to-date outputs by path, as the cache recorded them."""
    made: dict[str, Made]
    """Every output rendered this time, by path, for the cache."""
    dependencies: tuple[Dependency, ...] = ()
    """Everything any output has read, numbered, with its value now."""
    values: tuple[str, ...] = ()
    structure: str = ""
    """The site's structure digest (see fingerprints.py), for the next build."""


def render_outputs(
    site: Site, cache: BuildCache, options: BuildOptions, static: list[tuple[str, bytes]]
) -> Outputs:
    """Render every page whose inputs changed, the feeds and the static files, all in memory.

    A broken layout stops the build here, before anything is written.
    """
    try:
        env = environment(site.config.layouts_dir)
        current = Dependencies(site, partial(layout_source, env))
        recorded = RecordedDependencies(cache.dependencies, cache.values, current)
        shape = structure(site)
        known = (
            {path: record.fingerprint for path, record in cache.outputs.items()}
            if shape == cache.structure
            else None
        )
        jobs = plan_pages(site, known)
        fresh = {
            job.path: cache.outputs[job.path]
            for job in jobs
            if _page_fresh(job, cache, recorded, options.out_dir)
        }
        todo = [job for job in jobs if job.path not in fresh]
        rendered = render_pages(env, site, todo, options.workers)
        made: dict[str, Made] = {}
        pages = []
        done = counted(rendered, "render", options.progress, len(todo))
        for job, page in zip(todo, done, strict=True):  # in order, from the workers too
            made[page.path] = Made(job.fingerprint, recorded.pack(page.reads))
            pages.append(Rendered(page.path, page.data))
    except LayoutError as err:
        raise BuildError(str(err)) from err
    if options.minify:
        pages = [Rendered(page.path, minified(page.data)) for page in pages]
    feeds = render_feeds(site, options.fallback_date)
    for term in site.terms:  # a digest has a feed per name: render only those that changed
        fingerprint = stable_hash(term_feed_inputs(site, term))
        if _output_fresh(term.feed_path, fingerprint, cache, options.out_dir):
            fresh[term.feed_path] = cache.outputs[term.feed_path]
        else:
            feeds.append(Rendered(term.feed_path, term_feed(site, term)))
            made[term.feed_path] = Made(fingerprint, b"")
    files = [*pages, *render_extras(site), *feeds, *_assets(site, static)]
    return Outputs(files, fresh, made, *recorded.saved(), structure=shape)


def _assets(site: Site, static: list[tuple[str, bytes]]) -> list[Rendered]:
    """Every static file under static/ by its name, and again under its hashed name if any."""
    assets = [Rendered(f"static/{name}", data) for name, data in static]
    assets += [
        Rendered(site.asset(name), data)
        for name, data in static
        if site.asset(name) != f"static/{name}"
    ]
    return assets


def _page_fresh(job: Job, cache: BuildCache, recorded: RecordedDependencies, out_dir: Path) -> bool:
    """Planned alike, nothing it read has changed, and still on disk as it was written."""
    record = cache.outputs.get(job.path)
    return (
        record is not None
        and recorded.unchanged(record.reads)
        and _output_fresh(job.path, job.fingerprint, cache, out_dir)
    )


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
