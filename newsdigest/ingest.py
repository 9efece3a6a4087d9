"""seeds/*.txt to content/articles/*.md: naming, duplicates, and never overwriting a person's edit.

Ingest keeps a manifest (`content/.ingest.json`) of each page it generated: the seed it came
from, that seed's hash and the hash of the bytes it wrote. A page whose bytes no longer match
was edited by a person, and ingest never touches it again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anyascii import anyascii

from . import frontmatter
from .config import SiteConfig
from .model import Problem
from .output import atomic_write
from .seeds import SeedArticle, SeedSettings, parse_seed

MANIFEST = ".ingest.json"
ARTICLES = "articles"
MAX_SLUG = 80


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did."""

    seeds: int
    """Seed files found."""
    written: tuple[Path, ...]
    """Pages created or regenerated."""
    removed: tuple[Path, ...]
    """Generated pages removed because their seed is gone."""
    refused: tuple[Path, ...]
    """Seeds that could not be ingested (see problems)."""
    problems: tuple[Problem, ...]
    """Errors and warnings, in seed order."""


@dataclass(frozen=True)
class _Entry:
    """The manifest's record of one generated page."""

    seed: str
    seed_sha256: str
    page_sha256: str
    slug: str
    identity: tuple[str, ...]
    """Keys that make two seeds the same article: repaired source URL, title and day."""


@dataclass(frozen=True)
class _Seed:
    """One seed file, read."""

    path: Path
    data: bytes
    sha256: str


def ingest(config: SiteConfig) -> IngestReport:
    """Bring content/articles/ up to date with seeds/, keeping every edit a person made."""
    articles_dir = config.content_dir / ARTICLES
    manifest_path = config.content_dir / MANIFEST
    old = _read_manifest(manifest_path)
    seeds = _read_seeds(config.seeds_dir)
    problems: list[Problem] = []
    new: dict[str, _Entry] = {}
    written: list[Path] = []
    settings = SeedSettings(
        config.zone, config.date_order, config.default_source, config.max_seed_bytes
    )
    claimed = _claimed_names(old, {seed.path.name for seed in seeds})
    identities: dict[str, str] = {}
    for seed in seeds:
        previous = _entry_for(old, seed.path.name)
        if (
            previous
            and previous[1].seed_sha256 == seed.sha256
            and _page_unchanged(articles_dir, previous)
        ):
            if not _duplicate(seed.path, previous[1].identity, identities, problems, config):
                new[previous[0]] = previous[1]
            continue
        outcome = _ingest_one(config, settings, seed, previous, claimed, identities, problems)
        if outcome is not None:
            name, entry, wrote = outcome
            new[name] = entry
            written.extend([articles_dir / name] if wrote else [])
        elif previous and _refused(seed.path, problems):
            new[previous[0]] = previous[1]  # a seed gone bad keeps its last good page
    removed = _remove_orphans(articles_dir, old, new, problems)
    _write_manifest(manifest_path, new)
    refused = tuple(seed.path for seed in seeds if _refused(seed.path, problems))
    return IngestReport(len(seeds), tuple(written), tuple(removed), refused, tuple(problems))


def _refused(path: Path, problems: list[Problem]) -> bool:
    return any(p.path == path and p.severity == "error" for p in problems)


def _read_seeds(seeds_dir: Path) -> list[_Seed]:
    """Every seeds/*.txt in name order, so that every run decides ties the same way."""
    if not seeds_dir.is_dir():
        return []
    found = []
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.is_file():
            data = path.read_bytes()
            found.append(_Seed(path, data, hashlib.sha256(data).hexdigest()))
    return found


def _ingest_one(
    config: SiteConfig,
    settings: SeedSettings,
    seed: _Seed,
    previous: tuple[str, _Entry] | None,
    claimed: dict[str, str],
    identities: dict[str, str],
    problems: list[Problem],
) -> tuple[str, _Entry, bool] | None:
    """Parse one new or changed seed and write its page unless a person edited it."""
    mtime = datetime.fromtimestamp(seed.path.stat().st_mtime, UTC)
    article, found = parse_seed(seed.path, seed.data, settings, mtime)
    problems.extend(found)
    if article is None:
        return None
    identity = identity_keys(article, config)
    if _duplicate(seed.path, identity, identities, problems, config):
        return None
    articles_dir = config.content_dir / ARTICLES
    if previous:
        name, slug = previous[0], previous[1].slug
    else:
        name, slug = _choose_name(articles_dir, article, seed.path.name, claimed, config)
    text = page_text(article, slug, seed.path.name)
    page = articles_dir / name
    entry = _Entry(seed.path.name, seed.sha256, _sha(text.encode()), slug, identity)
    if page.exists() and not _generated_unedited(page, previous, text):
        problems.append(_edit_kept(config, page, seed.path, previous))
        kept = previous[1] if previous else replace(entry, page_sha256="")
        return name, kept, False
    return name, entry, atomic_write(page, text.encode())


def _generated_unedited(page: Path, previous: tuple[str, _Entry] | None, text: str) -> bool:
    """True when ingest may overwrite the page: it is byte for byte what ingest last wrote."""
    current = _sha(page.read_bytes())
    if previous is not None and previous[1].page_sha256:
        return current == previous[1].page_sha256
    return current == _sha(text.encode())


def _edit_kept(
    config: SiteConfig, page: Path, seed: Path, previous: tuple[str, _Entry] | None
) -> Problem:
    rel_page = _relative(page, config.root)
    if previous is None:
        message = (
            f"{rel_page} already exists and was not written by ingest; kept it. "
            "Move it away and ingest again to take the seed's version"
        )
    else:
        message = (
            f"the seed changed, but {rel_page} was edited by hand; kept your edit. "
            "Delete the page and ingest again to take the seed's new version"
        )
    return Problem(seed, 0, message, "warning")


def identity_keys(article: SeedArticle, config: SiteConfig) -> tuple[str, ...]:
    """What makes two seeds the same article: the repaired source URL, or title and day."""
    day = article.date.astimezone(config.zone).date().isoformat()
    keys = [f"title:{' '.join(article.title.casefold().split())}|{day}"]
    if article.source_url:
        keys.append("url:" + article.source_url.rstrip("/").lower())
    return tuple(keys)


def _duplicate(
    path: Path,
    identity: Iterable[str],
    seen: dict[str, str],
    problems: list[Problem],
    config: SiteConfig,
) -> bool:
    """Record the article's keys; True (with a warning) when an earlier seed had one of them."""
    for key in identity:
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(
                    path,
                    0,
                    f"same article as {first} (same {'source URL' if key.startswith('url:') else 'title and date'}); "
                    "skipped it, delete one of the two seeds",
                    "warning",
                )
            )
            return True
    for key in identity:
        seen[key] = _relative(path, config.root)
    return False


def slugify(title: str) -> str:
    """A readable ASCII slug, at most 80 characters, never empty; safe on every static host."""
    ascii_title = anyascii(title).lower().replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug.strip("-") or "article-" + _sha(title.encode())[:8]


def _choose_name(
    articles_dir: Path,
    article: SeedArticle,
    seed_name: str,
    claimed: dict[str, str],
    config: SiteConfig,
) -> tuple[str, str]:
    """File name and slug for a new page; a clash on the same day gets a suffix from the seed's name."""
    day = article.date.astimezone(config.zone).date().isoformat()
    slug = slugify(article.title)
    for candidate in (slug, f"{slug[: MAX_SLUG - 7]}-{_sha(seed_name.encode())[:6]}"):
        name = f"{day}-{candidate}.md"
        owner = claimed.get(name)
        if owner in (None, seed_name) and _free_or_ours(articles_dir / name, seed_name, owner):
            claimed[name] = seed_name
            return name, candidate
    name = f"{day}-{slug}-{_sha(seed_name.encode())[:12]}.md"
    claimed[name] = seed_name
    return name, name[11:-3]


def _free_or_ours(page: Path, seed_name: str, owner: str | None) -> bool:
    """A name is usable when no file has it, or the file there says it came from this seed."""
    if owner == seed_name or not page.exists():
        return True
    try:
        meta, _, _ = frontmatter.split(page.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return False
    return meta.get("seed") == seed_name


def page_text(article: SeedArticle, slug: str, seed_name: str) -> str:
    """The Markdown page for an article: front matter fields in a fixed order, then the body."""
    meta: dict[str, Any] = {"title": article.title, "date": article.date, "slug": slug}
    if article.source:
        meta["source"] = article.source
    if article.source_url:
        meta["source_url"] = article.source_url
    if article.image_caption:
        meta["image_caption"] = article.image_caption
    if article.image_credit:
        meta["image_credit"] = article.image_credit
    if article.related:
        meta["related"] = list(article.related)
    if article.correction:
        meta["correction"] = article.correction
    meta.update(summary=article.summary, tags=[], seed=seed_name)
    return frontmatter.dump(meta, article.body_markdown)


def _claimed_names(old: dict[str, _Entry], present: set[str]) -> dict[str, str]:
    """Page names already owned by seeds that still exist."""
    return {name: entry.seed for name, entry in old.items() if entry.seed in present}


def _entry_for(old: dict[str, _Entry], seed_name: str) -> tuple[str, _Entry] | None:
    for name, entry in old.items():
        if entry.seed == seed_name:
            return name, entry
    return None


def _page_unchanged(articles_dir: Path, previous: tuple[str, _Entry]) -> bool:
    """The page is still there, byte for byte as ingest wrote it (or as the person left it)."""
    name, entry = previous
    try:
        return (
            _sha((articles_dir / name).read_bytes()) == entry.page_sha256 or entry.page_sha256 == ""
        )
    except FileNotFoundError:
        return False


def _remove_orphans(
    articles_dir: Path, old: dict[str, _Entry], new: dict[str, _Entry], problems: list[Problem]
) -> list[Path]:
    """Remove pages whose seed is gone, but only those nobody edited."""
    removed = []
    live = {entry.seed for entry in new.values()}
    for name, entry in sorted(old.items()):
        if name in new or entry.seed in live:
            continue
        page = articles_dir / name
        try:
            unedited = _sha(page.read_bytes()) == entry.page_sha256
        except FileNotFoundError:
            continue
        if unedited:
            page.unlink()
            removed.append(page)
        else:
            problems.append(
                Problem(
                    page,
                    0,
                    f"its seed {entry.seed} is gone, but the page was edited by hand; kept it as a "
                    "hand-written page, delete it if it should go",
                    "warning",
                )
            )
    return removed


def _read_manifest(path: Path) -> dict[str, _Entry]:
    """The manifest, or empty when missing or unreadable (then every existing page counts as edited)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(name): _Entry(
                str(e["seed"]),
                str(e["seed_sha256"]),
                str(e["page_sha256"]),
                str(e["slug"]),
                tuple(str(k) for k in e["identity"]),
            )
            for name, e in raw["pages"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write_manifest(path: Path, entries: dict[str, _Entry]) -> None:
    pages = {
        name: {
            "seed": e.seed,
            "seed_sha256": e.seed_sha256,
            "page_sha256": e.page_sha256,
            "slug": e.slug,
            "identity": list(e.identity),
        }
        for name, e in sorted(entries.items())
    }
    text = json.dumps({"version": 1, "pages": pages}, indent=1, ensure_ascii=False) + "\n"
    if pages or path.exists():
        atomic_write(path, text.encode())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
