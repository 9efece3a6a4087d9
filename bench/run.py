"""Measure newsdigest builds on a generated corpus, beside Hugo and Pelican; print a table, write JSON.

    python bench/run.py --articles 10000 [--repeat 3] [--peers] [--json out.json]
                        [--profile] [--results-md bench/RESULTS.md] [--no-preview]

Every build runs the CLI as a fresh process (`python build.py build --site DIR --quiet`) in a
temporary folder on tmpfs (/dev/shm) when there is one. Times are wall-clock medians; peak memory
is the largest process's maximum RSS (from `/usr/bin/time -v`, else getrusage in a wrapper
process) and, sampled from /proc every 20 ms, the whole process tree's RSS (worker pools count).
After each kind of incremental build the output folder is compared byte for byte with a clean
build of the same inputs. The preview edit (bench/preview.py) runs each tool's preview server
(`build.py serve`, `hugo server`, `pelican --autoreload --listen`), saves one article's Markdown
as an editor does, and times until a GET of its URL returns the edit. A benchmark measures; it
never asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)
import preview  # noqa: E402
from procs import TreeSampler  # noqa: E402

PEERS = BENCH / "peers"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "CI": "1"}
GNU_TIME = Path("/usr/bin/time")
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "status = subprocess.call(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'Maximum resident set size (kbytes): {peak}', file=sys.stderr)\n"
    "sys.exit(status)\n"
)


class BenchError(Exception):
    """A build under measurement failed; the message holds its output."""


@dataclass
class Sample:
    """One measured run of a command."""

    seconds: float
    """Wall-clock time, process start to exit."""
    peak_mb: float
    """Maximum RSS of the largest single process, in MB."""
    tree_mb: float
    """Largest sampled sum of RSS over the process and its descendants, in MB."""
    cpu_seconds: float = float("nan")
    """User plus system CPU time of the process and its children: steadier than wall time
    on a busy machine."""


@dataclass
class Scenario:
    """Several runs of one kind of build, and whether its output matched a clean build."""

    name: str
    samples: list[Sample] = field(default_factory=list)
    check: str = "-"
    """'ok', a description of the mismatches, or '-' when not checked."""

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples) if self.samples else float("nan")

    @property
    def cpu_median(self) -> float:
        return (
            statistics.median(s.cpu_seconds for s in self.samples) if self.samples else float("nan")
        )

    @property
    def peak_mb(self) -> float:
        return max((s.peak_mb for s in self.samples), default=float("nan"))

    @property
    def tree_mb(self) -> float:
        return max((s.tree_mb for s in self.samples), default=float("nan"))


# --- measuring one process ----------------------------------------------------------------


def measure(command: Sequence[str | Path]) -> Sample:
    """Run a command to its end; its wall time and peak memory. Raise BenchError on failure."""
    argv = [str(part) for part in command]
    if GNU_TIME.exists():
        argv = [str(GNU_TIME), "-v", *argv]
    else:
        argv = [sys.executable, "-c", RSS_WRAPPER, *argv]
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, text=True
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if process.returncode != 0:
        raise BenchError(
            f"{' '.join(argv)} exited {process.returncode}:\n{out[-2000:]}{err[-3000:]}"
        )
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    peak = int(match.group(1)) / 1024 if match else float("nan")
    return Sample(seconds, peak, sampler.peak_kb / 1024, _cpu_seconds(err))


def _cpu_seconds(report: str) -> float:
    """User plus system time from `/usr/bin/time -v` output; NaN without it."""
    times = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", report)
    return sum(float(t) for t in times) if len(times) == 2 else float("nan")


# --- our site -----------------------------------------------------------------------------


@dataclass
class Workspace:
    """The folders one benchmark run uses, all under one temporary root."""

    root: Path
    articles: list[corpus.GeneratedArticle]
    code: Path = REPO
    """The folder whose build.py and newsdigest/ are measured."""

    @property
    def template(self) -> Path:
        return self.root / "template"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def clean(self) -> Path:
        return self.root / "clean"


def newsdigest_build(work: Workspace, site: Path, *extra: str) -> list[str]:
    """The command that builds a site, as a person runs it."""
    build_py = str(work.code / "build.py")
    return [sys.executable, build_py, "build", "--site", str(site), "--quiet", *extra]


def resolve_rev(rev: str) -> str:
    """The full commit id a revision names now, so the code measured and reported agree."""
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def export_code(rev: str, folder: Path) -> Path:
    """A copy of build.py and newsdigest/ at a commit, unaffected by edits in progress."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "build.py", "newsdigest"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def prepare_template(work: Workspace) -> None:
    """A fresh site folder (`build.py init`) holding the corpus as seeds."""
    subprocess.run(
        [sys.executable, str(work.code / "build.py"), "init", str(work.template)],
        check=True,
        env=ENV,
        stdout=subprocess.DEVNULL,
    )
    (work.template / "seeds" / "welcome.txt").unlink(missing_ok=True)  # init's sample story
    corpus.write_corpus(work.articles, work.template / "seeds")


def fresh_site(template: Path, site: Path) -> None:
    """Replace site with a copy of the template: no content pages, no cache, no output."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(template, site)


def measure_ours(work: Workspace, repeat: int, check: bool, layout: str) -> list[Scenario]:
    """Cold, nothing changed, and each kind of incremental build, with output checks."""
    cold = Scenario("cold build (no cache, no output, ingest included)")
    for _ in range(repeat):
        fresh_site(work.template, work.site)
        cold.samples.append(measure(newsdigest_build(work, work.site)))
    steps: list[tuple[str, Callable[[int], None]]] = [
        ("nothing changed", lambda r: None),
        ("one article edited (seed)", lambda r: edit_seed(work, r)),
        ("one article added (seed)", lambda r: add_seed(work, r)),
        ("one article deleted (seed)", lambda r: delete_seed(work, r)),
        (f"one layout changed ({layout})", lambda r: touch_layout(work.site, layout, r)),
    ]
    scenarios = [cold]
    for name, change in steps:
        scenario = Scenario(name)
        for r in range(repeat):
            change(r)
            scenario.samples.append(measure(newsdigest_build(work, work.site)))
        scenario.check = compare_with_clean(work) if check else "-"
        scenarios.append(scenario)
        print(f"  {name}: {scenario.median:.2f} s, check {scenario.check}", file=sys.stderr)
    return scenarios


def _seed_path(work: Workspace, index: int) -> Path:
    return work.site / "seeds" / f"{work.articles[index].file_stem}.txt"


def edit_seed(work: Workspace, r: int) -> None:
    """Add a paragraph to one article in the middle of the corpus, a different one each time."""
    path = _seed_path(work, len(work.articles) // 2 + 7 * r)
    text = path.read_text(encoding="utf-8")
    update = f"Update {r + 1}: officials confirmed the figures on Monday.\n\n## Original url:"
    path.write_text(text.replace("## Original url:", update, 1), encoding="utf-8")


def add_seed(work: Workspace, r: int) -> None:
    """A new article, newer than every other, as each day's news arrives."""
    generator = corpus.CorpusGenerator()
    newest = work.articles[-1].date
    article = generator.extra(len(work.articles), r, newest)
    corpus.write_corpus([article], work.site / "seeds")


def delete_seed(work: Workspace, r: int) -> None:
    """Remove one seed a third of the way into the corpus."""
    _seed_path(work, len(work.articles) // 3 + 5 * r).unlink()


def touch_layout(site: Path, layout: str, r: int) -> None:
    """Change one layout so that every page using it changes: a comment inside its main block."""
    path = site / "layouts" / layout
    text = path.read_text(encoding="utf-8")
    mark = "{% block main %}"
    change = f"<!-- bench change {r + 1} -->"
    text = text.replace(mark, mark + change, 1) if mark in text else text + change + "\n"
    path.write_text(text, encoding="utf-8")


def compare_with_clean(work: Workspace) -> str:
    """Build the same inputs from scratch and compare every output byte; 'ok' or what differs."""
    shutil.rmtree(work.clean, ignore_errors=True)
    generated = {"public", ".cache", "articles", ".ingest.json"}
    shutil.copytree(work.site, work.clean, ignore=lambda d, names: generated & set(names))
    measure(newsdigest_build(work, work.clean))
    differing = differences(work.site / "public", work.clean / "public")
    if not differing:
        return "ok"
    return f"{len(differing)} files differ: {', '.join(differing[:3])}"


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that are in one folder only, or whose bytes differ."""
    left_files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    odd = left_files ^ right_files
    changed = {
        name
        for name in left_files & right_files
        if (left / name).read_bytes() != (right / name).read_bytes()
    }
    return sorted(odd | changed)


# --- the preview --------------------------------------------------------------------------

PREVIEW_NAME = "preview edit (serve running, one Markdown page)"


def preview_indices(count: int, repeat: int) -> list[int]:
    """The articles the preview edits: a different one each repeat, the same for every tool."""
    return [(count // 2 + 3 + 11 * r) % count for r in range(repeat)]


def newsdigest_serve(work: Workspace, site: Path, port: int = 0) -> preview.Tool:
    """`build.py serve` on a site folder, as a person runs it, and the lines it prints."""
    build_py = str(work.code / "build.py")
    command = [sys.executable, build_py, "serve", "--site", str(site), "--port", str(port)]
    return preview.Tool(
        "newsdigest",
        [*command, "--quiet"],
        ready=re.compile(r"^Serving (?P<out>.+) at (?P<origin>https?://\S+)"),
        rebuilt=re.compile(r"\d+ written; \d+ unchanged; \d+ removed"),
    )


def measure_our_preview(
    work: Workspace, repeat: int, timing: tuple[float, float], check: bool
) -> tuple[Scenario, preview.PreviewRun]:
    """The preview edit on a fresh copy of the site; then its output against a clean preview
    build of the same inputs."""
    site = work.root / "preview"
    fresh_site(work.template, site)
    count = len(work.articles)
    seeds = [f"{work.articles[i].file_stem}.txt" for i in preview_indices(count, repeat)]

    def locate(ready: re.Match[str]) -> list[preview.Edit]:
        return preview.newsdigest_edits(site, Path(ready.group("out")), seeds)

    print("  preview edit: newsdigest", file=sys.stderr)
    run = preview.measure_preview(newsdigest_serve(work, site), locate, ENV, timing)
    scenario = preview_scenario(PREVIEW_NAME, run)
    if check and run.seconds:
        scenario.check = compare_preview_with_clean(work, site, run.origin)
    scenario.check = _with_failures(run, scenario.check)
    print(f"  {PREVIEW_NAME}: {_fmt(scenario.median)}, check {scenario.check}", file=sys.stderr)
    return scenario, run


def preview_scenario(name: str, run: preview.PreviewRun) -> Scenario:
    """A preview run as a scenario: one sample per edit shown, with the server's memory."""
    timed = zip(run.seconds, run.cpu_seconds, strict=True)
    return Scenario(name, [Sample(s, run.peak_mb, run.tree_mb, cpu) for s, cpu in timed])


def _with_failures(run: preview.PreviewRun, check: str) -> str:
    """The check, preceded by how many edits failed and the first failure's first line."""
    if not run.failures:
        return check
    total = len(run.seconds) + len(run.failures)
    first = run.failures[0].splitlines()[0]
    return f"{len(run.failures)} of {total} failed ({first}); {check}"


def compare_preview_with_clean(work: Workspace, site: Path, origin: str) -> str:
    """Serve a copy of the edited site without .cache/ on the same port, so that it builds from
    scratch with the same links; compare both preview folders. 'ok' or what differs."""
    clean = work.root / "preview-clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(site, clean, ignore=lambda d, names: {".cache"} & set(names))
    port = urlsplit(origin).port or 0
    failed = preview.serve_once(newsdigest_serve(work, clean, port), ENV)
    if failed:
        return f"clean preview build failed: {failed.splitlines()[0]}"
    out = Path(".cache") / "preview"
    differing = differences(site / out, clean / out)
    return "ok" if not differing else f"{len(differing)} files differ: {', '.join(differing[:3])}"


def stage_profile(work: Workspace) -> dict[str, float]:
    """One cold build with --profile: the seconds each stage took."""
    fresh_site(work.template, work.site)
    result = subprocess.run(
        newsdigest_build(work, work.site, "--profile"), env=ENV, capture_output=True, text=True
    )
    stages = re.findall(r"^\s+(\w+)\s+([\d.]+) ms$", result.stderr, re.MULTILINE)
    return {name: float(ms) / 1000 for name, ms in stages}


def cprofile_cold(work: Workspace, keep: Path | None) -> tuple[str, str]:
    """One cold build under cProfile: own time by library, and the top functions, as text."""
    fresh_site(work.template, work.site)
    stats_file = keep or work.root / "cold.pstats"
    command = newsdigest_build(work, work.site)
    command[1:1] = ["-m", "cProfile", "-o", str(stats_file)]
    subprocess.run(command, env=ENV, check=True, capture_output=True)
    stats = pstats.Stats(str(stats_file), stream=StringIO())
    return by_library(stats, [work.code, work.site]), top_functions(stats, [work.code, work.site])


def top_functions(stats: pstats.Stats, roots: list[Path], limit: int = 25) -> str:
    """The functions with the most own time, as pstats prints them, paths shortened."""
    text = StringIO()
    stats.stream = text  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(limit)
    return _trim_pstats(text.getvalue(), roots)


def by_library(stats: pstats.Stats, roots: list[Path]) -> str:
    """Own time summed by module (ours) or library (theirs), as a Markdown table."""
    totals: dict[str, float] = {}
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _, function), (_, _, own, _, _) in raw.items():
        label = _library(filename, function, roots)
        totals[label] = totals.get(label, 0.0) + own
    whole = sum(totals.values()) or 1.0
    rows = ["| where (own time) | seconds | share |", "|---|---|---|"]
    for label, own in sorted(totals.items(), key=lambda item: -item[1])[:15]:
        rows.append(f"| {label} | {own:.2f} | {100 * own / whole:.0f}% |")
    return "\n".join(rows)


def _library(filename: str, function: str, roots: list[Path]) -> str:
    """A short name for where a function lives: our module, a library, or a builtin."""
    if filename == "~":
        method = re.match(r"<method '(\w+)' of '([\w.]+)' objects>", function)
        if method:
            return f"{method.group(2)}.{method.group(1)} (C)"
        return f"{function.removeprefix('<built-in method ').strip('<>')} (C)"
    if filename.startswith("<frozen "):
        return filename.strip("<>").removeprefix("frozen ").split(".")[0]
    library = re.search(r"site-packages/([^/]+)", filename)
    if library:
        return library.group(1).removesuffix(".py")
    for root in roots:
        if filename.startswith(f"{root}/"):
            relative = filename[len(str(root)) + 1 :]
            return "templates (layouts/)" if relative.startswith("layouts/") else relative
    match = re.search(r"python3\.\d+/([^/]+?)(?:\.py)?(?:/|$)", filename)
    return match.group(1) if match else filename


def _trim_pstats(text: str, roots: list[Path]) -> str:
    """Drop pstats' preamble and shorten absolute paths so the listing fits a page."""
    body = text[text.find("   ncalls") :] if "   ncalls" in text else text
    body = re.sub(r"/\S*/(site-packages|lib/python3\.\d+)/", "", body)
    for root in roots:
        body = body.replace(f"{root}/", "")
    return body.rstrip()


# --- peers --------------------------------------------------------------------------------


@dataclass
class Peer:
    """A peer generator: how to build and serve its site, and where the edits go."""

    name: str
    version: str
    build: list[str]
    output: Path
    pages: list[Path]
    """Its Markdown page of each article of the corpus, in the corpus's order."""
    serves: list[preview.Tool] = field(default_factory=list)
    """Its preview servers, the one a person runs by default first."""
    scenarios: list[Scenario] = field(default_factory=list)
    preview_runs: list[preview.PreviewRun] = field(default_factory=list)

    @property
    def edit_file(self) -> Path:
        """The page the one-article edit of fresh-process builds goes to."""
        return self.pages[len(self.pages) // 2]

    @property
    def preview(self) -> Scenario | None:
        """The default server's preview edit, as a scenario; None when not measured."""
        if not self.preview_runs:
            return None
        return preview_scenario("preview edit", self.preview_runs[0])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, for servers that need one named."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def find_hugo(work: Workspace) -> Peer | None:
    """Hugo on PATH, with the minimal site of bench/peers/hugo fed the corpus."""
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    site = work.root / "hugo"
    shutil.copytree(PEERS / "hugo", site)
    paths = corpus.write_corpus(work.articles, site / "content" / "posts", "hugo")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
    out = work.root / "hugo-public"
    build = [hugo, "--quiet", "--source", str(site), "--destination", str(out)]
    peer = Peer("Hugo", version[1] if len(version) > 1 else "?", build, out, paths)
    peer.serves = [hugo_server(hugo, site, "Hugo"), hugo_server(hugo, site, "Hugo", full=True)]
    return peer


def hugo_server(hugo: str, site: Path, name: str, full: bool = False) -> preview.Tool:
    """`hugo server` as its docs start it: pages rendered to memory, Fast Render Mode (on a
    change, re-render the pages browsers have open; others when asked for). `full` adds
    --disableFastRender: every page re-rendered on each change."""
    port = free_port()
    command = [hugo, "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1"]
    return preview.Tool(
        f"{name} (--disableFastRender)" if full else name,
        [*command, "--disableFastRender"] if full else command,
        ready=re.compile(r"Web Server is available at"),
        rebuilt=re.compile(r"^Total in \d+ ms"),
        origin=f"http://127.0.0.1:{port}",
    )


def find_pelican(work: Workspace) -> Peer | None:
    """Pelican from bench/.venv or PATH, with the minimal site of bench/peers/pelican."""
    local = BENCH / ".venv" / "bin" / "pelican"
    pelican = str(local) if local.exists() else shutil.which("pelican")
    if not pelican:
        return None
    content = work.root / "pelican-content"
    paths = corpus.write_corpus(work.articles, content, "pelican")
    version = subprocess.run([pelican, "--version"], capture_output=True, text=True).stdout
    out = work.root / "pelican-public"
    conf = PEERS / "pelican" / "pelicanconf.py"
    build = [pelican, str(content), "-s", str(conf), "-o", str(out), "-q"]
    peer = Peer("Pelican", version.strip() or "?", build, out, paths)
    port = free_port()
    serve = [pelican, str(content), "-s", str(conf), "-o", str(work.root / "pelican-preview")]
    done = re.compile(r"Done: Processed")  # after the first build, and after each rebuild
    peer.serves = [
        preview.Tool(
            "Pelican",
            [*serve, "--autoreload", "--listen", "--port", str(port), "--bind", "127.0.0.1"],
            ready=done,
            rebuilt=done,
            origin=f"http://127.0.0.1:{port}",
        )
    ]
    return peer


def measure_peer(peer: Peer, repeat: int) -> None:
    """Cold, nothing changed, and one edit, each in a fresh process."""
    cold, same, edit = Scenario("cold"), Scenario("nothing changed"), Scenario("one edit")
    for _ in range(repeat):
        shutil.rmtree(peer.output, ignore_errors=True)
        cold.samples.append(measure(peer.build))
    for _ in range(repeat):
        same.samples.append(measure(peer.build))
    for r in range(repeat):
        with peer.edit_file.open("a", encoding="utf-8") as file:
            file.write(f"\nUpdate {r + 1}: officials confirmed the figures on Monday.\n")
        edit.samples.append(measure(peer.build))
    peer.scenarios = [cold, same, edit]


def measure_peer_previews(
    peer: Peer, work: Workspace, repeat: int, timing: tuple[float, float]
) -> None:
    """The preview edit with each of the peer's servers, on the articles ours edits."""

    def locate(ready: re.Match[str]) -> list[preview.Edit]:
        return peer_edits(work, peer.pages, repeat)

    for tool in peer.serves:
        print(f"  preview edit: {tool.name}", file=sys.stderr)
        run = preview.measure_preview(tool, locate, ENV, timing)
        peer.preview_runs.append(run)
        shown = _fmt(statistics.median(run.seconds)) if run.seconds else "-"
        print(f"  {tool.name} preview edit: {shown}, {len(run.failures)} failed", file=sys.stderr)


def peer_edits(work: Workspace, pages: list[Path], repeat: int) -> list[preview.Edit]:
    """The articles ours edits, in a peer's content, at /YYYY/MM/DD/slug/: the corpus's dates
    are in Moscow time, like both peers' sites."""
    edits = []
    for index in preview_indices(len(work.articles), repeat):
        date = f"{work.articles[index].date:%Y/%m/%d}"
        edits.append(preview.Edit(pages[index], preview.dated_url(date, pages[index])))
    return edits


# --- reporting ----------------------------------------------------------------------------


def machine(rev: str | None) -> dict[str, str]:
    """What the numbers were measured on, and which code."""
    model = "?"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", rev or "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "newsdigest", "build.py"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    code = commit if rev else f"{commit}{' + uncommitted changes' if dirty else ''} (working tree)"
    return {
        "cores": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "code": code,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, to show whether the machine was busy."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _fmt(seconds: float) -> str:
    """Seconds as a person reads them: '812 ms', '3.41 s'; '-' when not measured."""
    if seconds != seconds:  # NaN: nothing measured
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(megabytes: float) -> str:
    return "-" if megabytes != megabytes else f"{megabytes:.0f} MB"


def _spread(scenario: Scenario) -> str:
    times = [s.seconds for s in scenario.samples]
    return f"{_fmt(min(times))} – {_fmt(max(times))}" if len(times) > 1 else ""


def ours_table(scenarios: list[Scenario]) -> str:
    """Our builds: median time, spread, peak memory, output check."""
    rows = [
        "| newsdigest build | median | min – max | CPU (user+sys) | peak RSS, largest process | peak RSS, process tree | output = clean build |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scenarios:
        rows.append(
            f"| {s.name} | {_fmt(s.median)} | {_spread(s)} | {_fmt(s.cpu_median)} | {_mb(s.peak_mb)} "
            f"| {_mb(s.tree_mb)} | {s.check} |"
        )
    return "\n".join(rows)


def _columns(ours: list[Scenario]) -> tuple[list[Scenario | None], list[str]]:
    """Our scenarios compared with the peers', and their column names: cold, nothing changed,
    one edit, and the preview edit when it was measured."""
    preview_edit = next((s for s in ours if s.name == PREVIEW_NAME), None)
    names = ["cold build", "nothing changed", "one article edited (fresh process)"]
    mine: list[Scenario | None] = [ours[0], ours[1], ours[2]]
    if preview_edit is not None:
        mine.append(preview_edit)
        names.append("one article edited (preview server running)")
    return mine, names


def _peer_columns(peer: Peer, width: int) -> list[Scenario | None]:
    """A peer's scenarios in the columns' order; None where it has no such measurement."""
    return [*peer.scenarios, peer.preview][:width]


def peers_table(ours: list[Scenario], peers: list[Peer]) -> str:
    """Each kind of build and peak memory for us and each peer, with our ratio; then CPU."""
    mine, names = _columns(ours)
    rows = [f"| tool | {' | '.join(names)} | peak memory (tree, builds) |"]
    rows.append("|---" * (len(names) + 2) + "|")
    rows.append(_peer_row("newsdigest", mine))
    for peer in peers:
        rows.append(_peer_row(f"{peer.name} {peer.version}", _peer_columns(peer, len(mine))))
    for peer in peers:
        theirs = _peer_columns(peer, len(mine))
        ratios = [_ratio(m, p) for m, p in zip(mine, theirs, strict=True)]
        ours_mb = max(s.tree_mb for s in mine[:3] if s)
        memory = f"{ours_mb / max(s.tree_mb for s in peer.scenarios):.2f}×"
        rows.append(f"| newsdigest ÷ {peer.name} | {' | '.join(ratios)} | {memory} |")
    rows += ["", "CPU time (user+sys), median, the steadier figure on a shared machine:", ""]
    rows += [f"| tool | {' | '.join(names)} |", "|---" * (len(names) + 1) + "|"]
    rows.append(f"| newsdigest | {' | '.join(_cpu(s) for s in mine)} |")
    for peer in peers:
        cpu = " | ".join(_cpu(s) for s in _peer_columns(peer, len(mine)))
        rows.append(f"| {peer.name} {peer.version} | {cpu} |")
    return "\n".join(rows)


def _ratio(mine: Scenario | None, theirs: Scenario | None) -> str:
    """Our median over theirs, '-' when either is missing."""
    if mine is None or theirs is None or not mine.samples or not theirs.samples:
        return "-"
    return f"{mine.median / theirs.median:.2f}×" if theirs.median else "?"


def _cpu(scenario: Scenario | None) -> str:
    return _fmt(scenario.cpu_median) if scenario else "-"


def _peer_row(name: str, scenarios: list[Scenario | None]) -> str:
    """One tool's medians, and its peak memory over the fresh-process builds."""
    memory = max(s.tree_mb for s in scenarios[:3] if s)
    medians = " | ".join(_fmt(s.median) if s else "-" for s in scenarios)
    return f"| {name} | {medians} | {memory:.0f} MB |"


PREVIEW_NOTE = """\
*Preview edit, how it is measured.* Each tool's preview server runs on its own copy of the site:
`build.py serve --site DIR --port 0 --quiet` (it builds into `DIR/.cache/preview` and serves it
with live reload); `hugo server --source DIR --port N --bind 127.0.0.1` with Hugo's defaults
(pages rendered to memory, Fast Render Mode: on a change it re-renders the pages a browser has
open, others when they are asked for), and again with `--disableFastRender` (the whole site
re-rendered on each change); Pelican's `--autoreload --listen` (the whole site regenerated on
each change). *Server start* runs from the command's start until it says it serves the built
site. Once the server is idle (for {idle} nothing printed and under {share} of a core used), one
article's Markdown page is saved as an editor saves it (a temporary file, then a rename over the
page) with one added paragraph holding a word found nowhere else: a different article each
repeat, the same articles for every tool, each page fetched once before its edit as an open tab
has it. The time runs from the rename until a GET of the article's URL, repeated every {poll},
returns the new word; an edit not shown within {timeout} counts as failed and is left out of the
median. *CPU per edit* is the user+sys time of the server's processes from the rename until they
are idle again after the rebuild's summary line (answering the GETs included). Memory is sampled
over the server's whole life, its first build included. newsdigest's *output = clean build* for
the preview: after the last edit the server is stopped (SIGINT to its process group, as Ctrl-C),
a copy of the edited site without `.cache/` is served on the same port until its first build is
done and idle, and both preview folders are compared byte for byte. *Stopped, notes*: how each
server ended, whether any of its processes had to be killed, and anything else odd."""


def preview_table(runs: list[preview.PreviewRun], timing: tuple[float, float]) -> str:
    """Each preview server: start, edits, CPU, memory, failures and how it stopped; then how
    the preview edit is measured."""
    rows = [
        "| preview server | server start | edit shown, median | min – max | CPU per edit | peak RSS, largest process | peak RSS, process tree | failed | stopped, notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        shown = preview_scenario(run.name, run)
        failed = f"{len(run.failures)} of {len(run.failures) + len(run.seconds)}"
        rows.append(
            f"| {run.name} | {_fmt(run.start_seconds)} | {_fmt(shown.median)} | {_spread(shown)} "
            f"| {_fmt(shown.cpu_median)} | {_mb(run.peak_mb)} | {_mb(run.tree_mb)} | {failed} "
            f"| {'; '.join([run.stop, *run.notes])} |"
        )
    timeout, poll = timing
    note = PREVIEW_NOTE.format(
        poll=_fmt(poll),
        timeout=f"{timeout:g} s",
        idle=_fmt(preview.IDLE),
        share=f"{preview.IDLE_SHARE:.0%}",
    )
    return "\n".join(rows) + "\n\n" + note


def profile_table(stages: dict[str, float]) -> str:
    """The cold build's stages, with their share of the total."""
    total = sum(stages.values()) or 1.0
    rows = ["| stage | seconds | share |", "|---|---|---|"]
    rows += [f"| {name} | {sec:.2f} | {100 * sec / total:.0f}% |" for name, sec in stages.items()]
    rows.append(f"| total | {total:.2f} | |")
    return "\n".join(rows)


def report_markdown(result: dict[str, object], key: str, tables: list[str]) -> str:
    """One generated section of RESULTS.md: a corpus size's measurements or its profile."""
    info = result["machine"]
    assert isinstance(info, dict)
    what = "profile of a cold build" if key.endswith("-profile") else "measurements"
    lines = [
        f"### {result['articles']:,} articles: {what}",
        "",
        f"Measured {info['date']}, code {info['code']}, on {info['cores']} cores "
        f"({info['cpu']}), {info['system']}, Python {info['python']}; output on "
        f"{result['tmp_root']}; medians of {result['repeat']} fresh-process runs. Load average "
        f"before: {result['load_before']}, after: {result['load_after']}"
        f"{' (a shared machine: other work was running)' if result['shared'] else ''}.",
        "",
        "Command: `" + str(result["command"]) + "`",
    ]
    for table in tables:
        lines += ["", table]
    return "\n".join(lines)


def update_results(path: Path, key: str, section: str) -> None:
    """Replace (or append) one generated section of RESULTS.md, found by its markers."""
    begin, end = f"<!-- bench:{key}:begin -->", f"<!-- bench:{key}:end -->"
    block = f"{begin}\n{section}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


# --- main ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per measurement, the median reported (default 3)",
    )
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also measure Hugo and Pelican (builds and preview servers)",
    )
    parser.add_argument(
        "--peer-repeat",
        type=int,
        default=None,
        help="runs per peer measurement (default: --repeat)",
    )
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--profile", action="store_true", help="add --profile and cProfile runs")
    parser.add_argument(
        "--profile-only", action="store_true", help="only the two profiled cold builds"
    )
    parser.add_argument(
        "--no-check", action="store_true", help="skip the clean-build comparisons (preview too)"
    )
    parser.add_argument("--layout", default="article.html", help="the layout to change")
    parser.add_argument("--results-md", type=Path, help="update this RESULTS.md section")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--rev", help="measure this git revision (e.g. HEAD) instead of the working tree"
    )
    parser.add_argument(
        "--no-preview", action="store_true", help="skip the preview edit (servers running)"
    )
    parser.add_argument(
        "--preview-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="an edit not shown by a preview server within this long fails (default 120)",
    )
    parser.add_argument(
        "--poll",
        type=float,
        default=0.005,
        metavar="SECONDS",
        help="time between GETs while waiting for an edit to show (default 0.005)",
    )
    return parser.parse_args(argv)


def tmp_root() -> Path:
    """tmpfs when there is one, so the disk does not dominate the numbers."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the tables; write JSON and RESULTS.md when asked."""
    args = parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="newsdigest-bench-", dir=tmp_root()))
    load_before = load_average()
    try:
        if args.rev:
            args.rev = resolve_rev(args.rev)
        code = export_code(args.rev, root / "code") if args.rev else REPO
        result, sections = run(args, Workspace(root, corpus.generate(args.articles), code))
    except BenchError as err:
        print(f"bench: a build failed, nothing measured further:\n{err}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    result.update(load_before=load_before, load_after=load_average(), tmp_root=str(tmp_root()))
    result["shared"] = max(float(x) for x in [*load_before.split(), "0"]) > 0.3
    print("\n\n".join(table for tables in sections.values() for table in tables))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.results_md:
        for key, tables in sections.items():
            update_results(args.results_md, key, report_markdown(result, key, tables))
    return 0


def run(
    args: argparse.Namespace, work: Workspace
) -> tuple[dict[str, object], dict[str, list[str]]]:
    """Every measurement the arguments ask for: the JSON-ready result, and Markdown by section."""
    print(f"bench: {args.articles} articles in {work.root}", file=sys.stderr)
    prepare_template(work)
    result: dict[str, object] = {
        "articles": args.articles,
        "repeat": args.repeat,
        "command": " ".join(["python bench/run.py", *(sys.argv[1:] or [])]),
        "machine": machine(args.rev),
    }
    sections: dict[str, list[str]] = {}
    if not args.profile_only:
        sections[str(args.articles)] = run_builds(args, work, result)
    if args.profile or args.profile_only:
        keep = args.json.with_suffix(".pstats") if args.json else None
        sections[f"{args.articles}-profile"] = run_profile(work, result, keep)
    return result, sections


def run_builds(args: argparse.Namespace, work: Workspace, result: dict[str, object]) -> list[str]:
    """Our builds, our preview edit, and the peers' when asked: Markdown tables."""
    timing = (args.preview_timeout, args.poll)
    ours = measure_ours(work, args.repeat, not args.no_check, args.layout)
    runs: list[preview.PreviewRun] = []
    if not args.no_preview:
        scenario, ours_run = measure_our_preview(work, args.repeat, timing, not args.no_check)
        ours.append(scenario)
        runs.append(ours_run)
    result["newsdigest"] = [_scenario_json(s) for s in ours]
    tables = [ours_table(ours)]
    if args.peers:
        table, peers = run_peers(args, work, ours, result)
        tables.append(table)
        runs += [run for peer in peers for run in peer.preview_runs]
    if runs:
        result["preview"] = {run.name: asdict(run) for run in runs}
        tables.append(preview_table(runs, timing))
    return tables


def run_profile(work: Workspace, result: dict[str, object], keep: Path | None) -> list[str]:
    """Two more cold builds: one with --profile, one under cProfile; Markdown tables."""
    stages = stage_profile(work)
    libraries, functions = cprofile_cold(work, keep)
    result.update(profile=stages, cprofile_by_library=libraries, cprofile_top=functions)
    return [
        "Per-stage profile of one cold build (`build.py build --profile`):",
        profile_table(stages),
        "cProfile of one cold build, own time by module or library (cProfile slows"
        " Python code about twice, so read shares, not seconds; it sees the main process only,"
        " so time spent waiting for worker processes shows as `_thread.lock.acquire`):",
        libraries,
        "cProfile, top functions by own time:",
        "```\n" + functions + "\n```",
    ]


def _scenario_json(scenario: Scenario) -> dict[str, object]:
    """A scenario's samples and medians, for the JSON file."""
    return asdict(scenario) | {"median": scenario.median, "cpu_median": scenario.cpu_median}


def run_peers(
    args: argparse.Namespace, work: Workspace, ours: list[Scenario], result: dict[str, object]
) -> tuple[str, list[Peer]]:
    """Measure every installed peer; the comparison table, with a note for missing ones."""
    peers, missing = [], []
    repeat = args.peer_repeat or args.repeat
    for name, find in (("Hugo", find_hugo), ("Pelican", find_pelican)):
        peer = find(work)
        if peer is None:
            missing.append(name)
            continue
        print(f"  measuring {peer.name} {peer.version}", file=sys.stderr)
        measure_peer(peer, repeat)
        if not args.no_preview:
            measure_peer_previews(peer, work, repeat, (args.preview_timeout, args.poll))
        peers.append(peer)
    result["peers"] = {
        p.name: {
            "version": p.version,
            "scenarios": [_scenario_json(s) for s in p.scenarios],
        }
        for p in peers
    }
    note = (
        f"\n\nNot installed, skipped: {', '.join(missing)} (`make bench-peers`)." if missing else ""
    )
    return peers_table(ours, peers) + note, peers


if __name__ == "__main__":
    sys.exit(main())
