"""A cheap fingerprint of a whole site, inputs and outputs, from file metadata alone.

When nothing under seeds/, content/, layouts/, static/, site.toml or the output folder has
changed since the last build (same names, sizes and modification times), the build has
nothing to do; checking that takes one stat a file, far less than loading the build cache.
Like git's index, a file modified within a moment of the last build could have changed again
without its size or time changing. As git does with racy index entries, the snapshot keeps a
hash of the bytes of each such recent file, and the next build re-reads just those: a build
straight after a build (every file it wrote is recent) is as quick as any other.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsdigest.disk import RACY_WINDOW_NS, read_pickle, unsafe_link, write_pickle


@dataclass(frozen=True)
class Snapshot:
    """What the folders looked like, and the newest modification time seen."""

    digest: str
    newest_ns: int
    times: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    """Each file's modification time, by path: to find the racily recent ones."""

    def recent(self, since_ns: int) -> list[str]:
        """The files modified at or after since_ns."""
        return [path for path, mtime in self.times.items() if mtime >= since_ns]


@dataclass(frozen=True)
class Saved:
    """A snapshot taken right after a build, with what that build reported."""

    snapshot: Snapshot
    report: object
    """The build's report, handed back when nothing changed."""
    written_ns: int = 0
    """When it was saved, by the disk's clock (the file's own modification time)."""
    hashes: Mapping[str, str] = field(default_factory=dict)
    """A hash of the bytes of every file that was recent when the snapshot was saved."""


def take(roots: list[Path], salt: str, boundary: Path | None = None) -> Snapshot:
    """Hash every file's path, size and mtime under the given files and folders, following
    links to folders only inside `boundary` (the site folder) when it is given."""
    digest = hashlib.blake2b(salt.encode(), digest_size=16)
    times: dict[str, int] = {}
    for root in roots:
        for path, stat in _walk(root, boundary):
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
            times[path] = stat.st_mtime_ns
    return Snapshot(digest.hexdigest(), max(times.values(), default=0), times)


def racy_hashes(current: Snapshot) -> dict[str, str]:
    """Hashes of the files recent enough to be racy once the snapshot is saved (now, or a
    moment later by a disk clock that lags): what `unchanged` will need to read again."""
    since = time.time_ns() - 2 * RACY_WINDOW_NS
    return {path: _file_hash(path) for path in current.recent(since)}


def _file_hash(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "blake2b").hexdigest()
    except OSError:
        return ""


UNTRACKED = ".ingest"
"""Folders not walked: ingest's merge bases (content/.ingest/base/, 10,000 files for as many
articles) are read only by an ingest of a changed seed, which the seeds' snapshot sees."""


def _walk(root: Path, boundary: Path | None = None) -> list[tuple[str, os.stat_result]]:
    """(path, stat) of every file under root (or root itself), in a stable order."""
    try:
        if not root.is_dir():
            return [(str(root), root.stat())]
    except FileNotFoundError:
        return []
    found = []
    pending = [str(root)]
    # Folders reached through a symlink, by identity: a loop of links ends here. A folder that
    # is no link cannot make a loop, and needs no stat of its own (20,000 of them in public/).
    seen: set[tuple[int, int]] = set()
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=True):
                    stat = _stat(entry)
                    if stat is not None:
                        found.append((entry.path, stat))
                elif entry.name == UNTRACKED:
                    continue
                elif not entry.is_symlink() or _first_visit(entry.path, seen, boundary):
                    pending.append(entry.path)
    found.sort(key=lambda item: item[0])
    return found


def _stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    """The entry's stat through any link; a link to nothing has its own (it is an input that
    may come back), and an entry gone since the listing has none."""
    try:
        return entry.stat()
    except FileNotFoundError:
        try:
            return entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            return None


def _first_visit(folder: str, seen: set[tuple[int, int]], boundary: Path | None) -> bool:
    """Whether a folder reached through a link is new and, when a boundary is given, inside
    it: the build reads nothing through a link out of the site (`static/usr -> /usr`)."""
    if boundary is not None and unsafe_link(Path(folder), boundary):
        return False
    identity = os.stat(folder)
    key = (identity.st_dev, identity.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def snapshot_file(out_dir: Path) -> str:
    """One snapshot per output folder: the preview's and public/ each keep their own."""
    key = hashlib.blake2b(str(out_dir.resolve()).encode(), digest_size=8).hexdigest()
    return f"snapshot-{key}.pickle"


def load(cache_dir: Path, out_dir: Path) -> Saved | None:
    """The saved snapshot, or None when there is none or it cannot be read."""
    found = read_pickle(cache_dir / snapshot_file(out_dir))
    if found is None:
        return None
    saved, written_ns = found
    if not isinstance(saved, Saved):
        return None
    return Saved(saved.snapshot, saved.report, written_ns, saved.hashes)


def unchanged(saved: Saved | None, current: Snapshot) -> bool:
    """True when nothing changed since the saved snapshot: the same names, sizes and times,
    and every racily recent file still holds the bytes it held then."""
    if saved is None or saved.snapshot.digest != current.digest:
        return False
    if current.newest_ns < saved.written_ns - RACY_WINDOW_NS:
        return True
    racy = current.recent(saved.written_ns - RACY_WINDOW_NS)
    return all(path in saved.hashes and saved.hashes[path] == _file_hash(path) for path in racy)


def save(cache_dir: Path, out_dir: Path, saved: Saved) -> None:
    """Write the snapshot through a temporary file and a rename."""
    bare = Snapshot(saved.snapshot.digest, saved.snapshot.newest_ns)  # times are not needed
    write_pickle(cache_dir / snapshot_file(out_dir), Saved(bare, saved.report, hashes=saved.hashes))
