"""Small, safe file operations every stage shares: atomic writes, byte comparison, hidden
companions of a folder, the files of a site folder that may be read (no link out of it), and
reading back the pickles this program wrote itself."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

RACY_WINDOW_NS = 2_000_000_000
"""A file modified within this long of a moment we recorded (by the disk's clock) may have
changed again in the same clock tick without its size or time changing: as in git's index,
such a racily recent file is never trusted to be unchanged."""


def atomic_write(path: Path, data: bytes) -> bool:
    """Write through a temporary file in the same folder and a rename; False if already equal."""
    if same_bytes(path, data):
        return False
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:  # a new folder: create it only then, not a syscall per write
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def same_bytes(path: Path, data: bytes) -> bool:
    """True when the file exists and holds exactly these bytes."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError):
        return False


def beside(folder: Path, what: str) -> Path:
    """A hidden path next to `folder` ('.public.what'), on the same file system and never
    published with it; inside the folder when it is a mount point, since moves between the
    two must stay on one file system to be renames."""
    resolved = folder.resolve()
    try:
        same_device = resolved.stat().st_dev == resolved.parent.stat().st_dev
    except FileNotFoundError:
        same_device = True
    return (
        resolved.parent / f".{resolved.name}.{what}"
        if same_device
        else resolved / f".newsdigest-{what}"
    )


def read_pickle(path: Path) -> tuple[object, int] | None:
    """A pickled object and its file's modification time; None when missing or unreadable.

    Only for files this program wrote itself (the build cache): unpickling runs code.
    """
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        return value, os.stat(path).st_mtime_ns
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None


def unsafe_link(path: Path, boundary: Path) -> str:
    """Why `path` must not be read as part of the site ('' when it may): a symlink that leads
    nowhere (editors leave them: Emacs's `.#page.md`), or one that leads out of `boundary`,
    the site folder (`static/x -> /etc/shadow` would be published)."""
    if not path.is_symlink():
        return ""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a symlink to nothing"
    if not target.is_relative_to(boundary.resolve()):
        return f"a symlink out of the site (to {target})"
    return ""


def site_files(folder: Path, boundary: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every file under `folder` in a stable order, but hidden ones, and the entries skipped
    with why (`unsafe_link`): a link is followed only when it stays inside `boundary`, and a
    loop of links ends at the second visit."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    if not folder.is_dir():
        return [], []
    top = os.stat(folder)
    seen = {(top.st_dev, top.st_ino)}
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                why = unsafe_link(path, boundary) if entry.is_symlink() else ""
                if why:
                    skipped.append((path, why))
                elif not entry.is_dir():
                    files.append(path)
                elif _first_visit(entry, seen):
                    pending.append(path)
    return sorted(files), sorted(skipped)


def _first_visit(entry: os.DirEntry[str], seen: set[tuple[int, int]]) -> bool:
    """Whether a folder is new to this walk: a link back to a folder walked already (an
    ancestor, say) is not walked again."""
    found = entry.stat()
    key = (found.st_dev, found.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True
