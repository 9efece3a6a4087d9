"""The whole-site snapshot: an untouched site builds at once, and any change is noticed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from helpers import make_site

from newsdigest.config import load_config
from newsdigest.pipeline import snapshot
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions


def test_the_digest_follows_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("one")
    (folder / "loop").symlink_to(folder)  # a symlink loop must not hang the walk
    first = snapshot.take([folder, tmp_path / "missing.toml"], "salt")
    assert snapshot.take([folder, tmp_path / "missing.toml"], "salt") == first
    assert snapshot.take([folder], "other salt").digest != first.digest
    (folder / "sub" / "a.txt").write_text("two")
    os.utime(folder / "sub" / "a.txt", ns=(1, 1))
    assert snapshot.take([folder, tmp_path / "missing.toml"], "salt").digest != first.digest
    (folder / "b.txt").write_text("")
    assert snapshot.take([folder], "salt").digest != first.digest


def test_a_racily_recent_file_is_never_trusted(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    now = snapshot.take([tmp_path / "a"], "")
    recent = snapshot.Saved(now, None, written_ns=now.newest_ns + 1_000_000)
    old = snapshot.Saved(now, None, written_ns=now.newest_ns + 10_000_000_000)
    assert not snapshot.unchanged(recent, now)
    assert snapshot.unchanged(old, now)
    assert not snapshot.unchanged(None, now)


def age_snapshot(site: Path) -> None:
    """Pretend the last build was a while ago, so nothing is racily recent."""
    later = time.time_ns() + 10_000_000_000
    os.utime(site / ".cache" / snapshot.SNAPSHOT_NAME, ns=(later, later))


def test_an_untouched_site_is_not_built_again_and_any_change_is(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {}, "")
    (site / "content" / "articles" / "a.md").write_text(
        "---\ntitle: A\ndate: 2025-03-01\n---\nText.\n"
    )
    options = BuildOptions(out_dir=tmp_path / "out", skip_ingest=True)
    first = build(load_config(site), options)
    age_snapshot(site)
    again = build(load_config(site), options)
    assert "render" not in again.stage_seconds and "load" not in again.stage_seconds
    assert (again.articles, again.pages, again.written.changed) == (first.articles, first.pages, ())
    (site / "content" / "articles" / "a.md").write_text(
        "---\ntitle: B\ndate: 2025-03-01\n---\nText.\n"
    )
    age_snapshot(site)
    changed = build(load_config(site), options)
    assert "render" in changed.stage_seconds
    assert (
        "<h1>B</h1>" in (tmp_path / "out" / "2025" / "03" / "01" / "a" / "index.html").read_text()
    )
    age_snapshot(site)
    (tmp_path / "out" / "index.html").unlink()  # an output deleted by hand is made again
    build(load_config(site), options)
    assert (tmp_path / "out" / "index.html").is_file()
