"""The incremental build cache: what each source gave and what each output was made from.

What each source gave lives in `<site>/.cache/build.pickle`, shared by every build of the site
(the preview's and the publishing one parse content alike); what each output was made from
lives in one file per output folder (`outputs-<folder's hash>.pickle`), so that the preview's
folder and `public/` never take turns overwriting each other's records. Each part carries a
stamp of the cache format, the code of newsdigest itself and the settings that part depends
on, so a new version, an edited module or a changed `site.toml` starts it from nothing; a
missing or corrupt file is simply an empty cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.disk import RACY_WINDOW_NS, read_pickle, write_pickle
from newsdigest.model import Article, Page, Problem
from newsdigest.render.jobs import Dependency

if TYPE_CHECKING:  # the memo's class loads with the cache that holds one, not before
    from newsdigest.site.stories import StoryMemo

CACHE_FORMAT = 2
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
    """A page's plan key (a feed's inputs): see render/fingerprints.py."""
    size: int
    mtime_ns: int
    reads: bytes = b""
    """What the page read while rendering: an array('I') of indices into the cache's
    dependencies, packed, so that 20,000 pages' records load in a moment."""


@dataclass(frozen=True)
class BuildCache:
    """Everything remembered from the last build."""

    stamp: str
    sources: Mapping[str, SourceRecord] = field(default_factory=dict)
    """Content files by path relative to content/."""
    outputs: Mapping[str, OutputRecord] = field(default_factory=dict)
    """Output files by path relative to the output folder."""
    outputs_stamp: str = ""
    """The stamp of the outputs' part: the output folder and every setting."""
    dependencies: tuple[Dependency, ...] = ()
    """Everything some output read, in a fixed order: the records refer to them by index."""
    values: tuple[str, ...] = ()
    """The value of each dependency when the outputs that read it were rendered."""
    structure: str = ""
    """The structure digest of the site the outputs' plan keys were made for."""
    story_memo: StoryMemo | None = None
    """The last build's stories and related articles, reused when their inputs are the same."""
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


def outputs_file(out_dir: Path) -> str:
    """The name of the file that holds one output folder's records."""
    key = hashlib.blake2b(str(out_dir.resolve()).encode(), digest_size=8).hexdigest()
    return f"outputs-{key}.pickle"


@dataclass(frozen=True)
class _OutputsPart:
    stamp: str
    outputs: Mapping[str, OutputRecord]
    dependencies: tuple[Dependency, ...]
    values: tuple[str, ...]
    structure: str


def load_cache(
    cache_dir: Path, stamp: str, outputs_name: str = "", outputs_stamp: str = ""
) -> BuildCache:
    """The cache's parts that exist, read and match their stamps; the others empty."""
    empty = BuildCache(stamp, outputs_stamp=outputs_stamp)
    found = read_pickle(cache_dir / CACHE_NAME)
    if found is None or not isinstance(found[0], BuildCache) or found[0].stamp != stamp:
        return empty
    cache = replace(
        empty, sources=found[0].sources, story_memo=found[0].story_memo, written_ns=found[1]
    )
    part = read_pickle(cache_dir / outputs_name) if outputs_name else None
    if part is None or not isinstance(part[0], _OutputsPart) or part[0].stamp != outputs_stamp:
        return cache
    outputs = part[0]
    return replace(
        cache,
        outputs=outputs.outputs,
        dependencies=outputs.dependencies,
        values=outputs.values,
        structure=outputs.structure,
    )


def save_cache(cache_dir: Path, cache: BuildCache, outputs_name: str = "") -> None:
    """Write the cache's parts atomically; a build killed meanwhile leaves the old ones whole."""
    sources = BuildCache(cache.stamp, dict(cache.sources), story_memo=cache.story_memo)
    write_pickle(cache_dir / CACHE_NAME, sources)
    if outputs_name:
        part = _OutputsPart(
            cache.outputs_stamp,
            dict(cache.outputs),
            cache.dependencies,
            cache.values,
            cache.structure,
        )
        write_pickle(cache_dir / outputs_name, part)


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
