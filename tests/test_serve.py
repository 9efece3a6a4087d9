"""The preview server on a free loopback port: a static host's answers, path safety, live reload."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import make_site
from livepreview import EventStream

from newsdigest.commands import BuildRequest, preview_rebuild
from newsdigest.config import load_config
from newsdigest.console import Console
from newsdigest.preview.server import PreviewServer, Rebuild, RebuildResult, ServeError
from newsdigest.preview.watch import Watcher

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


@pytest.fixture
def public(tmp_path: Path) -> Path:
    """A small built site, with a secret next to it and symlinks that point out of it."""
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


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/static/app.js", "text/javascript; charset=utf-8"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/atom.xml", "application/xml; charset=utf-8"),
        ("/feed.json", "application/json; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/logo.png", "image/png"),
    ],
)
def test_content_types(public: Path, path: str, expected: str) -> None:
    with running(public) as server:
        reply = raw_get(server.port, path)
    assert reply.status == 200
    assert reply.headers["content-type"] == expected
    assert reply.headers["cache-control"] == "no-store"
    assert int(reply.headers["content-length"]) == len(reply.body)


def test_folders_serve_index_and_redirect_without_the_slash(public: Path) -> None:
    with running(public) as server:
        plain = raw_get(server.port, "/archive")
        index = raw_get(server.port, "/archive/")
        query = raw_get(server.port, "/archive?page=2")
    assert plain.status == 301
    assert plain.headers["location"] == "/archive/"
    assert query.headers["location"] == "/archive/?page=2"
    assert index.status == 200
    assert b"Archive" in index.body


def test_unknown_paths_get_the_404_page_with_status_404(public: Path) -> None:
    with running(public) as server:
        missing = raw_get(server.port, "/no/such/page/")
        file_as_folder = raw_get(server.port, "/feed.xml/")
    assert missing.status == 404
    assert b"Page not found" in missing.body
    assert missing.headers["content-type"] == "text/html; charset=utf-8"
    assert file_as_folder.status == 404


def test_html_gets_the_reload_script_but_the_file_on_disk_stays_clean(public: Path) -> None:
    with running(public) as server:
        page = raw_get(server.port, "/")
        head = raw_get(server.port, "/", method="HEAD")
    assert b"/__newsdigest/events" in page.body
    assert page.body.index(b"<script>") < page.body.index(b"</body>")
    assert server.live.version.encode() in page.body
    assert b"__newsdigest" not in (public / "index.html").read_bytes()
    assert head.status == 200
    assert head.body == b""
    assert int(head.headers["content-length"]) == len(page.body)


def test_a_base_path_is_where_the_site_lives(public: Path) -> None:
    with running(public, base_path="/news/") as server:
        assert server.url.endswith("/news/")
        home = raw_get(server.port, "/news/")
        root = raw_get(server.port, "/")
        bare = raw_get(server.port, "/news")
        css = raw_get(server.port, "/news/static/style.css")
        outside = raw_get(server.port, "/static/style.css")
        lookalike = raw_get(server.port, "/newsroom/")
    assert home.status == 200
    assert b"Home" in home.body
    assert (root.status, root.headers["location"]) == (302, "/news/")
    assert (bare.status, bare.headers["location"]) == (302, "/news/")
    assert css.status == 200
    assert outside.status == 404
    assert lookalike.status == 404


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static%2F..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/static\\..\\..\\secret.txt",
        "//secret.txt",
        "/%2fsecret.txt",
        str(Path("/etc/passwd")),
        "http://localhost/../secret.txt",
        "/index.html%00.css",
        "/%00",
        "/link-out/secret.txt",
        "/escape.txt",
        "/.newsdigest-manifest.json",
        "/static/./style.css",
        "/%ff%fe",
    ],
)
def test_paths_outside_the_output_folder_get_404_and_nothing_else(
    public: Path, target: str
) -> None:
    with running(public) as server:
        reply = raw_get(server.port, target)
    assert reply.status == 404
    assert SECRET not in reply.body
    assert b"root:" not in reply.body


def test_a_symlink_that_stays_inside_is_served(public: Path) -> None:
    with running(public) as server:
        assert raw_get(server.port, "/inside.css").status == 200


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


class FakeBuild:
    """A rebuild that returns whatever the test sets next."""

    def __init__(self) -> None:
        self.result = RebuildResult()
        self.calls = 0

    def __call__(self) -> RebuildResult:
        self.calls += 1
        return self.result


def test_a_rebuild_tells_open_pages_to_reload(public: Path) -> None:
    build = FakeBuild()
    with running(public, build) as server:
        stream = EventStream("127.0.0.1", server.port)
        hello = stream.next("hello")
        build.result = RebuildResult(changed=("index.html", "feed.xml"))
        server.rebuild()
        assert stream.next("status") == {"error": ""}
        reload = stream.next("reload")
        stream.close()
    assert reload["version"] != hello["version"]
    assert reload["version"] == server.live.version


def test_a_css_only_change_swaps_stylesheets_by_their_url(public: Path) -> None:
    build = FakeBuild()
    with running(public, build, base_path="/news/") as server:
        stream = EventStream("127.0.0.1", server.port)
        build.result = RebuildResult(changed=("static/style.css",))
        server.rebuild()
        css = stream.next("css")
        stream.close()
    assert css["paths"] == ["/news/static/style.css"]


def test_a_failed_rebuild_is_reported_to_pages_open_now_and_later(public: Path) -> None:
    build = FakeBuild()
    with running(public, build) as server:
        early = EventStream("127.0.0.1", server.port)
        build.result = RebuildResult(error="layouts/base.html:3: unexpected '}'")
        server.rebuild()
        assert early.next("status")["error"].startswith("layouts/base.html:3")
        late = EventStream("127.0.0.1", server.port)
        assert late.next("hello")["error"].startswith("layouts/base.html:3")
        build.result = RebuildResult()
        server.rebuild()
        assert early.next("status") == {"error": ""}
        early.close()
        late.close()


# The real pipeline behind the server, wired the way `serve` wires it.


@contextmanager
def live_site(root: Path, base_url: str = "http://localhost:8000/") -> Iterator[PreviewServer]:
    """`serve` on a thread: the real rebuild, watcher and server over a site folder."""
    rebuild = preview_rebuild(root, BuildRequest(base_url=base_url), Console(quiet=True))
    config = load_config(root, base_url, preview=True)
    with (
        running(root / "public", rebuild, config.base_path) as server,
        Watcher(
            config.input_folders,
            [config.settings_file],
            lambda _changed: server.rebuild(),
            ignore=[root / "public"],
        ),
    ):
        server.rebuild()
        yield server


def test_a_broken_layout_keeps_the_last_good_site_and_names_file_and_line(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    layout = root / "layouts" / "base.html"
    good = layout.read_text()
    with live_site(root) as server:
        stream = EventStream("127.0.0.1", server.port)
        assert stream.next("hello")["error"] == ""
        layout.write_text(good.replace("<body", "{{ broken( }}\n<body", 1))
        broken_line = good[: good.index("<body")].count("\n") + 1
        error = stream.next("status")["error"]
        assert f"base.html:{broken_line}" in error
        still = raw_get(server.port, "/about/")
        assert still.status == 200
        assert b"</html>" in still.body
        layout.write_text(good)
        assert stream.next("status") == {"error": ""}
        stream.close()


def test_an_edited_page_is_rebuilt_and_pages_reload(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    with live_site(root, "https://example.org/news/") as server:
        stream = EventStream("127.0.0.1", server.port)
        about = root / "content" / "about.md"
        about.write_text(about.read_text() + "\nA freshly written sentence.\n")
        reload = stream.next("reload")
        page = raw_get(server.port, "/news/about/")
        stream.close()
    assert "/news/about/index.html" in reload["paths"]
    assert b"A freshly written sentence." in page.body


def test_editor_swap_files_cause_no_rebuild(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    with live_site(root) as server:
        stream = EventStream("127.0.0.1", server.port)
        stream.next("hello")
        (root / "content" / ".about.md.swp").write_bytes(b"vim swap")
        (root / "layouts" / "base.html~").write_text("backup")
        (root / "content" / "4913").write_text("")
        (root / "public" / "by-hand.html").write_text("written into the output folder")
        # Then a real edit: the first rebuild must be for it, not for the files above.
        (root / "static" / "style.css").write_text("body { color: teal }\n")
        first, second = stream.take(), stream.take()
        stream.close()
    assert first == ("status", {"error": ""})
    assert second[0] == "css"
    assert second[1]["paths"] == ["/static/style.css"]


def test_the_rebuild_closure_rereads_site_toml(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", settings='title = "First Title"\n')
    rebuild = preview_rebuild(root, BuildRequest(), Console(quiet=True))
    assert rebuild().ok
    (root / "site.toml").write_text('title = "Second Title"\n')
    assert rebuild().ok
    assert "Second Title" in (root / "public" / "index.html").read_text()
    (root / "site.toml").write_text('base_url = "https://example.org/digest/"\n')
    assert rebuild().base_path == "/digest/"
    (root / "site.toml").write_text("title = \n")
    failed = rebuild()
    assert not failed.ok
    assert "site.toml" in failed.error


def test_before_any_build_a_bare_404_still_carries_the_reload_script(tmp_path: Path) -> None:
    with running(tmp_path / "nothing-built-yet") as server:
        reply = raw_get(server.port, "/")
    assert reply.status == 404
    assert b"/__newsdigest/events" in reply.body


def test_a_crashing_build_is_reported_and_the_server_keeps_going(public: Path) -> None:
    def crash() -> RebuildResult:
        raise RuntimeError("a bug in the pipeline")

    with running(public, crash) as server:
        stream = EventStream("127.0.0.1", server.port)
        result = server.rebuild()
        assert "a bug in the pipeline" in stream.next("status")["error"]
        assert raw_get(server.port, "/").status == 200
        stream.close()
    assert not result.ok


def test_a_new_base_path_from_a_rebuild_moves_the_site(public: Path) -> None:
    build = FakeBuild()
    with running(public, build, base_path="/news/") as server:
        build.result = RebuildResult(changed=("index.html",), base_path="/digest/")
        stream = EventStream("127.0.0.1", server.port)
        server.rebuild()
        assert stream.next("reload")["paths"] == ["/digest/index.html"]
        stream.close()
        assert raw_get(server.port, "/digest/").status == 200
        assert raw_get(server.port, "/news/").status == 404
