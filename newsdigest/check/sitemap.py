"""sitemap.xml and robots.txt of a built site: every page listed once, the sitemap named."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from .pages import NOT_FOUND_PAGE
from .urls import Finding, Resolver

SITEMAP = "sitemap.xml"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check_sitemap(out_dir: Path, resolver: Resolver) -> Iterator[Finding]:
    """sitemap.xml lists every page once and nothing else (404.html is not a page)."""
    pages = {p for p in resolver.files if p.endswith(".html") and p != NOT_FOUND_PAGE}
    if SITEMAP not in resolver.files:
        yield Finding(SITEMAP, "is missing", "build it: search engines find pages through it")
        return
    try:
        root = ET.fromstring((out_dir / SITEMAP).read_bytes())
    except ET.ParseError as err:
        yield Finding(SITEMAP, f"is not well-formed XML ({err})", "fix its syntax")
        return
    listed: Counter[str] = Counter()
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        target = resolver.target(SITEMAP, url)
        if not urlsplit(url).scheme or target is None or not target.inside:
            fix = f"list full URLs under {resolver.base_url}"
            yield Finding(SITEMAP, f"lists {url!r}, which is not a URL of this site", fix)
        elif target.path not in pages:
            fix = "remove it, or build the page"
            yield Finding(SITEMAP, f"lists {url}, but there is no page {target.path}", fix)
        else:
            listed[target.path] += 1
    for path, count in sorted(listed.items()):
        if count > 1:
            yield Finding(SITEMAP, f"lists {resolver.url_of(path)} {count} times", "list it once")
    for path in sorted(pages - set(listed)):
        yield Finding(
            SITEMAP, f"does not list {resolver.url_of(path)}", "add it, or remove the page"
        )


def check_robots(out_dir: Path, resolver: Resolver) -> Iterator[Finding]:
    """robots.txt exists and names a sitemap that exists, so crawlers find every page."""
    if "robots.txt" not in resolver.files:
        yield Finding(
            "robots.txt", "is missing", f"add one with 'Sitemap: {resolver.url_of(SITEMAP)}'"
        )
        return
    text = (out_dir / "robots.txt").read_text(encoding="utf-8", errors="replace")
    named = [
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.lower().startswith("sitemap:")
    ]
    if not named:
        yield Finding(
            "robots.txt", "names no sitemap", f"add 'Sitemap: {resolver.url_of(SITEMAP)}'"
        )
    for url in named:
        target = resolver.target("robots.txt", url)
        if not urlsplit(url).scheme or target is None or target.path not in resolver.files:
            yield Finding(
                "robots.txt",
                f"names the sitemap {url}, which is not in the output",
                f"name {resolver.url_of(SITEMAP)}",
            )
