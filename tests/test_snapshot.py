"""The whole-site snapshot: an untouched site builds at once, and any change is noticed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from helpers import make_site

from newsdigest.config import load_config
from newsdigest.pipeline import snapshot
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions
from newsdigest.render import theme as default_theme


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
    for saved in (site / ".cache").glob("snapshot-*.pickle"):
        os.utime(saved, ns=(later, later))


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


def article_site(root: Path) -> Path:
    site = make_site(root, {}, "")
    (site / "content" / "articles" / "a.md").write_text(
        "---\ntitle: A\ndate: 2025-03-01\n---\nText.\n"
    )
    return site


def test_the_build_straight_after_a_build_is_the_quick_one(tmp_path: Path) -> None:
    # Every file the first build wrote is racily recent: their bytes are re-read, not distrusted.
    site = article_site(tmp_path / "site")
    options = BuildOptions(out_dir=tmp_path / "out", skip_ingest=True)
    build(load_config(site), options)
    again = build(load_config(site), options)
    assert "render" not in again.stage_seconds and "load" not in again.stage_seconds


def test_a_racy_file_changed_in_the_same_tick_is_noticed(tmp_path: Path) -> None:
    site = article_site(tmp_path / "site")
    options = BuildOptions(out_dir=tmp_path / "out", skip_ingest=True)
    build(load_config(site), options)
    page = site / "content" / "articles" / "a.md"
    stat = page.stat()
    page.write_text("---\ntitle: B\ndate: 2025-03-01\n---\nText.\n")  # same size, same time
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    build(load_config(site), options)
    assert (
        "<h1>B</h1>" in (tmp_path / "out" / "2025" / "03" / "01" / "a" / "index.html").read_text()
    )


def test_a_default_theme_layout_changed_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A layout the site does not override comes from the default theme: it is an input too.
    theme = tmp_path / "theme"
    shutil.copytree(default_theme.DEFAULT_LAYOUTS, theme)
    monkeypatch.setattr(default_theme, "DEFAULT_LAYOUTS", theme)
    site = article_site(tmp_path / "site")
    (site / "layouts" / "archive.html").unlink()
    options = BuildOptions(out_dir=tmp_path / "out", skip_ingest=True)
    build(load_config(site), options)
    age_snapshot(site)
    archive = theme / "archive.html"
    archive.write_text(
        archive.read_text().replace("{% endblock %}", "<p>theme edit</p>{% endblock %}", 1)
    )
    build(load_config(site), options)
    assert "theme edit" in (tmp_path / "out" / "archive" / "index.html").read_text()


def test_ingests_merge_bases_are_not_walked(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    base = site / "content" / ".ingest" / "base" / "a.md.0123456789abcdef"
    base.parent.mkdir(parents=True)
    base.write_text("one\n", encoding="utf-8")
    before = snapshot.take([site / "content"], "salt")
    base.write_text("two, longer\n", encoding="utf-8")
    assert snapshot.take([site / "content"], "salt").digest == before.digest
    (site / "content" / "about.md").write_text("changed\n", encoding="utf-8")
    assert snapshot.take([site / "content"], "salt").digest != before.digest
