"""Putting bytes on disk safely: atomic writes, unchanged files left alone, stale files removed."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsdigest.disk import atomic_write, beside, same_bytes, site_files

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
    files: frozenset[str] = frozenset()
    """Every file the folder now has of the build's: its manifest."""

    @property
    def written(self) -> int:
        return len(self.changed)


def safe_join(root: Path, relative: str) -> Path:
    """root/relative, refusing any path that would leave root."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*pure.parts)


class StagedFileMissing(OSError):
    """A file this build staged vanished before it was moved into place."""


def write_site(
    out_dir: Path,
    files: Iterable[tuple[str, bytes]],
    kept: Iterable[str] = (),
    last: frozenset[str] | None = None,
) -> WriteReport:
    """Bring out_dir to exactly these files, never leaving it half-written.

    Changed files are first written to a staging folder of this build's own beside out_dir.
    Only when all of them are on disk is a journal of the switch written; then files are moved
    into place and stale ones removed. A build killed before the journal leaves the previous
    site untouched; one killed after it is finished by the next build (`recover`). `files` may
    be made as they are taken, and may raise: then nothing of this call is left behind. `kept`
    are files this build also makes but knows to be up to date, taken after `files`. Only
    files listed in the previous build's manifest are ever removed, so files a person put in
    out_dir by hand are not the build's to delete. A staged file that vanished raises StagedFileMissing: it is never
    counted as written. `last` is the manifest this process itself wrote there last, if it
    knows it (a preview session): it need not be read back, nor written again when the same.
    """
    recover(out_dir)
    first_build = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(out_dir) if last is None else set(last)
    current: set[str] = set()
    staged: list[tuple[str, str]] = []
    staging = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}.", dir=_companions(out_dir)))
    try:
        for relative, data in files:
            current.add(relative)
            if not same_bytes(safe_join(out_dir, relative), data):
                staged.append((_stage(staging, data), relative))
        current.update(kept)
        if current != previous or last is None:  # 20,000 names: made only when they may differ
            manifest = _manifest_bytes(current)
            if not same_bytes(out_dir / OUTPUT_MANIFEST, manifest):
                staged.append((_stage(staging, manifest), OUTPUT_MANIFEST))
    except BaseException:  # a layout broke, the disk filled, Ctrl-C, SIGTERM: as it was
        shutil.rmtree(staging, ignore_errors=True)
        _remove_if_empty(staging.parent)
        if first_build:
            _remove_if_empty(out_dir)
        raise
    stale = sorted((previous - current) - {OUTPUT_MANIFEST}, reverse=True)
    journal: dict[str, Any] = {"staging": staging.name, "moves": staged, "removals": stale}
    removed = _switch(out_dir, journal)
    changed = tuple(relative for _, relative in staged if relative != OUTPUT_MANIFEST)
    return WriteReport(changed, len(current) - len(changed), tuple(removed), frozenset(current))


def _switch(out_dir: Path, journal: dict[str, Any]) -> list[str]:
    """Journal the switch, then make it; interrupted (Ctrl-C, SIGTERM) once journaled, it is
    finished before the interrupt goes on, so no journal nor staged file is left behind."""
    atomic_write(_journal_path(out_dir), json.dumps(journal).encode())
    try:
        return _apply(out_dir, journal, recovering=False)
    except KeyboardInterrupt:
        recover(out_dir)
        raise


def recover(out_dir: Path) -> None:
    """Finish a switch a killed build had journaled, and drop what killed builds had staged."""
    try:
        journal = json.loads(_journal_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal = None
    if isinstance(journal, dict) and isinstance(journal.get("staging"), str):
        _apply(out_dir, journal, recovering=True)
    else:
        _journal_path(out_dir).unlink(missing_ok=True)
    _remove_abandoned_staging(out_dir)


def _apply(out_dir: Path, journal: dict[str, Any], recovering: bool) -> list[str]:
    """Move staged files into place and remove stale ones; safe to repeat after a kill.

    Recovering, a staged file already gone was moved before the kill; otherwise it is an error.
    """
    staging = _companions(out_dir) / Path(journal["staging"]).name
    moves = journal["moves"] if not recovering else _valid_moves(out_dir, journal.get("moves"))
    for name, relative in moves:
        source, target = staging / name, safe_join(out_dir, relative)
        try:
            os.replace(source, target)
        except FileNotFoundError:
            if source.exists():  # the target's folder is new
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
            elif not recovering:
                raise StagedFileMissing(
                    f"{source}, staged for {relative}, vanished before it could be moved into "
                    "place; is something else writing beside the output folder? Build again"
                ) from None
    removals = journal.get("removals")
    stale = {r for r in removals if isinstance(r, str)} if isinstance(removals, list) else set()
    removed = _remove_stale(out_dir, stale)
    _journal_path(out_dir).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    _remove_if_empty(staging.parent)
    return removed


def _valid_moves(out_dir: Path, moves: object) -> list[tuple[str, str]]:
    """The moves of a journal read back from disk that this module could have written: a
    staged file's bare name, to a path inside out_dir. Anything else (a hand-edited or
    crafted journal naming '../../etc/shadow') is dropped, never moved into the site."""
    valid: list[tuple[str, str]] = []
    for move in moves if isinstance(moves, list) else []:
        if not (
            isinstance(move, list) and len(move) == 2 and all(isinstance(m, str) for m in move)
        ):
            continue
        name, relative = move
        if _STAGED_NAME.fullmatch(name) and _stays_inside(out_dir, relative):
            valid.append((name, relative))
    return valid


_STAGED_NAME = re.compile(r"tmp[A-Za-z0-9_]+\.tmp")
"""What `_stage` names a staged file (tempfile.mkstemp with suffix .tmp)."""


def _stays_inside(out_dir: Path, relative: str) -> bool:
    """Whether out_dir/relative is inside out_dir, symlinks on the way resolved."""
    try:
        target = safe_join(out_dir, relative)
    except ValueError:
        return False
    return target.parent.resolve().is_relative_to(out_dir.resolve())


def _companions(out_dir: Path) -> Path:
    """The folder that holds the staging folders and the journal: beside out_dir, so they are
    never uploaded with it; inside it when out_dir is a mount point, since moves must stay on
    one file system to be renames."""
    folder = beside(out_dir, "staging")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove_abandoned_staging(out_dir: Path) -> None:
    """Staging folders of builds that are no longer running (killed before their journal)."""
    companions = _companions(out_dir)
    for folder in companions.iterdir():
        pid = folder.name.split(".")[0]
        if folder.is_dir() and not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)
    _remove_if_empty(companions)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty: another build's staging, or a journal
        folder.rmdir()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _journal_path(out_dir: Path) -> Path:
    return _companions(out_dir) / "journal.json"


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
        if not _stays_inside(out_dir, relative):  # a manifest edited, or a link out of the site
            continue
        path = safe_join(out_dir, relative)
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(relative)
        _prune_empty(path.parent, out_dir)
    return removed


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def static_files(static_dir: Path) -> tuple[list[tuple[str, bytes]], list[tuple[Path, str]]]:
    """Every file under static/ as (relative path, bytes), skipping hidden and editor files;
    and the links skipped, with why: one that dangles or leads out of the site folder (a
    `static/x -> /etc/shadow` would be published)."""
    files, skipped = site_files(static_dir, static_dir.parent)
    found = [
        (path.relative_to(static_dir).as_posix(), path.read_bytes())
        for path in files
        if not path.name.endswith("~")
    ]
    return found, skipped


def copy_tree(source: Path, destination: Path) -> tuple[list[Path], list[Path]]:
    """Copy a folder of starter files, never overwriting what is there: (the files it added,
    the files it left alone because they were there), relative to `destination`."""
    added: list[Path] = []
    kept: list[Path] = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        target = destination / relative
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif target.exists() or target.is_symlink():
            kept.append(relative)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            added.append(relative)
    return added, kept
