"""Helpers for the live preview tests: an event stream reader and `build.py serve` as a person runs it."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent


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
