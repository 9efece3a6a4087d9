"""The merge bases: a copy of each page as ingest last wrote it, in `content/.ingest/base/`.

A re-ingest merges the seed's change into a page a person edited (`merge.py`), and needs
what ingest wrote before the edit. The copy is named by its page and by the hash the record
(`content/.ingest.json`) holds for that page, so a copy always is what the record says it
is: a stale or damaged one is never taken (its bytes must hash to the name's hash). The
folder is hidden, so the content loader skips it, and lives in content/, so it survives the
deletion of `.cache/`. A missing copy only means a person's edit is kept as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .merge import Merged, merge_pages
from .seedfiles import sha256

BASES = Path(".ingest") / "base"
"""The folder of merge bases, in content/."""
_HASH_CHARS = 16


def base_path(content_dir: Path, page: str, page_sha256: str) -> Path:
    """Where the base of a page with this hash (as the record holds it) is kept."""
    return content_dir / BASES / f"{page}.{page_sha256[:_HASH_CHARS]}"


def read_base(content_dir: Path, page: str, page_sha256: str) -> bytes | None:
    """The page as ingest wrote it with this hash; None when it is missing or not those bytes."""
    if not page_sha256:
        return None
    try:
        data = base_path(content_dir, page, page_sha256).read_bytes()
    except OSError:
        return None
    return data if sha256(data) == page_sha256 else None


def keep_base(content_dir: Path, page: str, data: bytes, page_sha256: str) -> None:
    """Keep a copy of what ingest writes (or would write) for a page, before the page itself.

    A plain write, not an atomic one (half the system calls, for 10,000 pages on a cold
    ingest): a copy cut short does not hash to its name, and is never taken for a base."""
    path = base_path(content_dir, page, page_sha256)
    try:
        if path.stat().st_size == len(data):
            return  # named by its hash: the same bytes, unless damaged (then read_base says so)
    except FileNotFoundError:
        pass
    try:
        path.write_bytes(data)
    except FileNotFoundError:  # the first base: make the folder only then
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def prune_bases(content_dir: Path, kept: Iterable[tuple[str, str]]) -> None:
    """Remove the bases of pages the record no longer holds at that hash; call it only after
    the record is written, so that a run cut short still finds the bases its record names."""
    folder = content_dir / BASES
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return
    wanted = {f"{page}.{digest[:_HASH_CHARS]}" for page, digest in kept if digest}
    for name in names:
        if name not in wanted and not name.startswith("."):  # '.' : an atomic write's temporary
            (folder / name).unlink(missing_ok=True)


def merge_edit(
    content_dir: Path, page: str, page_sha256: str, current: bytes, text: bytes
) -> Merged | None:
    """The seed's change (from the base the record names to `text`) merged into the page as
    it is now; None without that base, or when a version is not UTF-8 or cannot be cut."""
    base = read_base(content_dir, page, page_sha256)
    if base is None:
        return None
    try:
        return merge_pages(base.decode(), current.decode(), text.decode())
    except UnicodeDecodeError:
        return None
