"""What makes two seeds, or a seed and a page, the same article; and what an article page
that ingest's record does not list says about itself. Pure but for reading those pages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsdigest import frontmatter
from newsdigest.config import SiteConfig
from newsdigest.slugs import slug_from_file_name

from .seeds import SeedArticle


@dataclass(frozen=True)
class Stranger:
    """An article page that no record entry owns: hand-written, edited and orphaned, or lost."""

    name: str
    seed: str
    """The seed its front matter names, if any."""
    slug: str
    stem_keys: tuple[str, ...]
    """'YYYY-MM-DD-slug' forms it occupies."""
    identity: tuple[str, ...]


def identity_keys(article: SeedArticle, config: SiteConfig) -> tuple[str, ...]:
    """What makes two seeds the same article: the repaired source URL, or title and day."""
    day = article.date.astimezone(config.zone).date().isoformat()
    return identity(article.title, day, article.source_url)


def identity(title: str, day: str, url: str) -> tuple[str, ...]:
    keys = []
    if title and day:
        words = " ".join(unicodedata.normalize("NFC", title).casefold().split())
        keys.append(f"title:{words}|{day}")
    if url:
        parts = urlsplit(url)
        normal = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}".lower()
        keys.append(f"url:{normal}{'?' + parts.query if parts.query else ''}")
    return tuple(keys)


def read_strangers(articles_dir: Path, names: list[str], config: SiteConfig) -> list[Stranger]:
    """The article pages of these names (those the record does not list), in name order."""
    pages = (articles_dir / name for name in sorted(names))
    return [read_stranger(page, config) for page in pages if page.is_file()]


def read_stranger(page: Path, config: SiteConfig) -> Stranger:
    """What a page says of itself: its seed, slug, the stems it occupies and its identity."""
    try:
        meta, _, _ = frontmatter.split(page.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        meta = {}  # the content loader reports it; here it only occupies its name
    slug = str(meta.get("slug") or slug_from_file_name(page.stem))
    published = frontmatter.read_date(meta.get("date"), config.zone)
    day = published.astimezone(config.zone).date().isoformat() if published else ""
    stems = (page.stem, f"{day}-{slug}") if day else (page.stem,)
    title, url = str(meta.get("title") or ""), str(meta.get("source_url") or "")
    return Stranger(page.name, str(meta.get("seed") or ""), slug, stems, identity(title, day, url))
