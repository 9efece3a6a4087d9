"""Headless Chromium against `build.py serve`: an open page follows edits by itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import make_site
from livepreview import ServeProcess
from test_browser import CHROMIUM_ARGS

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", settings='base_url = "https://example.org/news/"\n')


@pytest.fixture
def serving(site: Path) -> Iterator[ServeProcess]:
    process = ServeProcess(site)
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def page(serving: ServeProcess) -> Iterator[playwright.Page]:
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def open_live(page: playwright.Page, url: str) -> None:
    """Open url and wait until its live reload connection is open."""
    page.goto(url)
    page.wait_for_function("window.__newsdigest_events?.readyState === 1", timeout=5000)
    page.evaluate("window.__marker = 'still the same document'")


def test_an_open_page_shows_an_edited_markdown_page_within_2_seconds(
    page: playwright.Page, serving: ServeProcess, site: Path
) -> None:
    open_live(page, serving.url + "about/")
    about = site / "content" / "about.md"
    about.write_text(about.read_text() + "\nEdited while the page was open.\n", encoding="utf-8")
    started = time.monotonic()
    page.wait_for_function(
        "document.body.innerText.includes('Edited while the page was open.')", timeout=2000
    )
    assert time.monotonic() - started < 2.0


def test_a_css_change_applies_without_a_navigation(
    page: playwright.Page, serving: ServeProcess, site: Path
) -> None:
    open_live(page, serving.url)
    style = site / "static" / "style.css"
    style.write_text(style.read_text() + "\nbody { border-top: 7px solid rgb(1, 2, 3); }\n")
    page.wait_for_function(
        "getComputedStyle(document.body).borderTopColor === 'rgb(1, 2, 3)'", timeout=2000
    )
    assert page.evaluate("window.__marker") == "still the same document"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("document.querySelectorAll('link[rel~=stylesheet]').length") == 1


def test_a_broken_layout_shows_an_overlay_until_it_is_fixed(
    page: playwright.Page, serving: ServeProcess, site: Path
) -> None:
    open_live(page, serving.url)
    layout = site / "layouts" / "base.html"
    good = layout.read_text()
    layout.write_text(good.replace("<body", "{% if %}\n<body", 1))
    overlay = page.locator("#__newsdigest_overlay")
    overlay.wait_for(state="visible", timeout=2000)
    assert "base.html:" in overlay.inner_text()
    layout.write_text(good)
    overlay.wait_for(state="detached", timeout=2000)
