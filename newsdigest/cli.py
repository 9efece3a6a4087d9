"""The command line: parse the arguments, call one command, turn failures into exit statuses."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from newsdigest import __version__, commands
from newsdigest.commands import BuildRequest, Terminated
from newsdigest.config import ConfigError
from newsdigest.console import Console
from newsdigest.pipeline.options import BuildError

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
failed or, with --strict, when any seed or page was skipped; 2 for bad arguments or settings;
130 when stopped by Ctrl-C and 143 by SIGTERM during a build, the site left as it was.
"""


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status."""
    parser = parser_of_commands()
    args, unknown = parser.parse_known_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    if unknown:  # the command's own usage, not the top level's
        args.usage_of.error(f"unrecognized arguments: {' '.join(unknown)}")
    console = Console(quiet=getattr(args, "quiet", False))
    previous = _on_sigterm(_terminate)
    try:
        return _dispatch(args, console)
    except ConfigError as err:
        console.error(str(err))
        return 2
    except BuildError as err:
        console.error(f"build failed, nothing written: {err}")
        return 1
    except Terminated as stop:
        console.note("")
        return stop.status
    except KeyboardInterrupt:
        console.note("")
        return 130
    finally:
        _on_sigterm(previous)


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends a command as Ctrl-C does, but for its exit status (see `Terminated`)."""
    raise Terminated


_SignalHandler = Callable[[int, FrameType | None], Any] | int | None


def _on_sigterm(handler: _SignalHandler) -> _SignalHandler:
    """Install a SIGTERM handler (in the main thread only, where Python runs them); the last."""
    if threading.current_thread() is not threading.main_thread():
        return handler
    return signal.signal(signal.SIGTERM, handler)


def _dispatch(args: argparse.Namespace, console: Console) -> int:
    """Call the command the arguments name."""
    if args.command == "build":
        return commands.build(args.site, _request(args), console)
    if args.command == "serve":
        return commands.serve(args.site, _request(args), args.host, args.port, console)
    if args.command == "ingest":
        return commands.ingest(args.site, args.strict, console)
    if args.command == "check":
        return commands.check(args.site, args.out, args.base_url, console)
    return commands.init(args.directory, console)


def _request(args: argparse.Namespace) -> BuildRequest:
    return BuildRequest(
        out=args.out,
        base_url=args.base_url,
        strict=args.strict,
        profile=args.profile,
        no_ingest=args.no_ingest,
        minify=args.minify,
        search=args.search,
        no_cache=args.no_cache,
    )


def parser_of_commands() -> argparse.ArgumentParser:
    """The whole command line, with a sub-command per command and `--help` for each."""
    parser = argparse.ArgumentParser(
        prog="newsdigest",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsdigest {__version__}")
    commands_ = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    build_cmd = commands_.add_parser("build", help="ingest seeds, then build the site into --out")
    _site_options(build_cmd)
    _build_options(build_cmd)
    ingest_cmd = commands_.add_parser(
        "ingest", help="turn seeds/*.txt into content/articles/*.md only"
    )
    _site_options(ingest_cmd)
    ingest_cmd.add_argument("--strict", action="store_true", help="exit 1 when any seed is refused")
    serve_cmd = commands_.add_parser(
        "serve", help="build, then serve the site locally and rebuild on change"
    )
    _site_options(serve_cmd)
    _build_options(serve_cmd, out="SITE/.cache/preview, apart from what build publishes")
    _serve_options(serve_cmd)
    init_cmd = commands_.add_parser(
        "init", help="create a new site folder with the default layouts and settings"
    )
    init_cmd.add_argument(
        "directory", type=Path, help="the folder to create (may exist; nothing is overwritten)"
    )
    _check_options(
        commands_.add_parser(
            "check",
            help="check a built site: links, pages, feeds and sitemap; exit 1 on any finding",
        )
    )
    for command in commands_.choices.values():
        command.set_defaults(usage_of=command)
    return parser


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--site", type=Path, default=Path("."), help="the site folder (default: the current folder)"
    )
    command.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors and the summary line"
    )


def _build_options(command: argparse.ArgumentParser, out: str = "SITE/public") -> None:
    command.add_argument("--out", type=Path, default=None, help=f"output folder (default: {out})")
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


def _serve_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: %(default)s; "
        "use 0.0.0.0 to let other machines connect)",
    )
    command.add_argument(
        "--port", type=_port, default=8000, help="port (default: %(default)s; 0 picks a free one)"
    )


def _port(text: str) -> int:
    """A TCP port number, 0 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; give a number from 0 to 65535")
    return port


def _check_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--site", type=Path, default=Path("."), help="the site folder (default: the current folder)"
    )
    command.add_argument(
        "--out", type=Path, default=None, help="the built site to check (default: SITE/public)"
    )
    command.add_argument(
        "--base-url", default=None, help="absolute URL the site was built for; overrides site.toml"
    )
