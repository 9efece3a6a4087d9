"""Check a built site the way hosts, browsers, crawlers and feed readers will see it.

Reads the output folder and nothing else; of the build it knows only the base URL. Each HTML
file is parsed once, with html5lib: its error list is the well-formedness check and its tree
gives the links, ids and headings. Big sites spread that parse over worker processes.
"""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
from html5lib.constants import E as HTML5_ERRORS

from .config import SiteConfig
from .feedread import FeedEntry, FeedError, parse_feed_date, read_feed, scan_content, srcset_urls

NOT_FOUND_PAGE = "404.html"
SITEMAP = "sitemap.xml"
FEED_NAMES = frozenset({"feed.xml", "atom.xml", "rss.xml", "feed.json"})
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PARALLEL_FROM = 300
"""Below this many pages, starting worker processes costs more than it saves."""

# Which attributes of which elements name another file; (tag, attribute) -> what it is.
_REF_ATTRS: dict[str, tuple[tuple[str, str], ...]] = {
    "a": (("href", "link"),),
    "area": (("href", "link"),),
    "link": (("href", "link"),),
    "img": (("src", "image"), ("srcset", "image")),
    "source": (("src", "media"), ("srcset", "image")),
    "script": (("src", "script"),),
    "iframe": (("src", "frame"),),
    "video": (("src", "video"), ("poster", "image")),
    "audio": (("src", "audio"),),
    "track": (("src", "track"),),
    "embed": (("src", "embed"),),
    "object": (("data", "object"),),
}
_NOT_FILES = ("mailto:", "tel:", "javascript:", "data:", "#")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with one output file, and what to do about it."""

    path: str
    """The file, relative to the output folder ('about/index.html')."""
    problem: str
    """What is wrong."""
    fix: str
    """What to change so that it is right."""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}; {self.fix}"


@dataclass(frozen=True)
class Ref:
    """One URL that a page uses: a link, an image, a stylesheet, a script."""

    url: str
    """As written in the attribute."""
    kind: str
    """'link', 'image', 'script' and so on, for the message."""
    target: Target | None
    """The output file it names; None for other sites, mail and fragments."""


@dataclass(frozen=True)
class PageFacts:
    """What one HTML page says about itself, read in one parse."""

    path: str
    """The file, relative to the output folder."""
    refs: tuple[Ref, ...]
    """Every URL the page uses, in document order."""
    ids: frozenset[str]
    """Every id on the page, for fragment links."""
    findings: tuple[Finding, ...]
    """What is wrong with the page on its own: markup, headings, head, ids."""


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


@dataclass(frozen=True)
class Target:
    """Where an internal URL leads: a file path in the output, or outside the base path."""

    path: str
    """The output file the URL names, such as 'about/index.html'."""
    inside: bool
    """False when the URL is on the site's host but above its base path."""


class Resolver:
    """Turns URLs found in a file into output files, the way the host will serve them."""

    def __init__(self, base_url: str, files: frozenset[str] = frozenset()) -> None:
        self.base_url = base_url
        self.files = files
        base = urlsplit(base_url)
        self._origin = (base.scheme, base.netloc)
        self._base_path = base.path

    def url_of(self, path: str) -> str:
        """The absolute URL of an output file; pretty URLs drop 'index.html'."""
        return self.base_url + (path[: -len("index.html")] if _is_index(path) else path)

    def target(self, from_path: str, url: str) -> Target | None:
        """The output file a URL in from_path names; None for other sites and non-files."""
        if not url or url.startswith(_NOT_FILES):
            return None
        parts = urlsplit(urljoin(self.url_of(from_path), url))
        if (parts.scheme, parts.netloc) != self._origin:
            return None
        if not parts.path.startswith(self._base_path):
            return Target(parts.path, inside=False)
        path = unquote(parts.path[len(self._base_path) :])
        return Target(path + "index.html" if path.endswith("/") or not path else path, True)

    def problem(self, from_path: str, ref: Ref) -> Finding | None:
        """A finding when ref names a file the output does not have."""
        target = ref.target
        if target is None or (target.inside and target.path in self.files):
            return None
        if not target.inside:
            fix = f"link inside the base path {self._base_path}, relative links are safest"
            return Finding(from_path, f"{ref.kind} {ref.url} leads outside the site", fix)
        if f"{target.path}/index.html" in self.files:
            fix = "end the URL with '/' so that every host serves the page"
            return Finding(from_path, f"{ref.kind} {ref.url} names a folder", fix)
        fix = "fix the URL or add the file"
        return Finding(from_path, f"{ref.kind} {ref.url} leads to missing {target.path}", fix)


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


def read_pages(out_dir: Path, base_url: str, paths: list[str]) -> list[PageFacts]:
    """Parse every page; in worker processes when there are enough to pay for them."""
    read = partial(read_page, out_dir, base_url)
    workers = os.cpu_count() or 1
    if len(paths) < PARALLEL_FROM or workers == 1:
        return [read(path) for path in paths]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(read, paths, chunksize=64))


def read_page(out_dir: Path, base_url: str, path: str) -> PageFacts:
    """Parse one HTML file with html5lib and read its facts, and where its URLs lead, from the tree."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    root = parser.parse((out_dir / path).read_bytes())
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    ids = Counter(el.get("id") for el in elements if el.get("id") is not None)
    findings = [*_markup_findings(path, parser.errors), *_head_findings(path, root, elements)]
    findings += [
        Finding(path, f"id '{name}' is used {count} times", "make each id unique on the page")
        for name, count in sorted((k or "", v) for k, v in ids.items())
        if count > 1
    ]
    refs = tuple(_refs(elements, path, Resolver(base_url)))
    own_ids = frozenset(name for name in ids if name)
    findings += [
        Finding(path, f"link {ref.url} names no id on this page", "fix the fragment or add the id")
        for ref in refs
        if ref.url.startswith("#") and len(ref.url) > 1 and unquote(ref.url[1:]) not in own_ids
    ]
    return PageFacts(path, refs, own_ids, tuple(findings))


def _markup_findings(path: str, errors: list[Any]) -> Iterator[Finding]:
    """html5lib's parse errors: markup that browsers have to repair, each guessing its own way."""
    for (line, column), code, data in errors:
        message = HTML5_ERRORS.get(code, code) % (data or {})
        yield Finding(path, f"line {line}, column {column}: {message}", "fix the markup")


def _head_findings(path: str, root: Any, elements: list[Any]) -> Iterator[Finding]:
    """One h1, a title, a language and a description: what readers and search engines rely on."""
    h1 = sum(1 for el in elements if el.tag == "h1")
    if h1 != 1:
        yield Finding(path, f"has {h1} <h1> elements", "give every page exactly one <h1>")
    titles = [el for el in elements if el.tag == "title"]
    if not titles or not "".join(titles[0].itertext()).strip():
        yield Finding(path, "has no <title> text", "give the page a title")
    if not (root.get("lang") or "").strip():
        yield Finding(path, "<html> has no lang", 'set lang, such as <html lang="en">')
    described = any(
        el.tag == "meta"
        and (el.get("name") or "").lower() == "description"
        and (el.get("content") or "").strip()
        for el in elements
    )
    if not described:
        yield Finding(path, "has no meta description", 'add <meta name="description" content>')


def _refs(elements: Iterable[Any], path: str, resolver: Resolver) -> Iterator[Ref]:
    """Every URL-valued attribute that names a file; srcset lists several."""
    for el in elements:
        for attribute, kind in _REF_ATTRS.get(el.tag, ()):
            value = (el.get(attribute) or "").strip()
            if el.tag == "link" and "stylesheet" in (el.get("rel") or "").split():
                kind = "stylesheet"
            urls = srcset_urls(value) if attribute == "srcset" else [value] if value else []
            yield from (Ref(url, kind, resolver.target(path, url)) for url in urls)


def check_refs(pages: list[PageFacts], resolver: Resolver) -> Iterator[Finding]:
    """Every internal URL on every page names a file in the output, and an id there if it says one."""
    ids = {page.path: page.ids for page in pages}
    for page in pages:
        for ref in page.refs:
            finding = resolver.problem(page.path, ref) or _fragment_problem(page.path, ref, ids)
            if finding is not None:
                yield finding


def _fragment_problem(path: str, ref: Ref, ids: dict[str, frozenset[str]]) -> Finding | None:
    """A link to page#id where that page has no such id: the reader lands at its top instead."""
    fragment = unquote(urlsplit(ref.url).fragment)
    target = ref.target
    if not fragment or target is None or fragment in ids.get(target.path, {fragment}):
        return None
    fix = "fix the fragment or add the id"
    return Finding(path, f"{ref.kind} {ref.url}: {target.path} has no id '{fragment}'", fix)


def check_reachable(pages: list[PageFacts]) -> Iterator[Finding]:
    """Every page can be found by following links from the home page."""
    by_path = {page.path: page for page in pages}
    if "index.html" not in by_path:
        yield Finding("index.html", "the home page is missing", "build the site again")
        return
    seen = {"index.html"}
    queue = deque(["index.html"])
    while queue:
        page = by_path[queue.popleft()]
        for ref in page.refs:
            target = ref.target
            if target and target.path in by_path and target.path not in seen:
                seen.add(target.path)
                queue.append(target.path)
    for path in sorted(set(by_path) - seen - {NOT_FOUND_PAGE}):
        yield Finding(
            path,
            "no page links here (an orphan)",
            "link it from the home page, a list or the archive",
        )


def check_feed(path: str, data: bytes, resolver: Resolver, now: datetime) -> list[Finding]:
    """A feed parses; each entry links to a file, has its own id, absolute URLs, sane dates."""
    try:
        feed = read_feed(path, data)
    except FeedError as err:
        return [Finding(path, f"does not parse as a feed ({err})", "fix the feed's syntax")]
    findings = list(_date_findings(path, "the feed", feed.dates, feed.date_format, now))
    for number, entry in enumerate(feed.entries, 1):
        findings += _entry_findings(path, number, entry, resolver)
        findings += _date_findings(path, f"entry {number}", entry.dates, feed.date_format, now)
    repeated = Counter(entry.id for entry in feed.entries if entry.id)
    findings += [
        Finding(path, f"id {id_} is used by {count} entries", "give every entry its own id")
        for id_, count in sorted(repeated.items())
        if count > 1
    ]
    return findings


def _entry_findings(
    path: str, number: int, entry: FeedEntry, resolver: Resolver
) -> Iterator[Finding]:
    """An entry has an id, a link to a file, and content that works outside the site."""
    where = f"entry {number}"
    if not entry.id:
        yield Finding(path, f"{where} has no id", "give it a permanent id (its permalink)")
    if not entry.link:
        yield Finding(path, f"{where} has no link", "link it to its page")
    else:
        link = Ref(entry.link, f"{where} link", resolver.target(path, entry.link))
        finding = resolver.problem(path, link)
        if finding is not None:
            yield finding
    for html in entry.html:
        relative, unsafe = scan_content(html)
        for url in relative:
            fix = "make it absolute: readers show content away from the site"
            yield Finding(path, f"{where} content has the relative URL {url}", fix)
        for tag in unsafe:
            yield Finding(path, f"{where} content has a <{tag}>", "leave it out: readers strip it")


def _date_findings(
    path: str, where: str, dates: Iterable[tuple[str, str]], date_format: str, now: datetime
) -> Iterator[Finding]:
    """Dates in the feed's own format, none after `now`."""
    for name, text in dates:
        moment = parse_feed_date(text, date_format)
        if moment is None:
            yield Finding(path, f"{where} {name} {text!r} is not {date_format}", "fix the date")
        elif moment > now:
            fix = "date it no later than now"
            yield Finding(path, f"{where} {name} {text} is in the future", fix)


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


def _is_index(path: str) -> bool:
    return path == "index.html" or path.endswith("/index.html")
