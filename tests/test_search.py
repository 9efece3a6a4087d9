"""Search: Pagefind indexes the built site; a browser finds an article by a word of its body,
under a base URL with a path. Without Pagefind the build warns and has no search page."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from test_browser import CHROMIUM_ARGS

from newsdigest.check.checker import check_site
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


@pytest.fixture
def searchable(site_dir: Path, served: tuple[Path, str]) -> Iterator[tuple[Page, str]]:
    """The site built with search under /news/, served, and a browser page on it: (page, the
    site's URL)."""
    root, url = served
    report = build(load_config(site_dir, BASE), BuildOptions(out_dir=root / "news", search=True))
    assert not report.warnings and (root / "news/pagefind/pagefind.js").is_file()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser.new_page(), url + "news/"
        browser.close()


def test_the_header_box_takes_a_query_by_keyboard_to_marked_results(
    searchable: tuple[Page, str],
) -> None:
    page, url = searchable
    page.goto(url)
    for _ in range(3):  # the skip link, the site's name, then the search box
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("Witkoff")
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/search/?q=Witkoff")
    result = page.locator(".search-result").first
    result.wait_for(timeout=15_000)
    assert page.get_by_label("Words to find").input_value() == "Witkoff"
    assert "Very Good Chance" in result.locator("h2 a").inner_text()
    assert result.locator(".meta .date").inner_text() == "March 14, 2025"
    assert result.locator(".meta .source").inner_text() == "The Moscow Times"
    assert "Witkoff" in result.locator(".summary mark").all_inner_texts()  # not "Witkoff,"
    assert result.locator("h2 mark").all_inner_texts() == ["Witkoff"]
    summary = result.locator(".summary").inner_text()  # the headline is shown once, above
    assert summary.startswith("… ") and summary.endswith(" …") and "Meeting." not in summary
    assert "1 article found" in page.locator(".search-status").inner_text()
    page.get_by_label("Words to find").focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.search-result') !== null")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-query"
    for _ in range(4):  # its button, the topic and source lists, then the first result
        page.keyboard.press("Tab")
    href = str(result.locator("h2 a").get_attribute("href"))
    assert href.startswith("/news/2025/03/14/trump-claims-very-good-chance")
    assert page.evaluate("document.activeElement.getAttribute('href')") == href
    page.keyboard.press("Enter")
    page.wait_for_url("**" + href)
    assert page.locator("h1").inner_text().startswith("Trump Claims")


def test_the_index_holds_the_headline_and_text_but_no_boilerplate(
    searchable: tuple[Page, str],
) -> None:
    page, url = searchable
    page.goto(url + "search/")
    found = page.evaluate(
        """async () => {
            const pagefind = await import("/news/pagefind/pagefind.js");
            const search = await pagefind.search("Putin");
            return await Promise.all(search.results.map((r) => r.data()));
        }"""
    )
    assert len(found) == 1
    content = found[0]["content"]
    assert content.startswith("Trump Claims ‘Very Good Chance’ to End Ukraine War")
    assert "U.S. President Donald Trump said Friday" in content
    for boilerplate in ("min read", " words", "March 14, 2025", "Friday, March", "kremlin.ru"):
        assert boilerplate not in content, boilerplate
    assert "Related coverage" not in content and "More from" not in content
    assert found[0]["meta"]["source"] == "The Moscow Times"
    assert found[0]["filters"]["source"] == ["The Moscow Times"]


def test_every_page_has_the_header_search_box_and_it_works_without_script(
    site_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(load_config(site_dir), BuildOptions(out_dir=out, search=True))
    pages = list(out.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="site-search" role="search"' in text, page
        box = text[text.index('class="site-search"') :]
        assert 'method="get"' in box[:300] and 'name="q"' in box[:400], page
    config = load_config(site_dir)
    findings = check_site(out, config, datetime(2025, 3, 20, tzinfo=UTC)).findings
    assert not [f for f in findings if f.path.startswith("search/")], findings


def test_without_pagefind_the_build_warns_and_has_no_search_page(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "executable", lambda: None)
    out = tmp_path / "out"
    report = build(load_config(site_dir), BuildOptions(out_dir=out, search=True))
    assert not report.errors
    assert any("Pagefind is not installed" in p.message for p in report.warnings)
    assert not (out / "search").exists() and not (out / "pagefind").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="search/"' not in home and "site-search" not in home


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
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="search/"' not in home and "site-search" not in home
