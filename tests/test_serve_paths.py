"""newsdigest.preview.server: a static host's answers, content types and path safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from livepreview import SECRET, raw_get, running, served_output


@pytest.fixture
def public(tmp_path: Path) -> Path:
    """A small built site, with a secret next to it and symlinks that point out of it."""
    return served_output(tmp_path)


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
