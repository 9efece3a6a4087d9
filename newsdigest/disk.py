"""Small, safe file operations every stage shares: atomic writes, byte comparison, hidden
companions of a folder, and reading back the pickles this program wrote itself."""

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
