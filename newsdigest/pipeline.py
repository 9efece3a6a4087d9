"""The build, in order: ingest, load, assemble, render, write. The one place that knows the order."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from .config import SiteConfig
from .content import load_content
from .feeds import render_feeds
from .ingest import IngestReport, ingest
from .model import Problem, Rendered
from .output import WriteReport, static_files, write_site
from .render import LayoutError, environment, render_site
from .site import Site, assemble

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
    """Told how far rendering has got, for a progress bar."""
    skip_ingest: bool = False
    """Build from content/ only."""


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
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def build(config: SiteConfig, options: BuildOptions) -> BuildReport:
    """Ingest seeds, load content, assemble the site, render everything in memory, then write."""
    clock = _StageClock()
    ingested = None if options.skip_ingest else clock.time("ingest", lambda: ingest(config))
    content = clock.time("load", lambda: load_content(config))
    site, site_problems = clock.time(
        "assemble", lambda: assemble(config, content.articles, content.pages)
    )
    files = clock.time("render", lambda: render_all(site, options))
    written = clock.time(
        "write", lambda: write_site(options.out_dir, ((f.path, f.data) for f in files))
    )
    problems = (*(ingested.problems if ingested else ()), *content.problems, *site_problems)
    return BuildReport(
        articles=len(site.articles),
        pages=sum(1 for f in files if f.path.endswith(".html")),
        feeds=sum(
            1 for f in files if f.path.endswith((".xml", ".json")) and "sitemap" not in f.path
        ),
        ingest=ingested,
        written=written,
        problems=problems,
        seconds=clock.total(),
        stage_seconds=clock.stages,
    )


def render_all(site: Site, options: BuildOptions) -> list[Rendered]:
    """Every output file in memory; a broken layout stops the build before anything is written."""
    try:
        env = environment(site.config.layouts_dir)
        pages = list(_counted(render_site(site, env), len(site.articles) + 3, options.progress))
    except LayoutError as err:
        raise BuildError(str(err)) from err
    feeds = render_feeds(site, options.fallback_date)
    static = [
        Rendered(f"static/{path}", data) for path, data in static_files(site.config.static_dir)
    ]
    return [*pages, *feeds, *static]


def _counted(
    items: Iterable[Rendered], expected: int, progress: Progress | None
) -> Iterator[Rendered]:
    """Pass items through, telling progress every so often."""
    for done, item in enumerate(items, start=1):
        if progress and done % 50 == 0:
            progress("render", min(done, expected), expected)
        yield item
    if progress:
        progress("render", expected, expected)


class _StageClock:
    """Times each step, for --profile."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._start = time.perf_counter()

    def time(self, name: str, step: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = step()
        self.stages[name] = time.perf_counter() - started
        return result

    def total(self) -> float:
        return time.perf_counter() - self._start
