"""`python build.py serve` run the way a person runs it: start, edit, look, Ctrl-C."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site
from livepreview import REPO, EventStream, ServeProcess, save


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[ServeProcess]:
    site = make_site(
        tmp_path / "site",
        {REAL_SEED.name: REAL_SEED.read_bytes()},
        'base_url = "https://example.org/news/"\n',
    )
    process = ServeProcess(site)
    try:
        yield process
    finally:
        process.stop()


def test_serve_builds_serves_under_the_base_path_and_prints_the_url(serving: ServeProcess) -> None:
    assert serving.url.startswith("http://127.0.0.1:")
    assert serving.url.endswith("/news/")
    status, home = fetch(serving.url)
    assert status == 200
    assert "/__newsdigest/events" in home


def test_a_new_markdown_page_is_served_and_ctrl_c_stops_cleanly(
    serving: ServeProcess, tmp_path: Path
) -> None:
    stream = EventStream("127.0.0.1", serving.port)
    stream.next("hello")
    page = tmp_path / "site" / "content" / "contact.md"
    save(page, "---\ntitle: Contact\n---\nWrite to the desk at any hour.\n")
    assert "/news/contact/index.html" in stream.next("reload")["paths"]
    status, text = fetch(serving.url + "contact/")
    stream.close()
    assert status == 200
    assert "Write to the desk at any hour." in text

    started = time.monotonic()
    assert serving.interrupt(timeout=1.0) == 0
    assert time.monotonic() - started < 1.0
    errors = "".join(serving.stderr)
    assert "Traceback" not in errors


def test_ctrl_c_with_a_page_open_stops_within_a_second(serving: ServeProcess) -> None:
    stream = EventStream("127.0.0.1", serving.port)
    stream.next("hello")
    assert serving.interrupt(timeout=1.0) == 0
    assert "Traceback" not in "".join(serving.stderr)
    stream.close()


def test_a_port_in_use_is_one_line_on_stderr_and_status_2(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                str(REPO / "build.py"),
                "serve",
                "--site",
                str(site),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"newsdigest: error: port {port} on 127.0.0.1 is in use; stop the other server, "
        "or pass --port 0 to pick a free port"
    ]
    assert not (site / "public").exists()  # nothing built for a server that cannot start
