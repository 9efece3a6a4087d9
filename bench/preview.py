"""The preview-edit scenario: a generator's preview server runs; one Markdown page is saved as an
editor saves it; how long until the page's URL serves the edit.

Knows nothing about generators: each is a Tool (its command, and the lines it prints once it
serves and after each rebuild) and a list of Edits (a Markdown file, the URL it is served at).
The server runs in a process group of its own, stopped with SIGINT as Ctrl-C stops it in a
terminal; whatever is left of the group afterwards is killed, and reported.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import os
import re
import secrets
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import procs

START_TIMEOUT = 1800.0
"""Seconds a server may take to build and serve a large corpus on a busy machine."""
STOP_TIMEOUT = 60.0
"""Seconds a server may take to exit after SIGINT (ours saves its cache first)."""
IDLE, IDLE_SHARE = 0.5, 0.05
"""A server is idle when, for IDLE seconds, it prints nothing and its processes use under
IDLE_SHARE of a core."""
SETTLE_LIMIT = 300.0
"""Seconds to wait for a server to become idle before going on regardless (and saying so)."""
MARKER = re.compile(r"previewmark\w+")
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


@dataclass(frozen=True)
class Tool:
    """How to start one generator's preview server and read what it prints."""

    name: str
    command: list[str]
    ready: re.Pattern[str]
    """A line printed once the built site is served; a group 'origin' gives its address."""
    rebuilt: re.Pattern[str]
    """A line printed after each rebuild."""
    origin: str = ""
    """Scheme, host and port it serves on, when the ready line does not say."""


@dataclass(frozen=True)
class Edit:
    """One Markdown page to edit, and the URL (below the origin) where its page is served."""

    path: Path
    url: str


@dataclass
class PreviewRun:
    """One tool's server: how long it took to serve, and each edit until it was shown."""

    name: str
    start_seconds: float = float("nan")
    """From the command's start until it said it serves the built site."""
    seconds: list[float] = field(default_factory=list)
    """For each edit shown: from the rename until a GET returned the new word."""
    cpu_seconds: list[float] = field(default_factory=list)
    """For each edit shown: CPU time of the server's processes until they were idle again."""
    failures: list[str] = field(default_factory=list)
    peak_mb: float = float("nan")
    """Largest peak RSS of one of the server's processes, in MB."""
    tree_mb: float = float("nan")
    """Largest sampled sum of RSS over the server's processes, in MB."""
    stop: str = ""
    """How the server stopped, and whether anything had to be killed."""
    notes: list[str] = field(default_factory=list)
    """Anything else odd: a server never idle before an edit."""
    origin: str = ""


class Server:
    """A running server in its own process group, its output (stderr too) kept line by line."""

    def __init__(self, command: Sequence[str], env: Mapping[str, str]) -> None:
        _let_sigint_through()
        self.process = subprocess.Popen(
            list(command),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=dict(env),
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.stopped = ""
        self._changed = threading.Condition()
        self._last_output = time.monotonic()
        self._ended = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.sampler = procs.TreeSampler(self.process.pid)
        self.sampler.start()

    def _read(self) -> None:
        """Collect the server's output until it closes it."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._last_output = time.monotonic()
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def wait_line(
        self, pattern: re.Pattern[str], start: int, timeout: float
    ) -> re.Match[str] | None:
        """The first line from index `start` on that matches; None once the server has closed
        its output or `timeout` seconds have passed."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[start:]:
                    if found := pattern.search(line):
                        return found
                start = len(self.lines)
                left = deadline - time.monotonic()
                if self._ended or left <= 0:
                    return None
                self._changed.wait(left)

    def settle(self, limit: float = SETTLE_LIMIT) -> bool:
        """Wait until the server is idle: for IDLE seconds nothing printed and almost no CPU
        used (a build can run silently, such as the one its first build's own writes start).
        False when it was still busy after `limit` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            lines, cpu = len(self.lines), procs.tree_cpu_seconds(self.process.pid)
            time.sleep(IDLE)
            used = procs.tree_cpu_seconds(self.process.pid) - cpu
            if self._ended or (len(self.lines) == lines and used <= IDLE * IDLE_SHARE):
                return True
        return False

    def tail(self, count: int = 15) -> str:
        """The last lines the server printed, for a failure's message."""
        with self._changed:
            return "\n".join(self.lines[-count:])

    def stop(self) -> str:
        """SIGINT to the whole group, as Ctrl-C in a terminal; kill what does not stop in time
        and whatever of the group outlives the server. Says what happened."""
        if self.stopped:
            return self.stopped
        notes, group = [], self.process.pid
        _signal_group(group, signal.SIGINT)
        try:
            code = self.process.wait(STOP_TIMEOUT)
            notes.append(f"SIGINT, exit status {code}")
        except subprocess.TimeoutExpired:
            _signal_group(group, signal.SIGKILL)
            self.process.wait()
            notes.append(f"still running {STOP_TIMEOUT:.0f} s after SIGINT, killed")
        left = _outliving(group)
        if left:
            _signal_group(group, signal.SIGKILL)
            notes.append(f"{len(left)} process(es) left behind, killed")
        self.sampler.stop()
        self._reader.join(5.0)
        self.stopped = "; ".join(notes)
        return self.stopped

    def __enter__(self) -> Server:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _let_sigint_through() -> None:
    """A child inherits an ignored SIGINT (a script started with `&` or nohup), and could then
    not be stopped as Ctrl-C stops it: let the servers we start receive it."""
    main = threading.current_thread() is threading.main_thread()
    if main and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _signal_group(group: int, number: signal.Signals) -> None:
    """Send a signal to every process of a group; nothing when none is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, number)


def _outliving(group: int, grace: float = 2.0) -> list[int]:
    """Processes of the group still running `grace` seconds after its leader exited."""
    deadline = time.monotonic() + grace
    while (left := procs.group_members(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


# --- one edit -----------------------------------------------------------------------------


def with_marker(text: str, marker: str) -> str:
    """The page with its marker word changed to `marker`; without one, a paragraph holding
    it is added at the end of the body."""
    if MARKER.search(text):
        return MARKER.sub(marker, text, count=1)
    return text.rstrip("\n") + f"\n\nPreview edit: {marker}.\n"


def rewrite(path: Path, marker: str) -> float:
    """Save the page with the new marker as editors do (a temporary file, then a rename);
    the perf_counter time of the rename."""
    text = with_marker(path.read_text(encoding="utf-8"), marker)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return time.perf_counter()


def fetch(url: str) -> bytes | None:
    """The body of a 200 response; None for any other status or no answer."""
    try:
        with _OPENER.open(url, timeout=5.0) as response:
            body: bytes = response.read()
            return body if response.status == 200 else None
    except (OSError, http.client.HTTPException):
        return None


def poll(url: str, word: bytes, since: float, timeout: float, interval: float) -> float | None:
    """GET url every `interval` seconds until the body holds `word`: seconds since `since`,
    or None after `timeout`."""
    while True:
        body = fetch(url)
        now = time.perf_counter()
        if body is not None and word in body:
            return now - since
        if now - since > timeout:
            return None
        time.sleep(interval)


@dataclass(frozen=True)
class Outcome:
    """What one edit gave: seconds until shown (None when it never was), the server's CPU
    seconds, and what was odd, if anything."""

    shown: float | None
    cpu: float = float("nan")
    problem: str = ""


def edit_once(
    server: Server, tool: Tool, origin: str, edit: Edit, number: int, timing: tuple[float, float]
) -> Outcome:
    """One edit of a page, timed until its URL serves it; then wait for the server to be idle."""
    timeout, interval = timing
    url, name = origin + edit.url, f"edit {number + 1}"
    if fetch(url) is None:  # as an open tab has it; Hugo re-renders visited pages first
        return Outcome(None, problem=f"{name}: {edit.url} not served before the edit")
    marker = f"previewmark{number + 1}x{secrets.token_hex(4)}"
    mark = len(server.lines)
    cpu_before = procs.tree_cpu_seconds(server.process.pid)
    shown = poll(url, marker.encode(), rewrite(edit.path, marker), timeout, interval)
    rebuilt = server.wait_line(tool.rebuilt, mark, timeout)
    idle = server.settle()
    cpu = procs.tree_cpu_seconds(server.process.pid) - cpu_before
    if shown is None:
        return Outcome(None, cpu, f"{name} not shown within {timeout:g} s")
    if rebuilt is None:
        return Outcome(shown, cpu, f"{name}: shown, but no rebuild line followed")
    if not idle:
        return Outcome(shown, cpu, f"{name}: server still busy {SETTLE_LIMIT:g} s after it")
    return Outcome(shown, cpu)


# --- one tool -----------------------------------------------------------------------------


def measure_preview(
    tool: Tool,
    locate: Callable[[re.Match[str]], list[Edit]],
    env: Mapping[str, str],
    timing: tuple[float, float] = (120.0, 0.005),
) -> PreviewRun:
    """Start the tool's server, make each edit `locate` gives (from the ready line) once it
    serves, stop it.

    `timing` is the seconds an edit may take to be shown, and the seconds between GETs.
    """
    run = PreviewRun(tool.name)
    started = time.perf_counter()
    with Server(tool.command, env) as server:
        ready = server.wait_line(tool.ready, 0, START_TIMEOUT)
        if ready is None:
            run.failures.append(f"never served:\n{server.tail()}")
        else:
            run.start_seconds = time.perf_counter() - started
            run.origin = (ready.groupdict().get("origin") or tool.origin).rstrip("/")
            if not server.settle():
                run.notes.append(f"still busy {SETTLE_LIMIT:g} s after it served")
            _edit_all(server, tool, run, functools.partial(locate, ready), timing)
    run.stop = server.stopped
    run.peak_mb = server.sampler.largest_kb / 1024
    run.tree_mb = server.sampler.peak_kb / 1024
    return run


def _edit_all(
    server: Server,
    tool: Tool,
    run: PreviewRun,
    locate: Callable[[], list[Edit]],
    timing: tuple[float, float],
) -> None:
    """Every edit in turn, each recorded in the run as a time (and a note when something was
    odd) or a failure."""
    try:
        edits = locate()
    except LookupError as err:
        run.failures.append(f"no page to edit: {err}")
        return
    for number, edit in enumerate(edits):
        outcome = edit_once(server, tool, run.origin, edit, number, timing)
        if outcome.shown is None:
            run.failures.append(outcome.problem)
            continue
        run.seconds.append(outcome.shown)
        run.cpu_seconds.append(outcome.cpu)
        if outcome.problem:
            run.notes.append(outcome.problem)


def serve_once(tool: Tool, env: Mapping[str, str]) -> str:
    """Start the server, let it build and become idle, stop it: '' or what went wrong."""
    with Server(tool.command, env) as server:
        if server.wait_line(tool.ready, 0, START_TIMEOUT) is None:
            return f"never served:\n{server.tail()}"
        if not server.settle():
            return f"still busy {SETTLE_LIMIT:g} s after it served"
    return ""


# --- finding the pages --------------------------------------------------------------------


def front_matter_field(text: str, key: str) -> str:
    """A field of a page's header, YAML front matter or Pelican's `Key: value` lines; plain
    and quoted scalars only. Empty when absent."""
    if text.startswith("---\n"):
        header = text[4:].partition("\n---")[0]
    else:
        header = text.partition("\n\n")[0]
    found = re.search(rf"^{re.escape(key)}:[ \t]*(.*?)[ \t]*$", header, re.M | re.I)
    value = found.group(1) if found else ""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def dated_url(date_path: str, page: Path) -> str:
    """`/YYYY/MM/DD/slug/` for a page whose header has a slug (Hugo, Pelican)."""
    slug = front_matter_field(page.read_text(encoding="utf-8"), "slug")
    if not slug:
        raise LookupError(f"{page} has no slug")
    return f"/{date_path}/{slug}/"


def newsdigest_edits(site: Path, out: Path, seeds: list[str]) -> list[Edit]:
    """The content pages ingest made from these seeds, and their URLs in the preview's output."""
    wanted = set(seeds)
    pages: dict[str, tuple[Path, str]] = {}
    for page in sorted((site / "content" / "articles").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        seed = front_matter_field(text, "seed")
        if seed in wanted:
            pages[seed] = (page, front_matter_field(text, "slug"))
    edits = []
    for seed in seeds:
        if seed not in pages:
            raise LookupError(f"no content page from {seed}")
        page, slug = pages[seed]
        built = sorted(out.glob(f"*/*/*/{glob_escape(slug)}/index.html"))
        if not built:
            raise LookupError(f"{page.name}: no page in {out} for slug {slug!r}")
        edits.append(Edit(page, "/" + built[0].parent.relative_to(out).as_posix() + "/"))
    return edits


def glob_escape(name: str) -> str:
    """name with glob's special characters matched literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)
