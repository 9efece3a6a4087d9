"""The built site in a real headless Chromium, opened from disk the way issue 2 describes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from newsdigest.config import load_config
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def test_home_and_article_in_chromium(site_dir: Path, tmp_path: Path, browser: Browser) -> None:
    out = tmp_path / "public"
    build(load_config(site_dir), BuildOptions(out_dir=out))
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.on("request", lambda request: requests.append(request.url))
    page.goto((out / "index.html").as_uri())
    story = page.locator(".lead")  # the latest story leads the front page
    assert "Very Good Chance" in story.locator("h2").inner_text()
    assert story.locator(".source").inner_text() == "The Moscow Times"
    assert "U.S. President Donald Trump said Friday" in story.locator(".lead-summary").inner_text()
    assert story.locator("time").inner_text().startswith("March 14")
    # The theme uses the reader's own fonts: no web font to wait for, flash or fetch.
    fonts = page.evaluate("document.fonts.ready.then(set => [set.status, set.size])")
    assert fonts == ["loaded", 0], f"web fonts in the theme: {fonts}"
    # The stylesheet applied from file://, and nothing overflows a phone's width.
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # From disk a folder link opens a listing, not index.html (a host serves index.html): follow
    # the headline's link the way a static host would.
    href = story.locator("h2 a").get_attribute("href")
    page.goto((out / str(href) / "index.html").as_uri())
    body = page.locator(".article .body").inner_text()
    assert "Putin voiced support for the proposal in principle" in body
    assert page.locator(".correction").inner_text().startswith("CORRECTION")
    assert "kremlin.ru" in page.locator("figcaption").inner_text().lower()
    assert page.locator("h1").count() == 1
    assert all(url.startswith("file://") for url in requests), "the theme asks no other host"
    page.close()
