"""newsdigest.preview.server: live reload, the event stream and the error overlay's status."""

from __future__ import annotations

from pathlib import Path

import pytest
from livepreview import EventStream, raw_get, running, served_output

from newsdigest.preview.server import RebuildResult


@pytest.fixture
def public(tmp_path: Path) -> Path:
    """A small built site, with a secret next to it and symlinks that point out of it."""
    return served_output(tmp_path)


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
