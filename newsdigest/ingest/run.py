"""seeds/*.txt to content/articles/*.md: naming, duplicates, and never losing a person's edit.

Ingest keeps a record (`content/.ingest.json`) of each page it generated: the seed it came
from, that seed's hash and the hash of the bytes it wrote, and a copy of those bytes
(`bases.py`). A page whose bytes no longer match was edited by a person: when its seed
changes, the seed's change is merged into the edit (`merge.py`), and what both changed keeps
the person's version, with a warning. Ingest never removes an edited page.

Ingest writes only what the seed says; the summary, word count and names are found in the
page's current text when it is loaded (content/load.py), so they follow every edit.

The record is a cache of what the pages say, never the only copy: every generated page
names its seed in its front matter. When the record is lost, ingest adopts the pages that
name a seed (one whose bytes differ from what the seed gives now counts as edited), and any
other article page blocks a new seed for the same article, so no page is duplicated.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.disk import atomic_write
from newsdigest.model import Problem
from newsdigest.parallel import map_items
from newsdigest.slugs import slugify, suffixed

from .bases import keep_base, merge_edit, prune_bases
from .identity import Stranger, identity_keys, read_strangers
from .page import page_text
from .record import Entry, parse_record, record_bytes
from .report import Ingested, IngestReport
from .seedfiles import SeedFile, read_seed_files, sha256
from .seeds import SeedArticle, SeedSettings, oversize_problem, parse_seed

INGEST_RECORD = ".ingest.json"
"""The record of generated pages, in content/."""


@dataclass
class _Run:
    """The state of one ingest run, private to this module."""

    config: SiteConfig
    settings: SeedSettings
    old: dict[str, Entry]
    present: set[str]
    """Names of the seed files that exist."""
    new: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    seen: dict[str, Path] = field(default_factory=dict)
    """Identity key -> the seed that claimed it first."""
    foreign: dict[str, str] = field(default_factory=dict)
    """Identity key -> the stranger page that has it."""
    taken: set[str] = field(default_factory=set)
    """Page stems in use: 'YYYY-MM-DD-slug'."""
    analysed: dict[str, Analysis] = field(default_factory=dict)
    """Seed name -> its analysis, made up front for every new or changed seed."""
    status: str = "ok"
    """How the record read: 'ok', 'missing' or 'unreadable'."""
    pages: set[str] = field(default_factory=set)
    """Names of the files in content/articles/ when the run started: one listing, not a stat each."""
    vanished: dict[str, list[str]] | None = None
    """Identity key -> the pages of vanished seeds that have it; made when first needed."""

    @property
    def articles_dir(self) -> Path:
        return self.config.articles_dir


def ingest(config: SiteConfig) -> Ingested:
    """Bring content/articles/ up to date with seeds/, keeping every edit a person made."""
    seeds = read_seed_files(config)
    run = _start(config, {seed.path.name for seed in seeds})
    old_entries = dict(run.old) if run.status == "ok" else None
    entries = _bind_entries(run, seeds)
    run.analysed = _analyse_changed(run, seeds, entries)
    for seed in sorted(seeds, key=lambda s: (s.path.name not in entries, s.path.name)):
        _ingest_seed(run, seed, entries.get(seed.path.name))
    removed = _remove_orphans(run)
    if run.new != old_entries or removed:  # an unchanged record is not even serialised
        _write_record(config.content_dir / INGEST_RECORD, run.new)
        prune_bases(config.content_dir, ((name, e.page_sha256) for name, e in run.new.items()))
    errors = {p.path for p in run.problems if p.severity == "error"}
    refused = tuple(s.path for s in seeds if s.path in errors)
    report = IngestReport(
        len(seeds), tuple(run.written), tuple(removed), refused, tuple(run.problems)
    )
    return Ingested(report, frozenset(e.page_sha256 for e in run.new.values() if e.page_sha256))


def _start(config: SiteConfig, present: set[str]) -> _Run:
    """Read the record and the pages it does not know; warn when it was unreadable."""
    settings = SeedSettings(
        config.zone, config.date_order, config.default_source, config.max_seed_bytes
    )
    record_path = config.content_dir / INGEST_RECORD
    old, status = parse_record(_read_text(record_path))
    run = _Run(config, settings, old, present, status=status)
    if run.articles_dir.is_dir():
        run.pages = set(os.listdir(run.articles_dir))
    if status == "unreadable":
        message = "unreadable, so ingest rebuilt it from the pages' 'seed' fields; nothing is lost"
        run.problems.append(Problem(record_path, 0, message, "warning"))
    run.taken.update(name.removesuffix(".md") for name in old)
    return run


def _bind_entries(run: _Run, seeds: list[SeedFile]) -> dict[str, tuple[str, Entry]]:
    """Seed name -> (page name, entry): from the record, a rename, or a page naming the seed."""
    bound = {e.seed: (name, e) for name, e in run.old.items() if e.seed in run.present}
    twins: dict[str, deque[str]] = {}  # a vanished seed's hash -> its pages, in record order
    for name, e in run.old.items():
        if e.seed not in run.present:
            twins.setdefault(e.seed_sha256, deque()).append(name)
    for seed in seeds:  # a renamed seed keeps its page
        same = twins.get(seed.sha256)
        if seed.path.name not in bound and same:
            twin = same.popleft()
            entry = replace(run.old[twin], seed=seed.path.name, seed_sha256="")
            bound[seed.path.name] = (twin, entry)
            run.old[twin] = entry
    unlisted = [n for n in run.pages if n.endswith(".md") and n not in run.old and n[0] != "."]
    for stranger in read_strangers(run.articles_dir, unlisted, run.config):
        if stranger.seed in run.present and stranger.seed not in bound:
            bound[stranger.seed] = (stranger.name, _adopted(stranger))
        elif stranger.seed in bound and bound[stranger.seed][0] not in run.pages:
            bound[stranger.seed] = (stranger.name, bound[stranger.seed][1])  # renamed by hand
        else:
            if stranger.seed in bound:
                run.problems.append(_second_page(run, stranger.name, bound[stranger.seed][0]))
            for key in stranger.identity:
                run.foreign.setdefault(key, _relative(run.articles_dir / stranger.name, run))
        run.taken.update(stranger.stem_keys)
    return bound


def _second_page(run: _Run, name: str, first: str) -> Problem:
    """A page that names the seed another page was made from: the article would be twice."""
    page, other = run.articles_dir / name, _relative(run.articles_dir / first, run)
    message = (
        f"names the same seed as {other}, so the article is on the site twice; "
        "delete one of the two (to rename a page, move it: ingest follows)"
    )
    return Problem(page, 0, message, "warning")


def _adopted(stranger: Stranger) -> Entry:
    """An entry for a page that names its seed but is not in the record: nothing is known."""
    return Entry(stranger.seed, "", "", stranger.slug, stranger.identity)


def _ingest_seed(run: _Run, seed: SeedFile, bound: tuple[str, Entry] | None) -> None:
    """Keep, regenerate or create the page of one seed, or refuse the seed."""
    if _unchanged(run, seed, bound) and bound:
        _keep_unchanged(run, seed, bound)
        return
    article, notes = _parse(run, seed)
    if article is None:
        if bound:  # a seed gone bad keeps its last good page
            run.new[bound[0]] = bound[1]
        return
    identity = identity_keys(article, run.config)
    owned = bound or _inherit(run, identity)
    if _duplicate(run, seed.path, identity, check_foreign=owned is None):
        return
    name, slug = (owned[0], owned[1].slug) if owned else _choose_name(run, article, seed)
    text = page_text(article, slug, seed.path.name).encode()
    entry = Entry(seed.path.name, seed.sha256, sha256(text), slug, identity, notes)
    run.new[name] = _write_unless_edited(run, name, text, entry, owned[1] if owned else None)


def _keep_unchanged(run: _Run, seed: SeedFile, bound: tuple[str, Entry]) -> None:
    """An unchanged seed: no parsing; its page stays as it is, edited or not."""
    name, entry = bound
    run.problems.extend(Problem(seed.path, line, text, "warning") for line, text in entry.notes)
    if not _duplicate(run, seed.path, entry.identity, check_foreign=False):
        run.new[name] = entry


def _unchanged(run: _Run, seed: SeedFile, bound: tuple[str, Entry] | None) -> bool:
    """The seed is the one its page was made from, and the page is still there."""
    return bound is not None and bound[1].seed_sha256 == seed.sha256 and bound[0] in run.pages


Analysis = tuple[SeedArticle | None, list[Problem]]
"""A parsed seed and its problems."""


def analyse_seed(settings: SeedSettings, item: tuple[Path, bytes, datetime]) -> Analysis:
    """Parse one seed: the costly, independent part of ingest.

    `item` is the seed's path, its bytes and the date to use when it gives none.
    """
    path, data, fallback = item
    return parse_seed(path, data, settings, fallback)


def _analyse_changed(
    run: _Run, seeds: list[SeedFile], entries: dict[str, tuple[str, Entry]]
) -> dict[str, Analysis]:
    """Analyse every new or changed seed, in worker processes when there are many (a cold build)."""
    todo = [
        s for s in seeds if s.data is not None and not _unchanged(run, s, entries.get(s.path.name))
    ]
    items = [(s.path, s.data or b"", datetime.fromtimestamp(s.mtime, UTC)) for s in todo]
    return {
        seed.path.name: result
        for seed, result in zip(todo, map_items(analyse_seed, items, run.settings), strict=True)
    }


def _parse(run: _Run, seed: SeedFile) -> tuple[SeedArticle | None, tuple[tuple[int, str], ...]]:
    """A seed's analysis, recording its problems; its warnings are also kept for later runs."""
    if seed.data is None:
        run.problems.append(
            Problem(seed.path, 1, f"cannot read the seed ({seed.error}); check its permissions")
            if seed.error
            else oversize_problem(seed.path, seed.size, run.config.max_seed_bytes)
        )
        return None, ()
    analysis = run.analysed.get(seed.path.name)
    if analysis is None:
        fallback = datetime.fromtimestamp(seed.mtime, UTC)
        analysis = analyse_seed(run.settings, (seed.path, seed.data, fallback))
    article, found = analysis
    run.problems.extend(found)
    return article, tuple((p.line, p.message) for p in found if p.severity == "warning")


def _inherit(run: _Run, identity: tuple[str, ...]) -> tuple[str, Entry] | None:
    """The page of a vanished seed for the same article: a re-scrape saved under a new name.

    Of several, the first by page name; found through an index of the vanished seeds' pages
    by identity key, made once, rather than by going through the whole record for each seed.
    """
    if run.vanished is None:
        run.vanished = {}
        for name, entry in run.old.items():
            if entry.seed not in run.present:
                for key in entry.identity:
                    run.vanished.setdefault(key, []).append(name)
    pages = {name for key in identity for name in run.vanished.get(key, ())}
    for name in sorted(pages):
        if name not in run.new:
            return name, replace(run.old[name], seed_sha256="")
    return None


def _write_unless_edited(
    run: _Run, name: str, text: bytes, entry: Entry, previous: Entry | None
) -> Entry:
    """Write the page when it is missing, unedited or already right; merge the seed's change
    into an edit when ingest's last version of the page is known; else keep the edit as it is.

    The base (what ingest writes now) is kept before the page is written, and the record,
    written last, names it: a run cut short leaves the last record and its bases intact."""
    page = run.articles_dir / name
    current = _read_or_none(page)
    run.taken.add(name.removesuffix(".md"))
    unedited = previous is not None and sha256(current or b"") == previous.page_sha256
    merged = None if current is None or unedited else _merged(run, page, current, text, previous)
    if current is None or current == text or unedited or merged is not None:
        keep_base(run.config.content_dir, name, text, entry.page_sha256)
        if atomic_write(page, text if merged is None else merged):
            run.written.append(page)
        return entry
    run.problems.append(_edit_kept(run, page, entry.seed, previous))
    return replace(entry, page_sha256=previous.page_sha256 if previous else "")


def _merged(
    run: _Run, page: Path, current: bytes, text: bytes, previous: Entry | None
) -> bytes | None:
    """The edited page with the seed's change merged in, its conflicts warned about; None
    when it cannot be merged (no base kept, text that cannot be cut into fields)."""
    if current == text or previous is None:
        return None
    merged = merge_edit(run.config.content_dir, page.name, previous.page_sha256, current, text)
    if merged is None:
        return None
    run.problems.extend(Problem(page, c.line, c.message, "warning") for c in merged.conflicts)
    return merged.text.encode()


def _edit_kept(run: _Run, page: Path, seed: str, previous: Entry | None) -> Problem:
    """The warning for a page kept because a person may have edited it."""
    where = _relative(page, run)
    if previous is None:
        message = f"{where} exists and was not written by ingest; kept it, move it away to ingest"
    elif not previous.page_sha256:
        message = (
            f"{where} differs from what its seed gives, and with no record of it ingest cannot "
            "tell an edit from an older version; kept it, delete it and ingest again to update it"
        )
    else:
        message = (
            f"the seed changed, but {where} was edited by hand; kept your edit, "
            "delete the page and ingest again to take the seed's new version"
        )
    return Problem(run.config.seeds_dir / seed, 0, message, "warning")


def _duplicate(run: _Run, path: Path, identity: tuple[str, ...], check_foreign: bool) -> bool:
    """Record the article's keys; True (with a warning) when an earlier seed or page has one."""
    for key in identity:
        earlier = run.seen.get(key)
        first = (
            _relative(earlier, run) if earlier else run.foreign.get(key) if check_foreign else None
        )
        if first:
            what = "source URL" if key.startswith("url:") else "title and date"
            message = f"same article as {first} (same {what}); skipped it, delete one of the two"
            run.problems.append(Problem(path, 0, message, "warning"))
            return True
    for key in identity:
        run.seen[key] = path
    return False


def _choose_name(run: _Run, article: SeedArticle, seed: SeedFile) -> tuple[str, str]:
    """File name and slug for a new page; a clash on the same day gets a suffix from the seed's name.

    The suffix depends only on the seed's file name, and a page already there keeps its name,
    so every build gives every article the same URL.
    """
    day = article.date.astimezone(run.config.zone).date().isoformat()
    slug = slugify(article.title)
    digest = sha256(seed.path.name.encode())
    for candidate in (slug, suffixed(slug, digest[:6]), suffixed(slug, digest)):
        stem = f"{day}-{candidate}"
        if stem not in run.taken and not (run.articles_dir / f"{stem}.md").exists():
            run.taken.add(stem)
            return f"{stem}.md", candidate
    raise AssertionError(f"no free name for {seed.path.name}")  # needs a SHA-256 collision


def _remove_orphans(run: _Run) -> list[Path]:
    """Remove pages whose seed is gone or now a duplicate, but only those nobody edited."""
    removed = []
    for name, entry in sorted(run.old.items()):
        if name in run.new or name not in run.pages:
            continue
        page = run.articles_dir / name
        current = _read_or_none(page)
        if current is None:
            continue
        if entry.page_sha256 and sha256(current) == entry.page_sha256:
            page.unlink()
            removed.append(page)
            continue
        why = "now duplicates another seed" if entry.seed in run.present else "is gone"
        message = (
            f"its seed {entry.seed} {why}, but the page was edited by hand; kept it as a "
            "hand-written page, delete it if it should go"
        )
        run.problems.append(Problem(page, 0, message, "warning"))
    return removed


def _write_record(path: Path, entries: dict[str, Entry]) -> None:
    """Write the record atomically, and only when its bytes change (or there is one to empty)."""
    if entries or path.exists():
        atomic_write(path, record_bytes(entries))


def _read_text(path: Path) -> str | None:
    """A file's text; None when it is missing; '' (unreadable) when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _relative(path: Path, run: _Run) -> str:
    """The path from the site folder, for messages (plain string work: this runs per seed)."""
    text, root = str(path), str(run.config.root).rstrip(os.sep) + os.sep
    return text[len(root) :] if text.startswith(root) else text
