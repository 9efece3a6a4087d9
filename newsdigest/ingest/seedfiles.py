"""The seed files of a site, read off disk: bytes, hash and size, never more than the limit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.disk import unsafe_link


@dataclass(frozen=True)
class SeedFile:
    """One seed file, read (unless it is over the size limit)."""

    path: Path
    data: bytes | None
    """None when the file is larger than max_seed_bytes and was not read."""
    sha256: str
    size: int
    mtime: float = 0.0
    """Modification time, the date of a seed without a date line."""
    error: str = ""
    """Why the file could not be read, if it could not."""


def read_seed_files(config: SiteConfig) -> list[SeedFile]:
    """Every seeds/*.txt in name order, so that every run decides ties the same way."""
    if not config.seeds_dir.is_dir():
        return []
    found: list[SeedFile] = []
    for path in sorted(config.seeds_dir.glob("*.txt"), key=lambda p: p.name):
        why = unsafe_link(path, config.root) if not path.name.startswith(".") else "hidden"
        if why == "hidden" or (not why and not path.is_file()):
            continue
        if why:  # refused by name, so that the seed's page is not taken for an orphan
            found.append(SeedFile(path, None, f"error:{why}", 0, error=why))
        else:
            found.append(read_seed_file(path, config.max_seed_bytes))
    return found


def read_seed_file(path: Path, limit: int) -> SeedFile:
    """Read one seed, but not one over the size limit: it is refused by its size alone."""
    try:
        stat = path.stat()
        if stat.st_size > limit:
            return SeedFile(path, None, f"size:{stat.st_size}:{stat.st_mtime_ns}", stat.st_size)
        data = path.read_bytes()
    except OSError as err:
        return SeedFile(path, None, f"error:{err.strerror}", 0, error=str(err.strerror))
    return SeedFile(path, data, sha256(data), len(data), stat.st_mtime)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
