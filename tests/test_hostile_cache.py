"""A cache restored from elsewhere (a CI cache) is input too (issue 13, item 5): a crafted file
must not run code, a damaged one must not publish wrong text, and no load failure is a crash."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from helpers import make_site

from newsdigest.config import load_config
from newsdigest.disk import _PICKLE_MAGIC, _checksum, read_pickle, write_pickle
from newsdigest.pipeline.build import build
from newsdigest.pipeline.cache import CACHE_NAME
from newsdigest.pipeline.options import BuildOptions


class _RunsCode:
    """Unpickled, it would call os.system: the shape of a crafted cache file."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch /tmp/newsdigest-cache-ran-code",))


def signed(payload: bytes) -> bytes:
    """A file with a valid checksum around any pickle: the sum is no protection by itself."""
    return _PICKLE_MAGIC + _checksum(payload) + payload


def site_built_twice(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site")
    page = "---\ntitle: Harbour reopens\ndate: 2025-03-14T10:00:00+00:00\n---\n\nThe harbour reopened.\n"
    (site / "content" / "articles" / "harbour.md").write_text(page, encoding="utf-8")
    for _ in range(2):
        build(load_config(site), BuildOptions(out_dir=site / "public", skip_ingest=True))
    return site


def test_what_write_pickle_wrote_comes_back(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from newsdigest.model import Problem

    value = {"when": datetime(2025, 3, 14, tzinfo=UTC), "problem": Problem(Path("a.md"), 3, "x")}
    write_pickle(tmp_path / "v.pickle", value)
    found = read_pickle(tmp_path / "v.pickle")
    assert found is not None and found[0] == value


@pytest.mark.parametrize(
    "payload",
    [
        pickle.dumps(_RunsCode()),
        pickle.dumps(_RunsCode(), protocol=0),
        b"cos\nsystem\n(S'touch /tmp/newsdigest-cache-ran-code'\ntR.",
        b"cnewsdigest.disk\natomic_write\n(cpathlib\nPosixPath\n(S'/tmp/newsdigest-cache-ran-code'\ntRC\x00tR.",
    ],
)
def test_a_crafted_cache_runs_no_code(tmp_path: Path, payload: bytes) -> None:
    marker = Path("/tmp/newsdigest-cache-ran-code")
    marker.unlink(missing_ok=True)
    (tmp_path / "c.pickle").write_bytes(signed(payload))
    assert read_pickle(tmp_path / "c.pickle") is None
    assert not marker.exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one flipped bit
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"",
        lambda data: signed(b"\x80\x05" + b"\xff" * 64),  # garbage that sums right
        lambda data: signed(b"\x80\x05\x95" + (2**62).to_bytes(8, "little")),  # a huge frame
    ],
)
def test_a_damaged_cache_is_an_empty_one_and_the_build_is_right(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    site = site_built_twice(tmp_path)
    cache = site / ".cache" / CACHE_NAME
    cache.write_bytes(damage(cache.read_bytes()))
    (site / ".cache").joinpath("outputs-x").write_bytes(b"junk")
    page = site / "content" / "articles" / "harbour.md"
    page.write_text(page.read_text(encoding="utf-8").replace("reopened", "closed"), "utf-8")
    report = build(load_config(site), BuildOptions(out_dir=site / "public", skip_ingest=True))
    assert report.parsed >= 2  # nothing came from the damaged cache
    html = (site / "public" / "2025" / "03" / "14" / "harbour" / "index.html").read_text()
    assert "The harbour closed." in html and "reopened" not in html


def test_a_flipped_byte_in_the_cache_never_reaches_a_page(tmp_path: Path) -> None:
    site = site_built_twice(tmp_path)
    cache = site / ".cache" / CACHE_NAME
    data = cache.read_bytes()
    assert data.count(b"The harbour reopened.") >= 1
    cache.write_bytes(data.replace(b"The harbour reopened.", b"The harbour REOPENED."))
    fresh = tmp_path / "fresh"
    build(load_config(site), BuildOptions(out_dir=fresh, skip_ingest=True))
    html = (fresh / "2025" / "03" / "14" / "harbour" / "index.html").read_text()
    assert "The harbour reopened." in html and "REOPENED" not in html
