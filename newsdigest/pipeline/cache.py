"""The incremental build cache: what each source gave and what each output was made from.

It lives in `<site>/.cache/build.pickle`. The stamp covers the cache format, the code of
newsdigest itself and every setting, so a new version, an edited module or a changed
`site.toml` starts from nothing; a missing or corrupt file is simply an empty cache.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsdigest.disk import RACY_WINDOW_NS, atomic_write, read_pickle
from newsdigest.model import Article, Page, Problem

CACHE_FORMAT = 1
CACHE_NAME = "build.pickle"


@dataclass(frozen=True)
class SourceRecord:
    """One content file as last loaded."""

    size: int
    mtime_ns: int
    digest: str
    """Hash of the file's text, to confirm a racily recent file really is unchanged."""
    article: Article | None
    page: Page | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class OutputRecord:
    """One output file as last written."""

    fingerprint: str
    """Hash of everything the file was rendered from."""
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class BuildCache:
    """Everything remembered from the last build."""

    stamp: str
    sources: Mapping[str, SourceRecord] = field(default_factory=dict)
    """Content files by path relative to content/."""
    outputs: Mapping[str, OutputRecord] = field(default_factory=dict)
    """Output files by path relative to the output folder."""
    written_ns: int = 0
    """Modification time of the cache file: the moment of the last build, by the disk's clock."""


PACKAGE = Path(__file__).resolve().parent.parent


def code_digest() -> str:
    """Hash of newsdigest's own modules, so that any change to the code invalidates the cache."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def make_stamp(*parts: object) -> str:
    """A stamp from the cache format, the code and the given settings."""
    text = repr((CACHE_FORMAT, code_digest(), *parts))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def load_cache(cache_dir: Path, stamp: str) -> BuildCache:
    """The cache if it exists, reads and matches the stamp; else an empty one."""
    found = read_pickle(cache_dir / CACHE_NAME)
    if found is None:
        return BuildCache(stamp)
    cache, written_ns = found
    if not isinstance(cache, BuildCache) or cache.stamp != stamp:
        return BuildCache(stamp)
    return BuildCache(cache.stamp, cache.sources, cache.outputs, written_ns)


def save_cache(cache_dir: Path, cache: BuildCache) -> None:
    """Write the cache atomically; a build killed meanwhile leaves the old one whole."""
    data = pickle.dumps(
        BuildCache(cache.stamp, dict(cache.sources), dict(cache.outputs)), protocol=5
    )
    atomic_write(cache_dir / CACHE_NAME, data)


def source_is_fresh(
    record: SourceRecord | None, size: int, mtime_ns: int, cache: BuildCache
) -> bool:
    """True when a content file's size and mtime match and it is not racily recent."""
    return (
        record is not None
        and record.size == size
        and record.mtime_ns == mtime_ns
        and mtime_ns < cache.written_ns - RACY_WINDOW_NS
    )
