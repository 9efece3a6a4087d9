"""A cheap fingerprint of a whole site, inputs and outputs, from file metadata alone.

When nothing under seeds/, content/, layouts/, static/, site.toml or the output folder has
changed since the last build (same names, sizes and modification times), the build has
nothing to do; checking that takes one stat a file, far less than loading the build cache.
Like git's index, a file modified within a moment of the last build could have changed again
without its size or time changing, so such a recent file makes the snapshot untrustworthy.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from newsdigest.disk import RACY_WINDOW_NS, atomic_write, read_pickle

SNAPSHOT_NAME = "snapshot.pickle"


@dataclass(frozen=True)
class Snapshot:
    """What the folders looked like, and the newest modification time seen."""

    digest: str
    newest_ns: int


@dataclass(frozen=True)
class Saved:
    """A snapshot taken right after a build, with what that build reported."""

    snapshot: Snapshot
    report: object
    """The build's report, handed back when nothing changed."""
    written_ns: int = 0
    """When it was saved, by the disk's clock (the file's own modification time)."""


def take(roots: list[Path], salt: str) -> Snapshot:
    """Hash every file's path, size and mtime under the given files and folders."""
    digest = hashlib.blake2b(salt.encode(), digest_size=16)
    newest = 0
    for root in roots:
        for path, stat in _walk(root):
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
            newest = max(newest, stat.st_mtime_ns)
    return Snapshot(digest.hexdigest(), newest)


def _walk(root: Path) -> list[tuple[str, os.stat_result]]:
    """(path, stat) of every file under root (or root itself), in a stable order."""
    try:
        if not root.is_dir():
            return [(str(root), root.stat())]
    except FileNotFoundError:
        return []
    found = []
    pending = [str(root)]
    seen: set[tuple[int, int]] = set()  # folders already walked: a symlink loop ends here
    while pending:
        folder = pending.pop()
        identity = os.stat(folder)
        if (identity.st_dev, identity.st_ino) in seen:
            continue
        seen.add((identity.st_dev, identity.st_ino))
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=True):
                    pending.append(entry.path)
                else:
                    found.append((entry.path, entry.stat()))
    found.sort(key=lambda item: item[0])
    return found


def load(cache_dir: Path) -> Saved | None:
    """The saved snapshot, or None when there is none or it cannot be read."""
    found = read_pickle(cache_dir / SNAPSHOT_NAME)
    if found is None:
        return None
    saved, written_ns = found
    if not isinstance(saved, Saved):
        return None
    return Saved(saved.snapshot, saved.report, written_ns)


def unchanged(saved: Saved | None, current: Snapshot) -> bool:
    """True when nothing changed since the saved snapshot and no file is racily recent."""
    return (
        saved is not None
        and saved.snapshot.digest == current.digest
        and current.newest_ns < saved.written_ns - RACY_WINDOW_NS
    )


def save(cache_dir: Path, saved: Saved) -> None:
    """Write the snapshot through a temporary file and a rename."""
    data = pickle.dumps(Saved(saved.snapshot, saved.report), protocol=5)
    atomic_write(cache_dir / SNAPSHOT_NAME, data)
