"""The seed files of a site, read off disk: bytes, hash and size, never more than the limit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from newsdigest.config import SiteConfig


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
    paths = sorted(
        (p for p in config.seeds_dir.glob("*.txt") if not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    return [read_seed_file(path, config.max_seed_bytes) for path in paths if path.is_file()]


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
