"""The preview server against what browsers, pages elsewhere and editors do (issue 13, item 11):
slow clients, DNS rebinding, a deleted preview folder, one save seen twice."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site
from livepreview import ServeProcess, running, served_output

from newsdigest.preview import server as server_module


def get_with_host(port: int, host: str | None, target: str = "/") -> int:
    """The status of a GET sent with the given Host header (None: no header, as HTTP/1.0)."""
    header = f"Host: {host}\r\n" if host is not None else ""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\n{header}\r\n".encode("latin-1"))
        head = sock.recv(200).decode("latin-1")
    return int(head.split()[1])


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("LOCALHOST:8000", 200),
        ("127.0.0.1:1234", 200),
        ("[::1]:8000", 200),
        ("preview.localhost", 200),
        (None, 200),
        ("attacker.example", 403),
        ("attacker.example:8000", 403),
        ("127.0.0.1.attacker.example", 403),
        ("", 403),
    ],
)
def test_only_local_host_names_are_answered(tmp_path: Path, host: str | None, status: int) -> None:
    with running(served_output(tmp_path)) as server:
        assert get_with_host(server.port, host) == status


def test_a_client_that_sends_nothing_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_module._Handler, "timeout", 0.5)
    with running(served_output(tmp_path)) as server:
        before = threading.active_count()
        idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(40)]
        try:
            time.sleep(0.3)
            assert threading.active_count() >= before + 30  # each holds a thread meanwhile
            for sock in idle:
                sock.settimeout(5)
                assert sock.recv(1) == b""  # closed by the server, not by us
            deadline = time.monotonic() + 5
            while threading.active_count() > before and time.monotonic() < deadline:
                time.sleep(0.05)
            assert threading.active_count() <= before
        finally:
            for sock in idle:
                sock.close()


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[ServeProcess]:
    site = make_site(tmp_path / "site", {REAL_SEED.name: REAL_SEED.read_bytes()})
    process = ServeProcess(site)
    try:
        yield process
    finally:
        process.stop()


def built_lines(process: ServeProcess, wait: float) -> list[str]:
    """The summary lines serve printed within `wait` seconds."""
    lines: list[str] = []
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = process.stdout.get(timeout=left)
        except queue.Empty:
            break
        if line.startswith("Built "):
            lines.append(line)
    return lines


def test_one_seed_saved_is_one_rebuild(serving: ServeProcess, tmp_path: Path) -> None:
    seed = tmp_path / "site" / "seeds" / REAL_SEED.name
    temporary = seed.with_name(".saving.tmp")
    temporary.write_text(seed.read_text(encoding="utf-8") + "\nOne more paragraph.\n", "utf-8")
    os.replace(temporary, seed)  # as editors save
    lines = built_lines(serving, 4.0)
    assert len(lines) == 1, "\n".join(lines)


def test_a_deleted_preview_folder_is_built_again_on_the_next_request(
    serving: ServeProcess, tmp_path: Path
) -> None:
    preview = tmp_path / "site" / ".cache" / "preview"
    assert (preview / "index.html").is_file()
    shutil.rmtree(preview)
    with socket.create_connection(("127.0.0.1", serving.port), timeout=30) as sock:
        sock.sendall(b"GET /about/ HTTP/1.0\r\nHost: localhost\r\n\r\n")
        head = sock.recv(200).decode("latin-1")
    assert head.split()[1] == "200"
    assert (preview / "index.html").is_file()
    assert (preview / "2025" / "03" / "14").is_dir()
