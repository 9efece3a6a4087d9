"""Putting bytes on disk safely: atomic writes, unchanged files left alone, stale files removed."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MANIFEST_NAME = ".newsdigest-manifest.json"


@dataclass(frozen=True)
class WriteReport:
    """What writing a set of files changed on disk."""

    changed: tuple[str, ...]
    """Relative paths of files created or whose bytes changed."""
    unchanged: int
    """Files whose bytes were already right, left untouched."""
    removed: tuple[str, ...]
    """Relative paths of files of an earlier build that this build no longer makes."""

    @property
    def written(self) -> int:
        return len(self.changed)


def atomic_write(path: Path, data: bytes) -> bool:
    """Write through a temporary file in the same folder and a rename; False if already equal."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
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


def safe_join(root: Path, relative: str) -> Path:
    """root/relative, refusing any path that would leave root."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*pure.parts)


def write_site(
    out_dir: Path, files: Iterable[tuple[str, bytes]], kept: Iterable[str] = ()
) -> WriteReport:
    """Write every (relative path, bytes); then remove what the last build wrote and this did not.

    `kept` are files this build also makes but knows to be up to date, so it did not render
    them again. Only files listed in the manifest of the previous build are removed, so files
    a person put in the output folder by hand are never the build's to delete.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(out_dir)
    changed: list[str] = []
    current: set[str] = set(kept)
    for relative, data in files:
        current.add(relative)
        if atomic_write(safe_join(out_dir, relative), data):
            changed.append(relative)
    removed = _remove_stale(out_dir, previous - current)
    atomic_write(out_dir / MANIFEST_NAME, _manifest_bytes(current))
    return WriteReport(tuple(changed), len(current) - len(changed), tuple(removed))


def read_manifest(out_dir: Path) -> set[str]:
    """The relative paths the previous build wrote; empty when there is no readable manifest."""
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        return {str(path) for path in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _manifest_bytes(paths: set[str]) -> bytes:
    return (json.dumps({"files": sorted(paths)}, indent=0) + "\n").encode()


def _remove_stale(out_dir: Path, stale: set[str]) -> list[str]:
    """Delete stale files and the folders they leave empty."""
    removed = []
    for relative in sorted(stale, reverse=True):
        try:
            path = safe_join(out_dir, relative)
            path.unlink()
        except (ValueError, FileNotFoundError):
            continue
        removed.append(relative)
        _prune_empty(path.parent, out_dir)
    return removed


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def static_files(static_dir: Path) -> list[tuple[str, bytes]]:
    """Every file under static/ as (relative path, bytes), skipping hidden and editor files."""
    if not static_dir.is_dir():
        return []
    found = []
    for path in sorted(static_dir.rglob("*")):
        relative = path.relative_to(static_dir)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_file() and not hidden and not path.name.endswith("~"):
            found.append((relative.as_posix(), path.read_bytes()))
    return found


def copy_tree(source: Path, destination: Path) -> None:
    """Copy a folder of starter files, never overwriting what is there."""
    for path in sorted(source.rglob("*")):
        target = destination / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
