"""Putting bytes on disk safely: atomic writes, unchanged files left alone, stale files removed."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsdigest.disk import atomic_write, beside, same_bytes

OUTPUT_MANIFEST = ".newsdigest-manifest.json"
"""The list, inside the output folder, of the files the last build wrote: only those are ever
removed as stale."""


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


def safe_join(root: Path, relative: str) -> Path:
    """root/relative, refusing any path that would leave root."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*pure.parts)


def write_site(
    out_dir: Path, files: Iterable[tuple[str, bytes]], kept: Iterable[str] = ()
) -> WriteReport:
    """Bring out_dir to exactly these files, never leaving it half-written.

    Changed files are first written to a staging folder beside out_dir. Only when all of them
    are on disk is a journal of the switch written; then files are moved into place and stale
    ones removed. A build killed before the journal leaves the previous site untouched; one
    killed after it is finished by the next build (`recover`). `kept` are files this build also
    makes but knows to be up to date. Only files listed in the previous build's manifest are
    ever removed, so files a person put in out_dir by hand are not the build's to delete.
    """
    recover(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(out_dir)
    current: set[str] = set(kept)
    staged: list[tuple[str, str]] = []
    staging = _staging_dir(out_dir)
    staging.mkdir(exist_ok=True)
    for relative, data in files:
        current.add(relative)
        if not same_bytes(safe_join(out_dir, relative), data):
            staged.append((_stage(staging, data), relative))
    manifest = _manifest_bytes(current)
    if not same_bytes(out_dir / OUTPUT_MANIFEST, manifest):
        staged.append((_stage(staging, manifest), OUTPUT_MANIFEST))
    stale = sorted((previous - current) - {OUTPUT_MANIFEST}, reverse=True)
    journal: dict[str, list[Any]] = {"moves": staged, "removals": stale}
    atomic_write(_journal_path(out_dir), json.dumps(journal).encode())
    removed = _apply(out_dir, journal)
    changed = tuple(relative for _, relative in staged if relative != OUTPUT_MANIFEST)
    return WriteReport(changed, len(current) - len(changed), tuple(removed))


def recover(out_dir: Path) -> None:
    """Finish a switch a killed build had journaled, or drop what a killed build had staged."""
    journal_path = _journal_path(out_dir)
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shutil.rmtree(_staging_dir(out_dir), ignore_errors=True)
        return
    _apply(out_dir, journal)


def _apply(out_dir: Path, journal: dict[str, list[Any]]) -> list[str]:
    """Move staged files into place and remove stale ones; safe to repeat after a kill."""
    staging = _staging_dir(out_dir)
    for name, relative in journal["moves"]:
        target = safe_join(out_dir, relative)
        try:
            os.replace(staging / name, target)
        except FileNotFoundError:
            if (staging / name).exists():  # the target's folder is new
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / name, target)
    removed = _remove_stale(out_dir, set(journal["removals"]))
    _journal_path(out_dir).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    return removed


def _staging_dir(out_dir: Path) -> Path:
    """Beside out_dir, so it is never uploaded with it; inside when out_dir is a mount point,
    since moves must stay on one file system to be renames."""
    return beside(out_dir, "staging")


def _journal_path(out_dir: Path) -> Path:
    return beside(out_dir, "journal.json")


def _stage(staging: Path, data: bytes) -> str:
    """Write data to a new file in the staging folder; return its name."""
    fd, temp = tempfile.mkstemp(dir=staging, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(temp, 0o644)
    return Path(temp).name


def read_manifest(out_dir: Path) -> set[str]:
    """The relative paths the previous build wrote; empty when there is no readable manifest."""
    try:
        data = json.loads((out_dir / OUTPUT_MANIFEST).read_text(encoding="utf-8"))
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
