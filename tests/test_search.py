"""Search: Pagefind indexes the built site; a browser finds an article by a word of its body,
under a base URL with a path. Without Pagefind the build warns and has no search page."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM_ARGS

from newsdigest.config import load_config
from newsdigest.output import search
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions

BASE = "https://example.org/news/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on a free loopback port: (folder, its URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_typing_a_word_finds_the_article_under_a_base_path(
    site_dir: Path, served: tuple[Path, str]
) -> None:
    root, url = served
    report = build(load_config(site_dir, BASE), BuildOptions(out_dir=root / "news", search=True))
    assert not report.warnings and (root / "news/pagefind/pagefind.js").is_file()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.goto(url + "news/search/")
        page.get_by_label("Words to find").fill("Witkoff")
        result = page.locator(".search-result a").first
        result.wait_for(timeout=15_000)
        assert "Very Good Chance" in result.inner_text()
        href = str(result.get_attribute("href"))
        assert href.startswith("/news/2025/03/14/trump-claims-very-good-chance")
        page.goto(url + href.lstrip("/"))
        assert page.locator("h1").inner_text().startswith("Trump Claims")
        browser.close()


def test_without_pagefind_the_build_warns_and_has_no_search_page(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "executable", lambda: None)
    out = tmp_path / "out"
    report = build(load_config(site_dir), BuildOptions(out_dir=out, search=True))
    assert not report.errors
    assert any("Pagefind is not installed" in p.message for p in report.warnings)
    assert not (out / "search").exists() and not (out / "pagefind").exists()
    assert 'href="search/"' not in (out / "index.html").read_text(encoding="utf-8")


def test_a_failed_index_keeps_the_previous_one_whole(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(load_config(site_dir), BuildOptions(out_dir=out, search=True))
    before = {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "executable", lambda: failing)
    report = search.index_site(out, changed=True)
    assert not report.indexed and "broken" in report.problems[0].message
    assert {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()} == before


def test_search_is_only_built_when_asked_for(site_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build(load_config(site_dir), BuildOptions(out_dir=out))
    assert not report.warnings
    assert not (out / "search").exists() and not (out / "pagefind").exists()
    assert 'href="search/"' not in (out / "index.html").read_text(encoding="utf-8")
