"""Check a built site the way hosts, browsers, crawlers and feed readers will see it.

Reads the output folder and nothing else; of the build it knows only the base URL. Each HTML
file is parsed once, with html5lib: its error list is the well-formedness check and its tree
gives the links, ids and headings. Big sites spread that parse over worker processes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsdigest.config import SiteConfig

from .feeds import FEED_NAMES, check_feed
from .pages import check_reachable, check_refs, read_pages
from .sitemap import check_robots, check_sitemap
from .urls import Finding, Resolver


@dataclass(frozen=True)
class CheckReport:
    """Everything check found, and how much it looked at."""

    findings: tuple[Finding, ...]
    pages: int
    """HTML files checked."""
    feeds: int
    """Feeds checked."""
    refs: int
    """Internal URLs followed."""
    seconds: float

    def summary(self, out_dir: Path) -> str:
        """One line for stdout."""
        found = len(self.findings)
        verdict = "no findings" if not found else f"{found} finding{'s' if found != 1 else ''}"
        return (
            f"Checked {self.pages} pages, {self.feeds} feeds and {self.refs} internal links "
            f"in {out_dir} in {self.seconds:.2f} s: {verdict}"
        )


def check_site(out_dir: Path, config: SiteConfig, now: datetime) -> CheckReport:
    """Every check on the built site in out_dir; `now` bounds feed dates."""
    start = time.perf_counter()
    if not out_dir.is_dir():
        missing = Finding(".", "no such folder", "build the site first")
        return CheckReport((missing,), 0, 0, 0, time.perf_counter() - start)
    files = frozenset(list_files(out_dir))
    resolver = Resolver(config.base_url, files)
    pages = read_pages(out_dir, config.base_url, sorted(p for p in files if p.endswith(".html")))
    feeds = sorted(p for p in files if p.rsplit("/", 1)[-1] in FEED_NAMES)
    findings = [finding for page in pages for finding in page.findings]
    findings += check_refs(pages, resolver)
    findings += check_reachable(pages)
    for feed in feeds:
        findings += check_feed(feed, (out_dir / feed).read_bytes(), resolver, now)
    findings += check_sitemap(out_dir, resolver)
    findings += check_robots(out_dir, resolver)
    refs = sum(1 for page in pages for ref in page.refs if ref.target)
    return CheckReport(tuple(findings), len(pages), len(feeds), refs, time.perf_counter() - start)


def list_files(out_dir: Path) -> Iterator[str]:
    """Every file in the output, as a '/'-separated path relative to it."""
    for folder, _, names in os.walk(out_dir):
        relative = Path(folder).relative_to(out_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        yield from (prefix + name for name in names)
