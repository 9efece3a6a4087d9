"""The live preview's HTTP server: a folder served like a static host, plus live reload.

Knows nothing about sites. It is handed the output folder, the path the site lives under and
a `rebuild` callable; after each rebuild it tells open pages, over Server-Sent Events, to
reload, to swap a stylesheet, or to show the build error in an overlay. Files on disk are never
changed: the reload script is added to HTML responses as they are sent.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import queue
import secrets
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any
from urllib.parse import unquote

PREFIX = "/__newsdigest/"
EVENTS_PATH = PREFIX + "events"
HEARTBEAT_SECONDS = 15.0  # a comment now and then finds clients that went away
LIVE_SCRIPT = (Path(__file__).parent / "live.js").read_text(encoding="utf-8")

TEXT_TYPES = MappingProxyType(
    {
        ".html": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".txt": "text/plain",
        ".xml": "application/xml",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".map": "application/json",
    }
)
"""Types of the text files a site holds, all sent with charset=utf-8."""
BINARY_TYPES = MappingProxyType(
    {".woff2": "font/woff2", ".woff": "font/woff", ".ico": "image/x-icon"}
)


class ServeError(Exception):
    """The server could not start; the message says why and what to do."""


@dataclass(frozen=True)
class RebuildResult:
    """What one rebuild did, as far as open pages care."""

    error: str = ""
    """Empty when the build worked; else what failed, naming file and line, for the overlay."""
    changed: tuple[str, ...] = ()
    """Output paths (relative to the output folder, with '/') written or removed."""
    base_path: str = ""
    """The URL path the site now lives under, such as '/news/'; empty keeps the current one."""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def css_only(self) -> bool:
        """True when only stylesheets changed, so pages can swap them without reloading."""
        return bool(self.changed) and all(p.endswith(".css") for p in self.changed)


Rebuild = Callable[[], RebuildResult]
"""Builds the site into the served folder; must not raise for a broken input."""


@dataclass(frozen=True)
class Resolution:
    """What a request path maps to."""

    status: int
    """200 with a file, 301/302 with a location, or 404."""
    file: Path | None = None
    """The file to send, inside the served folder."""
    location: str = ""
    """Where a redirect points."""


def resolve(root: Path, base_path: str, target: str) -> Resolution:
    """Map a raw request target to a file under root; anything that could leave root is 404."""
    raw, _, query = target.partition("?")
    raw = raw.partition("#")[0]
    decoded = _decode(raw)
    if decoded is None:
        return Resolution(404)
    if not decoded.startswith(base_path):
        if decoded == "/" or decoded + "/" == base_path:
            return Resolution(302, location=base_path)
        return Resolution(404)
    parts = decoded[len(base_path) :].split("/")
    if any(p in (".", "..") or p.startswith(".") for p in parts) or "" in parts[:-1]:
        return Resolution(404)
    found = _inside(root, root.joinpath(*parts))
    if found is not None and found.is_dir():
        if not raw.endswith("/"):
            return Resolution(301, location=raw + "/" + (f"?{query}" if query else ""))
        found = _inside(root, found / "index.html")
    elif raw.endswith("/"):
        return Resolution(404)  # a file asked for as a folder
    if found is None or not found.is_file():
        return Resolution(404)
    return Resolution(200, file=found)


def _decode(raw: str) -> str | None:
    """The percent-decoded path; None for anything a static host would not map to a file."""
    lowered = raw.lower()
    if not raw.startswith("/") or raw.startswith("//") or "\\" in raw:
        return None
    if any(code in lowered for code in ("%2f", "%5c", "%00")):
        return None  # an encoded separator or NUL only exists to sneak past checks
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in decoded or "\\" in decoded else decoded


def _inside(root: Path, path: Path) -> Path | None:
    """path with symlinks resolved, or None when it is missing or ends up outside root."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_relative_to(root.resolve()) else None


def content_type(path: Path) -> str:
    """The Content-Type header for a file, with charset=utf-8 for text."""
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    guessed = BINARY_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0]
    return guessed or "application/octet-stream"


class LiveReload:
    """The open pages' event streams, the current site version and the last build error."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: set[queue.Queue[str | None]] = set()
        self._token = secrets.token_hex(4)  # a restarted server has a new one: pages reload
        self._generation = 0
        self._error = ""

    @property
    def version(self) -> str:
        """Changes whenever the served files do; pages compare it with the one they were sent."""
        return f"{self._token}-{self._generation}"

    def subscribe(self) -> tuple[queue.Queue[str | None], str]:
        """A new client's queue and the hello event that tells it the current state."""
        inbox: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            self._clients.add(inbox)
            hello = event("hello", {"version": self.version, "error": self._error})
        return inbox, hello

    def unsubscribe(self, inbox: queue.Queue[str | None]) -> None:
        with self._lock:
            self._clients.discard(inbox)

    def publish(self, result: RebuildResult, base_path: str) -> None:
        """Tell every open page what the rebuild changed and whether it failed."""
        with self._lock:
            self._error = result.error
            messages = [event("status", {"error": result.error})]
            if result.changed:
                self._generation += 1
                paths = [base_path + p for p in result.changed]
                kind = "css" if result.css_only else "reload"
                messages.append(event(kind, {"version": self.version, "paths": paths}))
            for inbox in self._clients:
                for message in messages:
                    inbox.put(message)

    def close(self) -> None:
        """End every event stream, so no handler thread outlives the server."""
        with self._lock:
            for inbox in self._clients:
                inbox.put(None)


def event(name: str, data: dict[str, Any]) -> str:
    """One Server-Sent Event."""
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not hold up the exit
    request_queue_size = 512  # a page and its assets, a few tabs, a test's 200 at once
    preview: PreviewServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a tab mid-response is normal, not an error worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _V6Server(_Server):
    address_family = socket.AF_INET6


class PreviewServer:
    """Serves a folder under a base path with live reload; rebuild() runs the handed callable."""

    def __init__(
        self, root: Path, rebuild: Rebuild, host: str, port: int, base_path: str = "/"
    ) -> None:
        self.root = root
        self.base_path = base_path
        self.live = LiveReload()
        self._rebuild = rebuild
        self._lock = threading.Lock()
        self._server = _bind(host, port)
        self._server.preview = self
        bound = self._server.server_address
        self.port = int(bound[1])
        shown = f"[{host}]" if ":" in host else host
        self.origin = f"http://{shown}:{self.port}"
        """Scheme, host and port the preview is served on, for its links and feeds."""
        self.url = f"{self.origin}{base_path}"

    def rebuild(self) -> RebuildResult:
        """Run the rebuild (one at a time) and tell open pages what it changed."""
        with self._lock:
            try:
                result = self._rebuild()
            except Exception as err:  # a bug in the build must not end the preview
                traceback.print_exc()
                result = RebuildResult(error=f"the build crashed: {err!r}; see the terminal")
            if result.base_path:  # base_url in site.toml may have changed
                self.base_path = result.base_path
            self.live.publish(result, self.base_path)
        return result

    def serve_forever(self) -> None:
        """Handle requests until shutdown() or Ctrl-C."""
        self._server.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serve_forever from another thread."""
        self._server.shutdown()

    def close(self) -> None:
        """End event streams and release the port."""
        self.live.close()
        self._server.server_close()

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _bind(host: str, port: int) -> _Server:
    """Listen on host:port, or raise ServeError with a message a person can act on."""
    server_class = _V6Server if ":" in host else _Server
    try:
        return server_class((host, port), _Handler)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is in use; stop the other server, "
                "or pass --port 0 to pick a free port"
            ) from err
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD of files, redirects, 404.html, and the event stream."""

    server: _Server
    server_version = "newsdigest-preview"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for build results, not one line per request."""

    def _respond(self, body: bool) -> None:
        preview = self.server.preview
        if self.path.partition("?")[0] == EVENTS_PATH and body:
            self._stream_events(preview.live)
            return
        found = resolve(preview.root, preview.base_path, self.path)
        if found.status in (301, 302):
            self._send(found.status, b"", "text/plain; charset=utf-8", body, found.location)
        elif found.file is not None:
            self._send_file(200, found.file, body)
        else:
            self._send_not_found(preview, body)

    def _send_not_found(self, preview: PreviewServer, body: bool) -> None:
        page = _inside(preview.root, preview.root / "404.html")
        if page is not None and page.is_file():
            self._send_file(404, page, body)
        else:  # no site yet (the first build failed): a bare page that still shows the overlay
            bare = inject(NOT_FOUND, preview.live.version)
            self._send(404, bare, "text/html; charset=utf-8", body)

    def _send_file(self, status: int, path: Path, body: bool) -> None:
        try:
            data = path.read_bytes()
        except OSError:  # removed between resolving and reading: a rebuild is writing
            self._send(404, b"Not found\n", "text/plain; charset=utf-8", body)
            return
        kind = content_type(path)
        if kind.startswith("text/html"):
            data = inject(data, self.server.preview.live.version)
        self._send(status, data, kind, body)

    def _send(self, status: int, data: bytes, kind: str, body: bool, location: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _stream_events(self, live: LiveReload) -> None:
        """Hold the connection open and pass on every event until the client or server goes."""
        inbox, hello = live.subscribe()
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(f"retry: 500\n\n{hello}".encode())
            while True:
                try:
                    message = inbox.get(timeout=HEARTBEAT_SECONDS)
                except queue.Empty:
                    message = ": still here\n\n"
                if message is None:
                    return
                self.wfile.write(message.encode())
        except OSError:
            return  # the page was closed or reloaded
        finally:
            live.unsubscribe(inbox)


NOT_FOUND = b"<!doctype html>\n<title>Not found</title>\n<p>Not found.</p>\n"


def inject(html: bytes, version: str) -> bytes:
    """The page with the live reload script added before </body> (or at the end)."""
    script = f"<script>\n{LIVE_SCRIPT.replace('__VERSION__', version)}</script>\n".encode()
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]
