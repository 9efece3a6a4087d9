"""Small helpers for tests that read a built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.urls


def resolve(out: Path, page: Path, url: str, base_url: str) -> Path | None:
    """The file a link on `page` points to, or None when it points off the site."""
    base_path = urlsplit(base_url).path
    page_url = base_url + page.relative_to(out).as_posix()
    if page.name == "404.html":
        page_url = urljoin(base_url, "/")  # served at any depth; its links are absolute
    target = urljoin(page_url, url)
    if not target.startswith(base_url.rstrip("/")):
        return None
    path = unquote(urlsplit(target).path)
    assert path.startswith(base_path), f"{page}: {url} leaves the base path {base_path}"
    relative = path[len(base_path) :]
    file = out / relative
    return file / "index.html" if relative == "" or relative.endswith("/") else file


def broken_links(out: Path, base_url: str) -> list[str]:
    """Every internal href/src in every HTML page that does not resolve to a file."""
    broken = []
    for page in sorted(out.rglob("*.html")):
        for url in links_of(page.read_text(encoding="utf-8")):
            file = resolve(out, page, url, base_url)
            if file is not None and not file.is_file():
                broken.append(f"{page.relative_to(out)}: {url}")
    return broken


def text_of(html: str) -> str:
    """Visible text, roughly: tags removed, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
