"""newsdigest.preview.server: starting on a free loopback port, ports in use, many clients."""

from __future__ import annotations

import http.client
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from livepreview import EventStream, running, served_output

from newsdigest.preview.server import PreviewServer, RebuildResult, ServeError


@pytest.fixture
def public(tmp_path: Path) -> Path:
    """A small built site, with a secret next to it and symlinks that point out of it."""
    return served_output(tmp_path)


def test_200_parallel_requests_while_event_streams_are_open(public: Path) -> None:
    paths = ["/", "/static/style.css", "/feed.xml", "/archive/", "/missing"] * 40

    def fetch(path: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    with running(public) as server:
        streams = [EventStream("127.0.0.1", server.port) for _ in range(3)]
        with ThreadPoolExecutor(max_workers=100) as pool:
            statuses = list(pool.map(fetch, paths))
        for stream in streams:
            stream.close()
    assert statuses == [404 if p == "/missing" else 200 for p in paths]


def test_a_port_in_use_is_a_clear_error(public: Path) -> None:
    with running(public) as server, pytest.raises(ServeError, match=r"in use.*--port 0"):
        PreviewServer(public, RebuildResult, "127.0.0.1", server.port)
