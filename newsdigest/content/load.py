"""content/**/*.md to `Article` and `Page`: front matter checked field by field, Markdown rendered.

An article page that is byte for byte what ingest wrote (its hash is one the build was handed)
is rendered by `paragraphs.render_paragraphs`, without markdown-it's parse: it gives the same
HTML for the Markdown ingest writes. Any other text, an edited page included, goes through
markdown-it.

An article's summary (its lead's first sentences), word count and names are found in its
current text, so they follow every edit; a `summary:` or `entities:` in the front matter wins.
Every text shown has its quotes curled by the one rule the body's have (`quotes.curl`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from newsdigest import frontmatter
from newsdigest.config import SiteConfig
from newsdigest.disk import site_files
from newsdigest.model import Article, Page, Problem
from newsdigest.names.extract import extract
from newsdigest.slugs import slug_from_file_name
from newsdigest.text import count_words, first_sentences, key_terms
from newsdigest.urls import is_web_url

from .markdown import plain_text, render_markdown
from .paragraphs import render_paragraphs
from .quotes import curl
from .topics import NO_RULES, TopicRules, topic_rules

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,119}$")
_LEAD = re.compile(r"<p>(.*?)</p>", re.DOTALL)


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


def combine(loaded: list[LoadedFile]) -> Content:
    """Gather loaded files into one Content."""
    return Content(
        tuple(item.article for item in loaded if item.article),
        tuple(item.page for item in loaded if item.page),
        tuple(problem for item in loaded for problem in item.problems),
    )


def load_file(config: SiteConfig, path: Path, written: frozenset[str] = frozenset()) -> LoadedFile:
    """Read and parse one Markdown file: under articles/ an Article, elsewhere a Page.

    `written` holds the SHA-256 of every page as ingest wrote it (see load_article)."""
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        message = f"not UTF-8 text ({err.reason}); save the file as UTF-8"
        problems.append(Problem(path, line, message))
        return LoadedFile(None, None, tuple(problems))
    except OSError as err:
        reason = err.strerror or type(err).__name__
        problems.append(Problem(path, 0, f"cannot be read ({reason}); check its permissions"))
        return LoadedFile(None, None, tuple(problems))
    if path.is_relative_to(config.articles_dir):
        article = load_article(path, text, config.zone, problems, written, topic_rules(config))
        return LoadedFile(article, None, tuple(problems))
    relative = path.relative_to(config.content_dir)
    return LoadedFile(None, load_page(path, relative, text, problems), tuple(problems))


def load_listed(shared: tuple[SiteConfig, frozenset[str]], path: Path) -> LoadedFile:
    """`load_file` as a worker's step: the settings and ingest's page hashes are shared."""
    config, written = shared
    return load_file(config, path, written)


def markdown_files(content_dir: Path) -> list[Path]:
    """Every *.md under content/, in a stable order, skipping hidden files and folders and
    links that dangle or lead out of the site folder."""
    return markdown_listing(content_dir)[0]


def markdown_listing(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """`markdown_files`, and a warning for each link it skipped."""
    files, skipped = site_files(content_dir, content_dir.parent)
    warnings = [
        Problem(path, 0, f"{why}; skipped it, so remove the link or copy the file in", "warning")
        for path, why in skipped
        if path.name.endswith(".md") or not path.suffix
    ]
    return [path for path in files if path.name.endswith(".md")], warnings


def digest(text: str) -> str:
    """A short, stable hash of a file's text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def load_article(
    path: Path,
    text: str,
    zone: ZoneInfo,
    problems: list[Problem],
    written: frozenset[str] = frozenset(),
    rules: TopicRules = NO_RULES,
) -> Article | None:
    """One article page; None (with an error) when a required field is missing or wrong.

    `written`: the SHA-256 of pages as ingest wrote them; the body of such a page is
    rendered without a parse when it is made of plain paragraphs. `rules` give its topics
    when the front matter's `tags` gives none."""
    parsed = _split(path, text, problems)
    if parsed is None:
        return None
    meta, body = parsed
    fields = _Fields(path, text, meta, problems)
    title = curl(fields.text("title", required=True))
    published = fields.when("date", zone)
    slug = fields.slug(slug_from_file_name(path.stem))
    if not title or published is None or slug is None:
        return None
    body_html = _article_html(text, body, written)
    words = plain_text(body_html)
    summary = curl(fields.text("summary")) or lead_summary(body_html)
    source_url = fields.url("source_url")
    tags = fields.strings("tags") or rules.topics(source_url, title, summary, words)
    return Article(
        source_path=path,
        title=title,
        date=published,
        slug=slug,
        summary=summary,
        body_html=body_html,
        word_count=count_words(words),
        source=fields.text("source"),
        source_url=source_url,
        image_caption=curl(fields.text("image_caption")),
        image_credit=curl(fields.text("image_credit")),
        related=tuple(curl(headline) for headline in fields.strings("related")),
        correction=curl(fields.text("correction")),
        tags=tags,
        entities=fields.strings("entities") if fields.given("entities") else names(summary, body),
        terms=key_terms(words),
        pinned=fields.flag("pinned"),
        seed=fields.text("seed"),
        digest=digest(text),
    )


def lead_summary(body_html: str) -> str:
    """The first sentences of the lead: the body's first paragraph, else its first words."""
    lead = _LEAD.search(body_html)
    return first_sentences(plain_text(lead.group(1) if lead else body_html))


def names(summary: str, body: str) -> tuple[str, ...]:
    """The names the article's summary and body mention, most mentioned first."""
    return extract(f"{summary}\n{body}")


def _article_html(text: str, body: str, written: frozenset[str]) -> str:
    """The body's HTML: without a parse only for ingest's own bytes, the Markdown the fast
    path is proven on (tests/test_paragraphs.py); markdown-it for anything else."""
    if written and hashlib.sha256(text.encode("utf-8")).hexdigest() in written:
        html = render_paragraphs(body)
        if html is not None:
            return html
    return render_markdown(body)


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
    title = curl(fields.text("title")) or (
        parts[-1].replace("-", " ").capitalize() if parts else "Home"
    )
    body_html = render_markdown(body)
    description = curl(fields.text("description")) or first_sentences(plain_text(body_html), 160)
    return Page(
        path, title, "".join(f"{part}/" for part in parts), body_html, description, digest(text)
    )


def _split(path: Path, text: str, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    try:
        meta, body, _ = frontmatter.split(text)
    except frontmatter.FrontMatterError as err:
        problems.append(Problem(path, err.line, err.message))
        return None
    for line, key in frontmatter.repeated_keys(text):
        message = f"'{key}' is given twice; the last one is used, so remove the other"
        problems.append(Problem(path, line, message, "warning"))
    return meta, body


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

    def given(self, key: str) -> bool:
        """The field is set, if only to an empty list: a person's choice that overrides."""
        return self._meta.get(key) is not None

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

    def flag(self, key: str) -> bool:
        """A yes-or-no field: YAML's true or false. Anything else ("yes" quoted, 3) is an
        error on its line, and the field is taken as false: the page is still built."""
        value = self._meta.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        shown = str(value)[:40]
        self._problem(key, f"'{key}' must be true or false, not {shown!r}; write '{key}: true'")
        return False

    def when(self, key: str, zone: ZoneInfo) -> datetime | None:
        found = frontmatter.read_date(self._meta.get(key), zone)
        if found is not None:
            return found
        shown = str(self._meta.get(key))[:40]
        self._problem(
            key,
            f"'{key}' {shown!r} is not a date between the years {frontmatter.EARLIEST_YEAR} and "
            f"{frontmatter.LATEST_YEAR}; write an ISO 8601 date such as 2025-03-14T09:30:00+03:00",
        )
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
        if value and not is_web_url(value):
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
