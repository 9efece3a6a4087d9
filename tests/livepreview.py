"""Helpers for the live preview tests: a server on a thread and raw requests to it, an event
stream reader, and `build.py serve` as a person runs it."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsdigest.preview.server import PreviewServer, Rebuild, RebuildResult

REPO = Path(__file__).resolve().parent.parent

SECRET = b"TOP SECRET, outside the output folder"


@dataclass(frozen=True)
class Reply:
    """One raw HTTP response."""

    status: int
    headers: dict[str, str]
    body: bytes


def raw_get(port: int, target: str, method: str = "GET") -> Reply:
    """Send the request target byte for byte, so nothing normalises '..' on the way."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"{method} {target} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return Reply(int(status_line.split()[1]), headers, body)


@contextmanager
def running(
    root: Path, rebuild: Rebuild | None = None, base_path: str = "/"
) -> Iterator[PreviewServer]:
    """A PreviewServer on a free port, serving on a thread until the block ends."""
    server = PreviewServer(root, rebuild or RebuildResult, "127.0.0.1", 0, base_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.close()
        thread.join(timeout=2)
        assert not thread.is_alive()


def served_output(tmp_path: Path) -> Path:
    """A small built site, with a secret next to it and symlinks that point out of it:
    the `public` fixture of the preview server's tests."""
    (tmp_path / "secret.txt").write_bytes(SECRET)
    root = tmp_path / "public"
    files = {
        "index.html": "<!doctype html><html><body><h1>Home</h1></body></html>",
        "404.html": "<!doctype html><html><body><h1>Page not found</h1></body></html>",
        "archive/index.html": "<!doctype html><html><body>Archive</body></html>",
        "static/style.css": "body { color: black }",
        "static/favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "static/app.js": "console.log(1)",
        "feed.xml": "<?xml version='1.0'?><rss/>",
        "atom.xml": "<?xml version='1.0'?><feed/>",
        "feed.json": "{}",
        "robots.txt": "User-agent: *",
        "logo.png": "not really a png",
        ".newsdigest-manifest.json": '{"files": []}',
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "link-out").symlink_to(tmp_path)
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (root / "inside.css").symlink_to(root / "static" / "style.css")
    return root


def save(path: Path, text: str) -> None:
    """Save a file as editors do: the whole text to a hidden file beside it, then renamed over
    it, so the watcher (and a rebuild it starts) never reads it half-written."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


class EventStream:
    """Reads the server's Server-Sent Events on a thread; next() waits for one by name."""

    def __init__(self, host: str, port: int, path: str = "/__newsdigest/events") -> None:
        self.events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self._connection = http.client.HTTPConnection(host, port, timeout=10)
        self._connection.request("GET", path)
        self.response = self._connection.getresponse()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        name, data = "message", ""
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif not line and data:
                    self.events.put((name, json.loads(data)))
                    name, data = "message", ""
        except (OSError, ValueError):
            return

    def next(self, name: str, timeout: float = 5.0) -> dict[str, Any]:
        """The data of the next event called `name`, skipping others; fails after timeout."""
        while True:
            try:
                kind, data = self.events.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {name!r} event within {timeout} s") from None
            if kind == name:
                return data

    def take(self, timeout: float = 5.0) -> tuple[str, dict[str, Any]]:
        """The next event of any kind, as (name, data); fails after timeout."""
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s") from None

    def close(self) -> None:
        self._connection.close()


class ServeProcess:
    """`python build.py serve --site SITE --port 0` in a subprocess, with its output read on threads."""

    def __init__(self, site: Path, *extra: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "CI": "1"}
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "build.py"),
                "serve",
                "--site",
                str(site),
                "--port",
                "0",
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=site,
            env=env,
        )
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        assert self.process.stdout and self.process.stderr
        threading.Thread(
            target=_pump, args=(self.process.stdout, self.stdout.put), daemon=True
        ).start()
        self._err = threading.Thread(
            target=_pump, args=(self.process.stderr, self.stderr.append), daemon=True
        )
        self._err.start()
        self.url = self.wait_for_line(r"at (http://\S+)").group(1)
        self.port = int(self.url.split(":")[2].split("/")[0])

    def wait_for_line(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        """The first stdout line matching pattern; fails after timeout."""
        while True:
            try:
                line = self.stdout.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(
                    f"serve printed no line like {pattern!r}; stderr: {self.stderr}"
                ) from None
            found = re.search(pattern, line)
            if found:
                return found

    def interrupt(self, timeout: float = 1.0) -> int:
        """Send SIGINT, as Ctrl-C does; the exit status, or fail if it takes longer than timeout."""
        self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=timeout)
        self._err.join(timeout=1)
        return status

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)


def _pump(stream: IO[bytes], put: Any) -> None:
    for raw in stream:
        put(raw.decode(errors="replace"))
