"""The command line: parse arguments, run a step, print problems and one summary line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .config import CONFIG_NAME, ConfigError, SiteConfig, load_config
from .ingest import IngestReport, ingest
from .model import Problem
from .output import copy_tree
from .pipeline import BuildError, BuildOptions, BuildReport, build

if TYPE_CHECKING:
    from .serve import RebuildResult

SKELETON = Path(__file__).parent / "skeleton"

DESCRIPTION = """\
newsdigest turns raw news articles (seeds/*.txt) into Markdown pages (content/),
then into a static HTML site with RSS and Atom feeds (public/).

A site folder holds seeds/, content/, layouts/, static/ and site.toml.
"""

EPILOG = """\
examples:
  newsdigest build                        ingest seeds/, build public/ from this folder
  newsdigest build --site ~/digest --base-url https://example.org/news/
  newsdigest ingest                       only turn seeds/ into content/articles/
  newsdigest serve                        build, serve on http://127.0.0.1:8000, rebuild on change
  newsdigest init my-digest               start a new site folder

exit status: 0 on success (skipped seeds are reported as warnings), 1 when the build
failed or, with --strict, when any seed or page was skipped; 2 for bad arguments or settings.
"""


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except ConfigError as err:
        _error(str(err))
        return 2
    except BuildError as err:
        _error(f"build failed, nothing written: {err}")
        return 1
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdigest",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsdigest {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    build_cmd = commands.add_parser("build", help="ingest seeds, then build the site into --out")
    _site_options(build_cmd)
    _build_options(build_cmd)
    build_cmd.set_defaults(run=run_build)

    ingest_cmd = commands.add_parser(
        "ingest", help="turn seeds/*.txt into content/articles/*.md only"
    )
    _site_options(ingest_cmd)
    ingest_cmd.add_argument("--strict", action="store_true", help="exit 1 when any seed is refused")
    ingest_cmd.set_defaults(run=run_ingest)

    serve_cmd = commands.add_parser(
        "serve", help="build, then serve the site locally and rebuild on change"
    )
    _site_options(serve_cmd)
    _build_options(serve_cmd)
    serve_cmd.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: %(default)s; "
        "use 0.0.0.0 to let other machines connect)",
    )
    serve_cmd.add_argument(
        "--port", type=int, default=8000, help="port (default: %(default)s; 0 picks a free one)"
    )
    serve_cmd.set_defaults(run=run_serve)

    init_cmd = commands.add_parser(
        "init", help="create a new site folder with the default layouts and settings"
    )
    init_cmd.add_argument(
        "directory", type=Path, help="the folder to create (may exist; nothing is overwritten)"
    )
    init_cmd.set_defaults(run=run_init)

    check_cmd = commands.add_parser(
        "check", help="check a built site: links, pages, feeds and sitemap; exit 1 on any finding"
    )
    check_cmd.add_argument(
        "--site", type=Path, default=Path("."), help="the site folder (default: the current folder)"
    )
    check_cmd.add_argument(
        "--out", type=Path, default=None, help="the built site to check (default: SITE/public)"
    )
    check_cmd.add_argument(
        "--base-url", default=None, help="absolute URL the site was built for; overrides site.toml"
    )
    check_cmd.set_defaults(run=run_check)
    return parser


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--site", type=Path, default=Path("."), help="the site folder (default: the current folder)"
    )
    command.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors and the summary line"
    )


def _build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--out", type=Path, default=None, help="output folder (default: SITE/public)"
    )
    command.add_argument(
        "--base-url", default=None, help="absolute URL the site is served from; overrides site.toml"
    )
    command.add_argument(
        "--strict", action="store_true", help="exit 1 when any seed or page is skipped"
    )
    command.add_argument(
        "--profile", action="store_true", help="print the time each build step took"
    )
    command.add_argument(
        "--no-ingest", action="store_true", help="build from content/ only, leave seeds/ alone"
    )
    command.add_argument(
        "--minify", action="store_true", help="minify the HTML pages (minify-html)"
    )
    command.add_argument(
        "--search",
        action="store_true",
        help="index the site with Pagefind and add a search page (pip install 'newsdigest[search]'); "
        "it re-reads every article, so use it for publishing builds",
    )
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and keep no build cache: parse and render everything",
    )


def run_build(args: argparse.Namespace) -> int:
    config = load_config(args.site, args.base_url)
    report = build(config, _options(args, config))
    _print_problems(report.problems, args.quiet)
    if args.profile:
        for stage, seconds in report.stage_seconds.items():
            print(f"  {stage:<10} {seconds * 1000:8.1f} ms", file=sys.stderr)
    print(summary_line(report, _out_dir(args, config)))
    return 1 if args.strict and report.errors else 0


def run_ingest(args: argparse.Namespace) -> int:
    config = load_config(args.site)
    report = ingest(config)
    _print_problems(report.problems, args.quiet)
    print(ingest_summary(report))
    return 1 if args.strict and report.refused else 0


def run_serve(args: argparse.Namespace) -> int:
    """Build, serve the output folder and rebuild on every change until Ctrl-C."""
    from .serve import PreviewServer, ServeError  # only the preview pays for watchdog and http
    from .watch import Watcher

    config = load_config(args.site, args.base_url)
    out_dir = _out_dir(args, config)
    try:
        server = PreviewServer(
            out_dir, _preview_rebuild(args), args.host, args.port, config.base_path
        )
    except ServeError as err:
        _error(str(err))
        return 2
    folders = [config.seeds_dir, config.content_dir, config.layouts_dir, config.static_dir]
    watcher = Watcher(folders, [config.root / CONFIG_NAME], server.rebuild, ignore=[out_dir])
    try:
        with server, watcher:
            server.rebuild()
            print(f"Serving {out_dir} at {server.url} (Ctrl-C to stop)", flush=True)
            if args.host not in ("127.0.0.1", "localhost", "::1"):
                print(
                    f"note: other machines can reach this preview on {args.host}", file=sys.stderr
                )
            server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    return 0


def _preview_rebuild(args: argparse.Namespace) -> Callable[[], RebuildResult]:
    """A rebuild for the preview: re-reads site.toml each time, and never raises for bad input."""

    from .serve import RebuildResult

    def rebuild() -> RebuildResult:
        try:
            config = load_config(args.site, args.base_url)
            report = build(config, _options(args, config))
        except (ConfigError, BuildError) as err:
            _error(f"rebuild failed, still serving the last good site: {err}")
            return RebuildResult(error=str(err))
        _print_problems(report.problems, args.quiet)
        print(summary_line(report, _out_dir(args, config)), flush=True)
        errors = "\n".join(str(problem) for problem in report.errors)
        changed = report.written.changed + report.written.removed
        return RebuildResult(errors, changed, config.base_path)

    return rebuild


def run_check(args: argparse.Namespace) -> int:
    """Print each finding on stderr and one summary line; 1 when anything was found."""
    from .check import check_site

    config = load_config(args.site, args.base_url)
    out_dir = _out_dir(args, config)
    report = check_site(out_dir, config, datetime.now(UTC))
    for finding in report.findings:
        print(f"{out_dir / finding.path}: {finding.problem}; {finding.fix}", file=sys.stderr)
    print(report.summary(out_dir))
    return 1 if report.findings else 0


def run_init(args: argparse.Namespace) -> int:
    target: Path = args.directory
    if target.exists() and not target.is_dir():
        _error(f"{target} exists and is not a folder; choose another name")
        return 2
    copy_tree(SKELETON, target)
    (target / "seeds").mkdir(exist_ok=True)
    (target / "content" / "articles").mkdir(parents=True, exist_ok=True)
    print(
        f"Created a site in {target}: put seeds in {target / 'seeds'}, then run "
        f"'newsdigest build --site {target}'"
    )
    return 0


def _out_dir(args: argparse.Namespace, config: SiteConfig) -> Path:
    return args.out if args.out is not None else config.root / "public"


def _options(args: argparse.Namespace, config: SiteConfig) -> BuildOptions:
    return BuildOptions(
        out_dir=_out_dir(args, config),
        fallback_date=source_date(),
        progress=None if args.quiet else ProgressBar.for_stream(sys.stderr),
        skip_ingest=args.no_ingest,
        minify=args.minify,
        search=getattr(args, "search", False),
        use_cache=not args.no_cache,
        hash_assets=args.command != "serve",  # the preview swaps a changed stylesheet in place
    )


def source_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the Unix epoch; never the clock."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (ValueError, OverflowError, OSError):
        return datetime(1970, 1, 1, tzinfo=UTC)


def summary_line(report: BuildReport, out_dir: Path) -> str:
    """One line that says what the build made and how long it took."""
    refused = len(report.ingest.refused) if report.ingest else 0
    skipped = len(report.errors)
    parts = [
        _count(report.articles, "article"),
        _count(report.pages, "page"),
        _count(report.feeds, "feed"),
    ]
    notes = [
        f"{report.written.written} written",
        f"{report.written.unchanged} unchanged",
        f"{len(report.written.removed)} removed",
    ]
    if skipped:
        notes.append(f"{_count(refused, 'seed')} refused, {skipped - refused} other inputs skipped")
    if report.warnings:
        notes.append(_count(len(report.warnings), "warning"))
    return f"Built {', '.join(parts)} in {report.seconds:.2f} s into {out_dir} ({'; '.join(notes)})"


def ingest_summary(report: IngestReport) -> str:
    warnings = sum(1 for p in report.problems if p.severity == "warning")
    return (
        f"Ingested {_count(report.seeds, 'seed')}: {len(report.written)} pages written, "
        f"{len(report.removed)} removed, {len(report.refused)} refused, {_count(warnings, 'warning')}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _print_problems(problems: tuple[Problem, ...], quiet: bool) -> None:
    for problem in problems:
        if problem.severity == "error" or not quiet:
            print(problem, file=sys.stderr)


def _error(message: str) -> None:
    print(f"newsdigest: error: {message}", file=sys.stderr)


class ProgressBar:
    """A one-line progress bar on a terminal; nothing at all in pipes and CI."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    @classmethod
    def for_stream(cls, stream: TextIO) -> ProgressBar | None:
        interactive = (
            stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        )
        return cls(stream) if interactive else None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < 200 and not self._shown:
            return  # small builds finish before a bar would help
        width = 30
        filled = width * done // max(total, 1)
        self._stream.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self._shown = True
        if done >= total:
            self._stream.write("\r\x1b[K")
        self._stream.flush()
