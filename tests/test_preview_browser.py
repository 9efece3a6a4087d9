"""Headless Chromium against `build.py serve`: an open page follows edits by itself."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import make_site
from livepreview import EventStream, ServeProcess, save
from test_browser import CHROMIUM_ARGS

IN_CI = os.environ.get("CI", "").lower() in ("true", "1")
"""Under CI a missing Playwright or Chromium fails the run: a skip would pass it unseen."""

if IN_CI:
    import playwright.sync_api as playwright
else:
    playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not IN_CI, reason="needs Debian's chromium"
)


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
def events(serving: ServeProcess) -> Iterator[EventStream]:
    """The preview's event stream, connected: what the open page hears, for the test to wait
    on (a rebuild's time under load is not the page's to keep)."""
    stream = EventStream("127.0.0.1", serving.port)
    stream.next("hello")
    try:
        yield stream
    finally:
        stream.close()


@pytest.fixture
def page(serving: ServeProcess) -> Iterator[playwright.Page]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing; run ./scripts/ensure-chromium"
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


def test_an_open_page_shows_an_edited_markdown_page_within_2_seconds_of_its_rebuild(
    page: playwright.Page, serving: ServeProcess, events: EventStream, site: Path
) -> None:
    open_live(page, serving.url + "about/")
    about = site / "content" / "about.md"
    save(about, about.read_text() + "\nEdited while the page was open.\n")
    assert "/news/about/index.html" in events.next("reload", timeout=30)["paths"]
    started = time.monotonic()
    page.wait_for_function(
        "document.body.innerText.includes('Edited while the page was open.')", timeout=2000
    )
    assert time.monotonic() - started < 2.0


def test_a_css_change_applies_without_a_navigation(
    page: playwright.Page, serving: ServeProcess, events: EventStream, site: Path
) -> None:
    open_live(page, serving.url)
    style = site / "static" / "style.css"
    save(style, style.read_text() + "\nbody { border-top: 7px solid rgb(1, 2, 3); }\n")
    events.next("css", timeout=30)
    page.wait_for_function(
        "getComputedStyle(document.body).borderTopColor === 'rgb(1, 2, 3)'", timeout=2000
    )
    assert page.evaluate("window.__marker") == "still the same document"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("document.querySelectorAll('link[rel~=stylesheet]').length") == 1


def test_a_broken_layout_shows_an_overlay_until_it_is_fixed(
    page: playwright.Page, serving: ServeProcess, events: EventStream, site: Path
) -> None:
    open_live(page, serving.url)
    layout = site / "layouts" / "base.html"
    good = layout.read_text()
    save(layout, good.replace("<body", "{% if %}\n<body", 1))
    assert "base.html:" in events.next("status", timeout=30)["error"]
    overlay = page.locator("#__newsdigest_overlay")
    overlay.wait_for(state="visible", timeout=2000)
    assert "base.html:" in overlay.inner_text()
    save(layout, good)
    assert events.next("status", timeout=30) == {"error": ""}
    overlay.wait_for(state="detached", timeout=2000)
