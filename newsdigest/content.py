"""content/**/*.md to `Article` and `Page`: front matter checked field by field, Markdown rendered."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from html import unescape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from markdown_it import MarkdownIt

from . import frontmatter
from .config import SiteConfig
from .inline import first_sentences
from .model import Article, Page, Problem

ARTICLES_DIR = "articles"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,119}$")
_TAG_RE = re.compile(r"<[^>]+>")


def markdown_renderer() -> MarkdownIt:
    """The one Markdown parser: CommonMark with tables and strikethrough, raw HTML escaped,
    typographic quotes and dashes, and links limited by markdown-it's URL check."""
    return MarkdownIt("js-default", {"typographer": True, "html": False})


_MARKDOWN = markdown_renderer()


@dataclass(frozen=True)
class Content:
    """Everything found under content/."""

    articles: tuple[Article, ...]
    pages: tuple[Page, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class LoadedFile:
    """What one Markdown file gave: an article, a page, or neither (see problems)."""

    article: Article | None
    page: Page | None
    problems: tuple[Problem, ...]


def load_content(config: SiteConfig) -> Content:
    """Read every Markdown file; a file with an error is skipped and reported, the rest load."""
    loaded = [
        load_file(path, config.content_dir, config.timezone)
        for path in markdown_files(config.content_dir)
    ]
    return combine(loaded)


def combine(loaded: list[LoadedFile]) -> Content:
    """Gather loaded files into one Content."""
    return Content(
        tuple(item.article for item in loaded if item.article),
        tuple(item.page for item in loaded if item.page),
        tuple(problem for item in loaded for problem in item.problems),
    )


def load_file(path: Path, content_dir: Path, timezone: str) -> LoadedFile:
    """Read and parse one Markdown file: under articles/ an Article, elsewhere a Page."""
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(path, 0, f"not UTF-8 text ({err.reason}); save the file as UTF-8"))
        return LoadedFile(None, None, tuple(problems))
    relative = path.relative_to(content_dir)
    if relative.parts[0] == ARTICLES_DIR:
        return LoadedFile(
            load_article(path, text, ZoneInfo(timezone), problems), None, tuple(problems)
        )
    return LoadedFile(None, load_page(path, relative, text, problems), tuple(problems))


def markdown_files(content_dir: Path) -> list[Path]:
    """Every *.md under content/, in a stable order, skipping hidden files and folders."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(content_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        base = Path(folder)
        found.extend(
            base / name for name in names if name.endswith(".md") and not name.startswith(".")
        )
    return sorted(found)


def digest(text: str) -> str:
    """A short, stable hash of a file's text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def load_article(path: Path, text: str, zone: ZoneInfo, problems: list[Problem]) -> Article | None:
    """One article page; None (with an error) when a required field is missing or wrong."""
    parsed = _split(path, text, problems)
    if parsed is None:
        return None
    meta, body = parsed
    fields = _Fields(path, text, meta, problems)
    title = fields.text("title", required=True)
    published = fields.when("date", zone)
    slug = fields.slug(_slug_from_name(path.stem))
    if not title or published is None or slug is None:
        return None
    body_html = render_markdown(body)
    return Article(
        source_path=path,
        title=title,
        date=published,
        slug=slug,
        summary=fields.text("summary") or first_sentences(_plain(body_html)),
        body_html=body_html,
        word_count=count_words(_plain(body_html)),
        source=fields.text("source"),
        source_url=fields.url("source_url"),
        image_caption=fields.text("image_caption"),
        image_credit=fields.text("image_credit"),
        related=fields.strings("related"),
        correction=fields.text("correction"),
        tags=fields.strings("tags"),
        entities=fields.strings("entities"),
        seed=fields.text("seed"),
        digest=digest(text),
    )


def load_page(path: Path, relative: Path, text: str, problems: list[Problem]) -> Page | None:
    """One hand-written page; its URL follows its place under content/ (about.md gives about/)."""
    parsed = _split(path, text, problems)
    if parsed is None:
        return None
    meta, body = parsed
    fields = _Fields(path, text, meta, problems)
    parts = [*relative.parent.parts, relative.stem]
    if parts[-1] == "index":
        parts.pop()
    if not all(_SLUG.match(part) for part in parts):
        problems.append(
            Problem(
                path,
                0,
                "page file and folder names must be lower-case letters, digits and '-'; rename it",
            )
        )
        return None
    title = fields.text("title") or parts[-1].replace("-", " ").capitalize() if parts else "Home"
    body_html = render_markdown(body)
    description = fields.text("description") or first_sentences(_plain(body_html), 160)
    return Page(
        path, title, "".join(f"{part}/" for part in parts), body_html, description, digest(text)
    )


def _split(path: Path, text: str, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    try:
        meta, body, _ = frontmatter.split(text)
    except frontmatter.FrontMatterError as err:
        problems.append(Problem(path, err.line, err.message))
        return None
    return meta, body


def render_markdown(body: str) -> str:
    """Markdown to HTML; raw HTML in the text comes out escaped."""
    html: str = _MARKDOWN.render(body)
    return html


def _plain(html: str) -> str:
    return " ".join(unescape(_TAG_RE.sub(" ", html)).split())


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Words separated by spaces, with each CJK character counted as a word."""
    cjk = len(_CJK.findall(text))
    return cjk + len(_CJK.sub(" ", text).split())


def _slug_from_name(stem: str) -> str:
    """'2025-03-14-some-title' gives 'some-title'."""
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem).lower()


class _Fields:
    """Typed access to front matter fields; each wrong field adds a Problem on its line."""

    def __init__(
        self, path: Path, text: str, meta: dict[str, Any], problems: list[Problem]
    ) -> None:
        self._path, self._text, self._meta, self._problems = path, text, meta, problems

    def _problem(self, key: str, message: str) -> None:
        self._problems.append(Problem(self._path, _line_of(self._text, key), message))

    def text(self, key: str, required: bool = False) -> str:
        value = self._meta.get(key)
        if value is None or value == "":
            if required:
                self._problem(key, f"'{key}' is missing; add a '{key}:' line to the front matter")
            return ""
        if isinstance(value, (dict, list)):
            self._problem(key, f"'{key}' must be text, not a {type(value).__name__}")
            return ""
        return " ".join(str(value).split())

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [part for part in value.split(",")]
        if not isinstance(value, list) or any(isinstance(item, (dict, list)) for item in value):
            self._problem(key, f"'{key}' must be a list of text, such as [one, two]")
            return ()
        return tuple(
            text for item in value if item is not None and (text := " ".join(str(item).split()))
        )

    def when(self, key: str, zone: ZoneInfo) -> datetime | None:
        value = self._meta.get(key)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                value = None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=zone)
        if isinstance(value, date):
            return datetime.combine(value, time(), zone)
        self._problem(key, f"'{key}' must be an ISO 8601 date such as 2025-03-14T09:30:00+03:00")
        return None

    def slug(self, default: str) -> str | None:
        value = self.text("slug") or default
        if not _SLUG.match(value):
            self._problem(
                "slug", f"slug {value!r} must be lower-case letters, digits, '.', '-' or '_'"
            )
            return None
        return value

    def url(self, key: str) -> str:
        value = self.text(key)
        if value and not re.match(r"^https?://[^\s/?#]+", value, re.IGNORECASE):
            self._problems.append(
                Problem(
                    self._path,
                    _line_of(self._text, key),
                    f"'{key}' is not an http(s) URL; left it out",
                    "warning",
                )
            )
            return ""
        return value


def _line_of(text: str, key: str) -> int:
    """The line of `key:` in the front matter, or 1."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
        if number > 1 and line.rstrip() == "---":
            break
    return 1
