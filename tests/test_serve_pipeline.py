"""newsdigest.preview: the real rebuild and watcher behind the server, wired as `serve` wires them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import make_site
from livepreview import EventStream, raw_get, running, save

from newsdigest.commands import BuildRequest, preview_rebuild
from newsdigest.config import load_config
from newsdigest.console import Console
from newsdigest.preview.server import PreviewServer
from newsdigest.preview.watch import Watcher


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
        save(layout, good.replace("<body", "{{ broken( }}\n<body", 1))
        broken_line = good[: good.index("<body")].count("\n") + 1
        error = stream.next("status")["error"]
        assert f"base.html:{broken_line}" in error
        still = raw_get(server.port, "/about/")
        assert still.status == 200
        assert b"</html>" in still.body
        save(layout, good)
        assert stream.next("status") == {"error": ""}
        stream.close()


def test_an_edited_page_is_rebuilt_and_pages_reload(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    with live_site(root, "https://example.org/news/") as server:
        stream = EventStream("127.0.0.1", server.port)
        about = root / "content" / "about.md"
        save(about, about.read_text() + "\nA freshly written sentence.\n")
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
