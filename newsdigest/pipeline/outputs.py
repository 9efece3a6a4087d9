"""Every output file of the site: pages whose inputs changed rendered again, one by one as they
are written, the others known to be up to date from the build cache and left alone on disk."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsdigest.model import Article, Rendered
from newsdigest.render.feeds import (
    MAIN_FEED_PATHS,
    TERM_FEED_SIZE,
    main_feed_inputs,
    render_feeds,
    term_feed,
    term_feed_inputs,
)
from newsdigest.render.fingerprints import stable_hash, structure
from newsdigest.render.html import environment, layout_source, minified, render_pages
from newsdigest.render.jobs import Dependency, Job, LayoutError
from newsdigest.render.plan import plan_pages
from newsdigest.render.reads import Carried, Dependencies, RecordingEnvironment
from newsdigest.render.sitemap import render_extras
from newsdigest.site import Site
from newsdigest.site.paths import PATHS

from .cache import BuildCache, OutputRecord
from .options import BuildError, BuildOptions, counted
from .recorded import Readers, RecordedDependencies


@dataclass(frozen=True)
class Made:
    """An output rendered this time: what the cache needs to know of it."""

    fingerprint: str
    reads: bytes
    """What it read, packed (see recorded.py)."""


@dataclass(frozen=True)
class Outputs:
    """What was rendered, and the pages known to be up to date and so not rendered again."""

    rendered: tuple[str, ...]
    """Paths of the files rendered (or copied from static/) this time."""
    kept: dict[str, OutputRecord]
    """Up-to-date outputs by path, as the cache recorded them."""
    made: dict[str, Made]
    """Every output rendered this time, by path, for the cache."""
    dependencies: tuple[Dependency, ...] = ()
    """Everything any output has read, numbered, with its value now."""
    values: tuple[str, ...] = ()
    structure: str = ""
    """The site's structure digest (see fingerprints.py), for the next build."""


class Rendering:
    """Every output of one build, rendered one by one as it is written (`files`), so that
    20,000 pages (300 MB at 10,000 articles) are never all in memory at once; what was made
    (`outputs`) once they ran out. A broken layout stops it with BuildError: the files are
    staged, not published, so nothing of the site on disk has changed by then."""

    def __init__(
        self,
        site: Site,
        cache: BuildCache,
        options: BuildOptions,
        static: list[tuple[str, bytes]],
        env: RecordingEnvironment | None = None,
        carried: Carried | None = None,
        readers: Readers | None = None,
    ) -> None:
        """Plans the pages whose inputs changed. `env` is an environment over the site's
        layouts as they are now (else one is made); `carried`, what an in-place update of the
        last build's model may have changed; `readers`, the cache's outputs turned around,
        given by a session that wrote them itself (so they are on disk as recorded, and need
        no stat)."""
        self._site, self._cache, self._options, self._static = site, cache, options, static
        try:
            self._env = env or environment(site.config.layouts_dir)
            current = Dependencies(site, partial(layout_source, self._env))
            suspects = carried.suspects(cache.dependencies) if carried else None
            self._recorded = RecordedDependencies(
                cache.dependencies, cache.values, current, suspects
            )
            self._shape = cache.structure if carried is not None else structure(site)
            self._freshness = _Freshness(cache, self._recorded, options.out_dir, readers)
            self._todo, self._fresh = _pages_to_draw(site, cache, self._freshness, self._shape)
        except LayoutError as err:
            raise BuildError(str(err)) from err
        self._made: dict[str, Made] = {}
        self._paths: list[str] = []
        self._finished = False

    def files(self) -> Iterator[tuple[str, bytes]]:
        """The pages to draw, then the feeds and the static files, as path and bytes."""
        site, options, todo = self._site, self._options, self._todo
        try:
            rendered = render_pages(self._env, site, todo, options.workers)
            done = counted(rendered, "render", options.progress, len(todo))
            for job, page in zip(todo, done, strict=True):  # in order, from the workers too
                self._made[page.path] = Made(job.fingerprint, self._recorded.pack(page.reads))
                yield self._out(page.path, minified(page.data) if options.minify else page.data)
        except LayoutError as err:
            raise BuildError(str(err)) from err
        others = _others(site, self._cache, self._recorded, self._freshness, options, self._shape)
        self._fresh.update(others.fresh)
        self._made.update(others.made)
        for file in [*others.files, *_assets(site, self._static)]:
            yield self._out(file.path, file.data)
        self._finished = True

    def kept(self) -> Iterator[str]:
        """The outputs known to be up to date, taken after `files` ran out (the feeds' are
        known only then)."""
        if not self._finished:
            raise RuntimeError("Rendering.kept() before its files were all taken")
        yield from self._fresh

    def outputs(self) -> Outputs:
        """What was made and kept, once `files` ran out."""
        if not self._finished:
            raise RuntimeError("Rendering.outputs() before its files were all taken")
        saved = self._recorded.saved()
        return Outputs(tuple(self._paths), self._fresh, self._made, *saved, structure=self._shape)

    def _out(self, path: str, data: bytes) -> tuple[str, bytes]:
        self._paths.append(path)
        return path, data


def _pages_to_draw(
    site: Site, cache: BuildCache, freshness: _Freshness, shape: str
) -> tuple[list[Job], dict[str, OutputRecord]]:
    """The jobs of the pages to render, and the cache's records of those up to date. With the
    last build's structure, plan keys are known and an up-to-date page is never planned."""
    known = (
        {path: record.fingerprint for path, record in cache.outputs.items()}
        if shape == cache.structure
        else None
    )
    fresh: dict[str, OutputRecord] = {}

    def up_to_date(path: str, key: str) -> bool:
        if freshness.fresh(path, key):
            fresh[path] = cache.outputs[path]
            return True
        return False

    jobs = plan_pages(site, known, up_to_date)
    return [job for job in jobs if not up_to_date(job.path, job.fingerprint)], fresh


def _others(
    site: Site,
    cache: BuildCache,
    recorded: RecordedDependencies,
    freshness: _Freshness,
    options: BuildOptions,
    shape: str,
) -> _Others:
    """The sitemap, robots.txt and every feed: each rendered only when it changed."""
    others = _Others(cache, recorded, freshness, shape == cache.structure)
    others.add(
        PATHS.sitemap,
        PATHS.robots,
        key=lambda: stable_hash(("extras", shape)),  # made from paths and dates alone
        reads=frozenset,
        make=lambda: render_extras(site),
    )
    others.add(
        *MAIN_FEED_PATHS,
        key=lambda: stable_hash((options.fallback_date, main_feed_inputs(site))),
        reads=lambda: _shown(site.feed_articles),
        make=lambda: render_feeds(site, options.fallback_date),
    )
    for term in site.terms:  # a digest has a feed per name: render only those that changed
        others.add(
            term.feed_path,
            key=partial(lambda t: stable_hash(term_feed_inputs(site, t)), term),
            reads=partial(lambda t: _shown(t.articles[:TERM_FEED_SIZE]), term),
            make=partial(lambda t: [Rendered(t.feed_path, term_feed(site, t))], term),
        )
    return others


def _shown(articles: Sequence[Article]) -> frozenset[Dependency]:
    """What a feed reads of the articles it carries: their headline fields and their text."""
    return frozenset(
        dependency for a in articles for dependency in (("article", a.key), ("body", a.key))
    )


class _Others:
    """Feeds, the sitemap and robots.txt: rendered when their plan key (made from the site's
    structure, as a page's is) or anything they read changed, or when gone from disk."""

    def __init__(
        self,
        cache: BuildCache,
        recorded: RecordedDependencies,
        freshness: _Freshness,
        same: bool,
    ) -> None:
        self._cache, self._recorded, self._freshness = cache, recorded, freshness
        self._same_structure = same
        self.fresh: dict[str, OutputRecord] = {}
        self.made: dict[str, Made] = {}
        self.files: list[Rendered] = []

    def add(
        self,
        *paths: str,
        key: Callable[[], str],
        reads: Callable[[], Collection[Dependency]],
        make: Callable[[], list[Rendered]],
    ) -> None:
        """Outputs rendered together by `make`, with what makes their plan key (called only
        when the site's structure changed: else the last build's key holds) and their reads."""
        records = [self._cache.outputs.get(path) for path in paths]
        last = records[0]  # a group is rendered together: its outputs share their plan key
        plan_key = last.fingerprint if self._same_structure and last and all(records) else key()
        if all(self._freshness.fresh(path, plan_key) for path in paths):
            self.fresh.update((path, self._cache.outputs[path]) for path in paths)
            return
        packed = self._recorded.pack(frozenset(reads()))
        for rendered in make():
            self.files.append(rendered)
            self.made[rendered.path] = Made(plan_key, packed)


def _assets(site: Site, static: list[tuple[str, bytes]]) -> list[Rendered]:
    """Every static file under static/ by its name, and again under its hashed name if any."""
    assets = [Rendered(f"static/{name}", data) for name, data in static]
    assets += [
        Rendered(site.asset(name), data)
        for name, data in static
        if site.asset(name) != f"static/{name}"
    ]
    return assets


class _Freshness:
    """Which outputs are up to date: planned alike, nothing they read has changed, and on disk
    as they were written."""

    def __init__(
        self,
        cache: BuildCache,
        recorded: RecordedDependencies,
        out_dir: Path,
        readers: Readers | None,
    ) -> None:
        self._outputs, self._recorded, self._out_dir = cache.outputs, recorded, out_dir
        self._stale = readers.reaching(recorded.changed) if readers is not None else None
        """With the readers at hand, the outputs that read what changed; else each output's
        reads are looked at, and its file on disk."""

    def fresh(self, path: str, plan_key: str) -> bool:
        record = self._outputs.get(path)
        if record is None or record.fingerprint != plan_key:
            return False
        if self._stale is not None:  # a session's own outputs: on disk as it wrote them
            return path not in self._stale
        return self._recorded.unchanged(record.reads) and _on_disk(path, record, self._out_dir)


def _on_disk(path: str, record: OutputRecord, out_dir: Path) -> bool:
    """The output is still on disk as it was written."""
    try:  # os.stat of a string: a Path per output costs more than the stat itself
        stat = os.stat(f"{out_dir}/{path}")
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns
