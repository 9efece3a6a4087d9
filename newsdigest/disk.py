"""Small, safe file operations every stage shares: atomic writes, byte comparison, hidden
companions of a folder, the files of a site folder that may be read (no link out of it), and
reading back the pickles this program wrote itself."""

from __future__ import annotations

import dataclasses
import io
import os
import pickle
import tempfile
import zlib
from pathlib import Path
from typing import Any

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


_PICKLE_MAGIC = b"newsdigest-cache-1\n"
_DIGEST_SIZE = 4
"""A CRC-32 of the pickle: it finds a damaged file, at a third of a cryptographic hash's
time over a 60 MB cache; safety against a crafted file is the unpickler's, not the sum's."""


def write_pickle(path: Path, value: object) -> bool:
    """Pickle `value` atomically, behind a checksum of its bytes (see `read_pickle`)."""
    data = pickle.dumps(value, protocol=5)
    digest = _checksum(data)
    return atomic_write(path, _PICKLE_MAGIC + digest + data)


def read_pickle(path: Path) -> tuple[object, int] | None:
    """An object `write_pickle` wrote and its file's modification time; None when the file is
    missing, damaged (its checksum fails: a flipped byte must not publish wrong text) or holds
    anything but the plain data the build keeps.

    The cache may come from elsewhere (a CI cache restored into .cache/): it is unpickled
    with only the classes of `_ALLOWED` constructible, so a crafted file cannot run code,
    and any failure at all is an empty cache, never a crash.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read()
            stamp = os.fstat(handle.fileno()).st_mtime_ns
    except OSError:
        return None
    start = len(_PICKLE_MAGIC) + _DIGEST_SIZE
    digest = raw[len(_PICKLE_MAGIC) : start]
    if not raw.startswith(_PICKLE_MAGIC) or digest != _checksum(memoryview(raw)[start:]):
        return None
    stream = io.BytesIO(raw)  # shares raw's buffer: no second copy of a 60 MB cache
    stream.seek(start)
    try:
        return _PlainDataUnpickler(stream).load(), stamp
    except Exception:
        return None


def _checksum(data: bytes | memoryview) -> bytes:
    return zlib.crc32(data).to_bytes(_DIGEST_SIZE, "big")


_ALLOWED_STDLIB = frozenset(
    {
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("builtins", "bytearray"),
        ("builtins", "complex"),
        ("collections", "Counter"),
        ("collections", "OrderedDict"),
        ("collections", "deque"),
        ("datetime", "datetime"),
        ("datetime", "date"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("pathlib", "PosixPath"),
        ("pathlib", "PurePosixPath"),
        ("pathlib", "WindowsPath"),
        ("pathlib", "PureWindowsPath"),
        ("zoneinfo", "ZoneInfo"),
        ("types", "MappingProxyType"),
    }
)
"""Standard classes the cache holds: values, never anything that acts when made."""


class _PlainDataUnpickler(pickle.Unpickler):
    """An unpickler that makes only plain data: the standard classes above, ZoneInfo by key,
    and newsdigest's own frozen dataclasses (whose construction only assigns fields)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_STDLIB:
            return super().find_class(module, name)
        if (module, name) == ("zoneinfo", "ZoneInfo._unpickle"):
            return super().find_class(module, name)
        if module.startswith("newsdigest.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


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
