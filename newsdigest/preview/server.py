"""The live preview's HTTP server: a folder served like a static host, plus live reload.

Knows nothing about sites. It is handed the output folder, the path the site lives under and
a `rebuild` callable; after each rebuild it tells open pages, over Server-Sent Events, to
reload, to swap a stylesheet, or to show the build error in an overlay. Files on disk are never
changed: the reload script is added to HTML responses as they are sent.
"""

from __future__ import annotations

import errno
import json
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
from types import TracebackType
from typing import Any

from .files import content_type, inside, resolve

PREFIX = "/__newsdigest/"
EVENTS_PATH = PREFIX + "events"
HEARTBEAT_SECONDS = 15.0  # a comment now and then finds clients that went away
READ_TIMEOUT_SECONDS = 10.0
"""A client that sends no full request in this time is dropped: it holds a thread."""
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
"""Host header names always accepted; others only when they are the address bound."""
LIVE_SCRIPT = (Path(__file__).parent / "live.js").read_text(encoding="utf-8")


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
        self.host = host
        self._bound_names = frozenset({host.lower(), f"[{host.lower()}]"})
        bound = self._server.server_address
        self.port = int(bound[1])
        shown = f"[{host}]" if ":" in host else host
        self.origin = f"http://{shown}:{self.port}"
        """Scheme, host and port the preview is served on, for its links and feeds."""
        self.url = f"{self.origin}{base_path}"

    def accepts_host(self, header: str | None) -> bool:
        """Whether a request's Host header names this server: a web page elsewhere that
        rebinds its own name to 127.0.0.1 must not read a private preview. A server bound
        to every address (0.0.0.0, ::) was opened to the network on purpose."""
        if header is None or self.host in ("0.0.0.0", "::", ""):
            return header is None or bool(header)
        name = header.strip().lower()
        name = name.rpartition(":")[0] if name.rpartition(":")[2].isdigit() else name
        return name in LOCAL_NAMES or name.endswith(".localhost") or name in self._bound_names

    def ensure_built(self) -> None:
        """Rebuild when the served folder is gone (deleted by hand), before answering."""
        if not self.root.is_dir():
            with self._lock:
                missing = not self.root.is_dir()
            if missing:
                self.rebuild()

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
    timeout = READ_TIMEOUT_SECONDS

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for build results, not one line per request."""

    def _respond(self, body: bool) -> None:
        preview = self.server.preview
        if not preview.accepts_host(self.headers.get("Host")):
            message = b"This preview answers only to localhost and its own address.\n"
            self._send(403, message, "text/plain; charset=utf-8", body)
            return
        if self.path.partition("?")[0] == EVENTS_PATH and body:
            self._stream_events(preview.live)
            return
        preview.ensure_built()
        found = resolve(preview.root, preview.base_path, self.path)
        if found.status in (301, 302):
            self._send(found.status, b"", "text/plain; charset=utf-8", body, found.location)
        elif found.file is not None:
            self._send_file(200, found.file, body)
        else:
            self._send_not_found(preview, body)

    def _send_not_found(self, preview: PreviewServer, body: bool) -> None:
        page = inside(preview.root, preview.root / "404.html")
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
