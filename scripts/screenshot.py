"""Screenshot pages of a built site in headless Chromium: `python scripts/screenshot.py public docs/`.

Serves the folder on a free loopback port (so links and styles resolve as on a host) and
saves the home page at desktop and phone widths, the first article page at both, the names
index, and with --query the search page's results at phone width.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote_plus

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_article(site: Path) -> str:
    """The path of the first article page the home page links to."""
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'class="story-title"><a href="([^"]+)"', html)
    return match.group(1) if match else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path, help="a built site folder, such as public/")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    parser.add_argument("--query", default="", help="also shoot the search page's results for it")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    shots = [("home.png", "", 1280, 900), ("home-phone.png", "", 375, 812)]
    article = first_article(args.site)
    if article:
        shots.append(("article-phone.png", article, 375, 812))
        shots.append(("article.png", article, 1280, 1100))
    if (args.site / "entities" / "index.html").is_file():
        shots.append(("names.png", "entities/", 1280, 900))
    if args.query and (args.site / "search" / "index.html").is_file():
        shots.append(("search-phone.png", f"search/?q={quote_plus(args.query)}", 375, 812))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path, width, height in shots:
            page = browser.new_page(
                viewport={"width": width, "height": height}, color_scheme=args.scheme
            )
            page.goto(base + path)
            if "?q=" in path:  # results come from the index, after the page has loaded
                page.wait_for_selector(".search-result", timeout=10_000)
            page.screenshot(path=str(args.out / name))
            page.close()
            print(args.out / name)
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
