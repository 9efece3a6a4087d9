"""The shipped site against the standards readers' tools apply: the Nu Html Checker and axe-core.

Both come from npm into tools/ (`make tools`, which `make test` runs); vnu runs on the
machine's Java, axe-core is injected into Debian's Chromium through Playwright.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright
from shipped import REPO, build_shipped, copy_repo_site, run
from test_browser import CHROMIUM_ARGS

TOOLS = REPO / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
WIDTHS = (375, 1280)
BODY_CLASS = re.compile(r'<body[^>]*\bclass="([^" ]*)')
SCHEMES = ("light", "dark")


def needs(tool: Path) -> Path:
    """The tool's file, or a failure that says how to get it (a skip would hide the check)."""
    assert tool.is_file(), f"{tool} is missing: run 'make tools' (npm ci in tools/)"
    return tool


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site, built once for every standards test in this module."""
    return build_shipped(tmp_path_factory.mktemp("standards"))


def shipped_pages(public: Path) -> dict[str, Path]:
    """One page of each kind the shipped site has, by its <body> class: new kinds join in."""
    kinds: dict[str, Path] = {}
    for page in sorted(public.rglob("*.html")):
        found = BODY_CLASS.search(page.read_text(encoding="utf-8"))
        kind = found[1].removeprefix("is-") if found else page.relative_to(public).as_posix()
        kinds.setdefault(kind, page)
    missing = {"home", "article", "day", "archive", "page", "not-found"} - set(kinds)
    assert not missing, f"the shipped site has no {sorted(missing)} page"
    return kinds


def test_the_nu_html_checker_finds_no_error(public: Path) -> None:
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java on PATH"
    pages = [str(path) for path in sorted(public.rglob("*.html"))]  # every page: few, and fast
    command = [java, "-jar", str(needs(VNU)), "--errors-only", "--format", "json", *pages]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(public: Path) -> Iterator[str]:
    """The site over HTTP on a free port, as a host serves it: 404.html's root-relative links
    and pretty URLs only work there, not from file://."""
    handler = partial(_QuietHandler, directory=str(public))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation(
    public: Path, served: str, browser: Browser, width: int, scheme: str
) -> None:
    axe = needs(AXE)
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    found: list[str] = []
    try:
        for kind, path in shipped_pages(public).items():
            url = served + path.relative_to(public).as_posix()
            found += [f"{kind}: {v}" for v in axe_violations(context.new_page(), url, axe)]
    finally:
        context.close()
    assert not found, "\n".join(found)


def axe_violations(page: Any, url: str, axe: Path) -> list[str]:
    """axe-core's violations on one page, one line per rule with the elements it names."""
    page.goto(url)
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_pass_axe_and_fit_the_width(
    public: Path, served: str, browser: Browser, width: int, scheme: str
) -> None:
    """The search page with results drawn by its script (marks, dates, sources), which the
    page as built does not show."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    try:
        page = context.new_page()
        page.goto(served + "search/?q=Putin")
        page.locator(".search-result mark").first.wait_for(timeout=15_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.add_script_tag(path=str(needs(AXE)))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found = [f"{v['id']}: {v['help']}" for v in result["violations"]]
    finally:
        context.close()
    assert not found, "\n".join(found)


THEMED = """
[theme]
accent = "#ffcc00"
logo = "static/logo.svg"
footer = "Edited in Harbour City. Tips: desk@example.org"

[[theme.nav]]
title = "Our paper"
url = "https://example.org/paper/"
"""
"""A pale accent, too light for text on the light page as written: the build must darken it."""


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site with a [theme] (accent, logo, a link, footer text), built once."""
    root = tmp_path_factory.mktemp("themed")
    site = copy_repo_site(root / "site")
    (site / "static" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>'
    )
    with (site / "site.toml").open("a", encoding="utf-8") as settings:
        settings.write(THEMED)
    result = run("build", "--site", str(site), "--out", str(root / "public"), "--search")
    assert result.returncode == 0, result.stderr
    return root / "public"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_themed_site_passes_axe_and_fits_the_width(
    themed: Path, browser: Browser, width: int, scheme: str
) -> None:
    handler = partial(_QuietHandler, directory=str(themed))
    found: list[str] = []
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,  # type: ignore[arg-type]
        )
        try:
            for kind, path in shipped_pages(themed).items():
                page = context.new_page()
                page.goto(url + path.relative_to(themed).as_posix())
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    found.append(f"{kind}: wider than {width} px")
                found += [f"{kind}: {v}" for v in axe_violations(page, page.url, needs(AXE))]
        finally:
            context.close()
            server.shutdown()
            thread.join(timeout=10)
    assert not found, "\n".join(found)


def test_a_themed_site_has_no_html_error(themed: Path) -> None:
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java on PATH"
    pages = [str(path) for path in shipped_pages(themed).values()]
    command = [java, "-jar", str(needs(VNU)), "--errors-only", "--format", "json", *pages]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert not [m for m in messages if m.get("type") in ("error", "non-document-error")], messages
