"""The commands as typed functions: build, ingest, serve, check and init.

Each takes the site folder and what a person asked for, talks through a `Console`, and returns
the exit status; none reads argv. The CLI only parses arguments and calls one of them, and
tests call them the same way.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.config import ConfigError, SiteConfig, load_config
from newsdigest.console import Console, ingest_summary, stage_times, summary_line
from newsdigest.ingest import ingest as run_ingest
from newsdigest.output.write import copy_tree
from newsdigest.pipeline.build import build as run_build
from newsdigest.pipeline.options import BuildError, BuildOptions, BuildReport

if TYPE_CHECKING:
    from newsdigest.pipeline.full import Session
    from newsdigest.preview.server import RebuildResult

SKELETON = Path(__file__).parent / "skeleton"
SAMPLE_SEED = Path(__file__).parent / "sample" / "welcome.txt"
"""The starter site `init` copies: default layouts, stylesheet, settings and an about page."""
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI runner's cancel, systemd's stop, `timeout`), raised in the main thread.

    A kind of KeyboardInterrupt so that whatever cleans up after Ctrl-C (staging removed, a
    switch finished, the lock released, the workers ended, the preview's cache kept) cleans
    up after it too; only the exit status differs: 143, the shell's 128 + SIGTERM.
    """

    status = 143


@dataclass(frozen=True)
class BuildRequest:
    """What a person asks of a build (or of the preview's builds), beyond the site folder."""

    out: Path | None = None
    """Output folder; None means SITE/public."""
    base_url: str | None = None
    """Overrides site.toml's base_url."""
    strict: bool = False
    """Exit 1 when any seed or page is skipped."""
    profile: bool = False
    """Print the time each build step took."""
    no_ingest: bool = False
    """Build from content/ only, leaving seeds/ alone."""
    minify: bool = False
    search: bool = False
    no_cache: bool = False

    def out_dir(self, config: SiteConfig) -> Path:
        return self.out or config.public_dir

    def options(self, config: SiteConfig, console: Console) -> BuildOptions:
        return BuildOptions(
            out_dir=self.out_dir(config),
            fallback_date=source_date(),
            progress=console.progress_bar(),
            skip_ingest=self.no_ingest,
            minify=self.minify,
            search=self.search,
            use_cache=not self.no_cache,
        )


def build(
    site: Path, request: BuildRequest = BuildRequest(), console: Console | None = None
) -> int:
    """Ingest seeds, build the site, print problems and one summary line."""
    console = console or Console()
    config = load_config(site, request.base_url)
    report = run_build(config, request.options(config, console))
    console.problems(report.problems)
    if request.profile:
        for line in stage_times(report):
            console.note(line)
    console.result(summary_line(report, request.out_dir(config)))
    return 1 if request.strict and report.errors else 0


def ingest(site: Path, strict: bool = False, console: Console | None = None) -> int:
    """Turn seeds/*.txt into content/articles/*.md only; print problems and one summary line."""
    console = console or Console()
    report = run_ingest(load_config(site))
    console.problems(report.problems)
    console.result(ingest_summary(report))
    return 1 if strict and report.refused else 0


PREVIEW_LOCK_WAIT = 120.0
"""Seconds a preview rebuild waits for a `build` of the same site to finish."""


def serve(
    site: Path,
    request: BuildRequest = BuildRequest(),
    host: str = "127.0.0.1",
    port: int = 8000,
    console: Console | None = None,
) -> int:
    """Build into a preview folder of its own, serve it and rebuild on every change until Ctrl-C.

    The preview's pages link to the address it serves on, and public/ is left to `build`.
    """
    from newsdigest.pipeline.full import Session
    from newsdigest.preview.server import PreviewServer, ServeError  # only the preview pays
    from newsdigest.preview.watch import Watcher

    console = console or Console()
    config = load_config(site, request.base_url, preview=True)
    out_dir = request.out or config.preview_dir
    rebuilds: list[Callable[[], RebuildResult]] = []
    try:
        server = PreviewServer(out_dir, lambda: rebuilds[0](), host, port, config.base_path)
    except ServeError as err:
        console.error(str(err))
        return 2
    session, changes = Session(), Changes()
    preview = replace(request, out=out_dir)
    rebuilds.append(preview_rebuild(site, preview, console, server.origin, session, changes))

    def on_change(changed: frozenset[Path]) -> None:
        changes.add(changed)
        server.rebuild()

    files = [config.settings_file, config.names_file]
    watcher = Watcher(config.input_folders, files, on_change, ignore=[out_dir])
    try:
        with server, watcher:
            server.rebuild()
            console.result(f"Serving {out_dir} at {server.url} (Ctrl-C to stop)")
            if host not in LOOPBACK:
                console.note(f"note: other machines can reach this preview on {host}")
            server.serve_forever()
    except KeyboardInterrupt as stop:
        console.note("Stopped.")
        _keep_session(site, request, session, out_dir, console)
        return stop.status if isinstance(stop, Terminated) else 0
    return 0  # pragma: no cover - serve_forever returns only when interrupted


def _keep_session(
    site: Path, request: BuildRequest, session: Session, out_dir: Path, console: Console
) -> None:
    """Leave what the preview's builds learnt in .cache/, so the next command starts warm."""
    try:
        session.save(load_config(site, request.base_url, preview=True), out_dir)
    except (ConfigError, BuildError, OSError) as err:
        console.note(f"note: could not keep the preview's cache ({err}); the next build is slower")


class Changes:
    """Paths the watcher reported since the last rebuild took them; None until it reports.

    A rebuild's own writes (the pages ingest made from a changed seed) come back from the
    watcher too; they are told apart by their size and time, so one seed saved is one build.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[Path] | None = None
        self._own: dict[Path, tuple[int, int]] = {}

    def add(self, paths: frozenset[Path]) -> None:
        with self._lock:
            self._paths = (self._paths or set()) | paths

    def own(self, paths: Iterable[Path]) -> None:
        """The files a rebuild just wrote, as they are now."""
        with self._lock:
            self._own = {_absolute(path): _stat_of(path) for path in paths}

    def take(self) -> frozenset[Path] | None:
        """What changed since the last take, but for the last rebuild's own writing (an empty
        set when that is all); None when the watcher has not reported yet."""
        with self._lock:
            taken, self._paths = self._paths, None
            if taken is None:
                return None
            own = self._own
        return frozenset(p for p in taken if own.get(_absolute(p), (-1, -1)) != _stat_of(p))


def preview_rebuild(
    site: Path,
    request: BuildRequest,
    console: Console,
    origin: str = "",
    session: Session | None = None,
    changes: Changes | None = None,
) -> Callable[[], RebuildResult]:
    """A rebuild for the preview: re-reads site.toml each time, makes links and feeds for the
    address it is served on (`origin`, such as http://127.0.0.1:8000), keeps what it learnt in
    `session` between rebuilds, and never raises for bad input."""
    from newsdigest.preview.server import RebuildResult

    def rebuild() -> RebuildResult:
        hint = changes.take() if changes else None
        if hint is not None and not hint:
            return RebuildResult()  # the watcher saw only what the last rebuild wrote
        try:
            config = load_config(site, request.base_url, preview=True)
            if origin:
                config = replace(config, base_url=origin + config.base_path)
            options = replace(request.options(config, console), lock_wait=PREVIEW_LOCK_WAIT)
            report: BuildReport = (
                session.build(config, options, hint) if session else run_build(config, options)
            )
        except (ConfigError, BuildError) as err:
            console.error(f"rebuild failed, still serving the last good site: {err}")
            if changes and hint is not None:
                changes.add(hint)  # not built: the next rebuild must look at these too
            return RebuildResult(error=str(err))
        if changes and report.ingest:
            changes.own(report.ingest.written)
        console.problems(report.problems)
        console.result(summary_line(report, request.out_dir(config)))
        errors = "\n".join(str(problem) for problem in report.errors)
        changed = report.written.changed + report.written.removed
        return RebuildResult(errors, changed, config.base_path)

    return rebuild


def _absolute(path: Path) -> Path:
    """The path from the root, without resolving links: the watcher's and ingest's agree."""
    return Path(os.path.abspath(path))


def _stat_of(path: Path) -> tuple[int, int]:
    """(size, modification time in ns) of a file; (-2, -2) when it is gone."""
    try:
        found = path.stat()
    except OSError:
        return (-2, -2)
    return (found.st_size, found.st_mtime_ns)


def check(
    site: Path, out: Path | None = None, base_url: str | None = None, console: Console | None = None
) -> int:
    """Check a built site; each finding on stderr, one summary line; 1 when anything was found."""
    from newsdigest.check.checker import check_site  # html5lib and feedparser: check pays alone

    console = console or Console()
    config = load_config(site, base_url)
    out_dir = out or config.public_dir
    report = check_site(out_dir, config, datetime.now(UTC))
    for finding in report.findings:
        console.note(f"{out_dir / finding.path}: {finding.problem}; {finding.fix}")
    console.result(report.summary(out_dir))
    return 1 if report.findings else 0


def init(directory: Path, console: Console | None = None) -> int:
    """Create a site folder with the default layouts and settings; nothing is overwritten."""
    console = console or Console()
    if directory.exists() and not directory.is_dir():
        console.error(f"{directory} exists and is not a folder; choose another name")
        return 2
    existed = directory.is_dir()
    try:  # never overwrites, so a failure part-way loses nothing
        added, kept = copy_tree(SKELETON, directory)
        added += _sample_story(directory)
    except OSError as err:
        where = err.filename or directory
        console.error(f"cannot make the site in {directory}: {where}: {err.strerror}; move it away")
        return 2
    if kept:
        console.note(f"left as they were in {directory}: {', '.join(map(str, kept))}")
    next_step = (
        f"put your seeds in {directory / 'seeds'} (welcome.txt there shows the format), then run "
        f"'newsdigest serve --site {directory}' "
        "to preview it; to publish, push the folder to GitHub (.github/workflows/pages.yml) "
        "or Netlify (netlify.toml)"
    )
    if not existed:
        console.result(f"Created a site in {directory}: {next_step}")
    else:
        console.result(
            f"Added {_files(len(added))} to {directory}, left {_files(len(kept))} as they "
            f"were: {next_step}"
        )
    return 0


def _sample_story(site: Path) -> list[Path]:
    """A sample seed, for a digest that has no seeds or articles yet: its first build shows a
    page, and the seed shows the format. A digest with stories of its own gets none."""
    seeds, articles = site / "seeds", site / "content" / "articles"
    seeds.mkdir(exist_ok=True)
    articles.mkdir(parents=True, exist_ok=True)
    if any(seeds.iterdir()) or any(articles.iterdir()):
        return []
    shutil.copyfile(SAMPLE_SEED, seeds / SAMPLE_SEED.name)
    return [Path("seeds") / SAMPLE_SEED.name]


def _files(count: int) -> str:
    return f"{count} starter file" + ("" if count == 1 else "s")


def source_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the Unix epoch; never the clock."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (ValueError, OverflowError, OSError):
        return datetime(1970, 1, 1, tzinfo=UTC)
