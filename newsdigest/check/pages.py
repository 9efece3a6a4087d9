"""Each HTML page of a built site, parsed once with html5lib: its markup, head, ids and the
URLs it uses; then every link followed, and every page reached from the home page."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlsplit

import html5lib
from html5lib.constants import E as HTML5_ERRORS

from newsdigest.parallel import map_items

from .feedread import srcset_urls
from .urls import Finding, Ref, Resolver

NOT_FOUND_PAGE = "404.html"

# Which attributes of which elements name another file; (tag, attribute) -> what it is.
_REF_ATTRS: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
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
)


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


def read_pages(out_dir: Path, base_url: str, paths: list[str]) -> list[PageFacts]:
    """Parse every page; in worker processes when there are enough to pay for them."""
    return list(map_items(_read_page, paths, (out_dir, base_url)))


def _read_page(where: tuple[Path, str], path: str) -> PageFacts:
    return read_page(*where, path)


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
