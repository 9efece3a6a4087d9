"""What a build is asked to do, beyond the site's own settings, and what it reports back."""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from newsdigest.ingest import IngestReport
from newsdigest.model import Problem
from newsdigest.output.write import WriteReport

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
    """Processes for parsing and rendering on a cold build; 0 means one per core."""
    use_cache: bool = True
    """Reuse what the last build of this site parsed and rendered."""
    minify: bool = False
    """Minify HTML pages (and their inline CSS and JavaScript) with minify-html."""
    lock_wait: float = 0.0
    """Seconds to wait for another build of the site to finish; 0 fails at once."""
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


def counted(items: Iterable[T], stage: str, progress: Progress | None, total: int) -> Iterator[T]:
    """Pass items through, telling progress every hundred items and at the end."""
    for done, item in enumerate(items, start=1):
        if progress and done % 100 == 0:
            progress(stage, done, total)
        yield item
    if progress and total:
        progress(stage, total, total)


class StageClock:
    """Times each step, for --profile."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._start = time.perf_counter()

    def time(self, name: str, step: Callable[[], T], inner: str | None = None) -> T:
        """Run a step, its time counted toward `name`, but for what `inner` (a stage that
        runs inside it, see `timed`) took meanwhile."""
        started, before = time.perf_counter(), self.stages.get(inner or "", 0.0)
        result = step()
        spent = time.perf_counter() - started - (self.stages.get(inner or "", 0.0) - before)
        self.stages[name] = self.stages.get(name, 0.0) + spent
        return result

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """Pass items through, the time spent making each counted toward `name`: a stage that
        runs inside another, as rendering runs inside writing."""
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started
            yield item

    def total(self) -> float:
        return time.perf_counter() - self._start


def disk_trouble(err: OSError, where: Path) -> BuildError:
    """A failure to write, as a person can act on it: what, why, and what to do."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = "free some disk space"
    elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        todo = "make the folder writable"
    else:
        todo = "check the folder"
    return BuildError(
        f"cannot write {err.filename or where} ({err.strerror or err}); {todo}, then build "
        "again: the last complete site is left as it was"
    )
