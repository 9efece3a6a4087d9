"""The command line, run as a person runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import REPO

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV,
        timeout=120,
        check=False,
    )


def test_build_prints_one_summary_line_and_stays_quiet_in_a_pipe(
    site_dir: Path, tmp_path: Path
) -> None:
    result = run("build", "--site", str(site_dir), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Built 1 article, 13 pages, 4 feeds in ")
    assert "\r" not in result.stderr and "[#" not in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_build_defaults_to_the_current_folder(site_dir: Path) -> None:
    result = run("build", cwd=site_dir)
    assert result.returncode == 0, result.stderr
    assert (site_dir / "public" / "feed.xml").is_file()
    assert (site_dir / "content" / "articles").glob("*.md")


def test_ingest_only_writes_pages(site_dir: Path) -> None:
    result = run("ingest", "--site", str(site_dir))
    assert result.returncode == 0
    assert result.stdout.startswith("Ingested 1 seed: 1 pages written")
    assert not (site_dir / "public").exists()


def test_a_refused_seed_is_reported_and_strict_fails(site_dir: Path) -> None:
    (site_dir / "seeds" / "empty.txt").write_text("")
    result = run("build", "--site", str(site_dir))
    assert result.returncode == 0
    assert "empty.txt" in result.stderr and "error" in result.stderr
    assert "1 seed refused" in result.stdout
    assert run("build", "--site", str(site_dir), "--strict").returncode == 1


def test_bad_settings_exit_2_with_the_key_named(site_dir: Path) -> None:
    (site_dir / "site.toml").write_text('feed_size = "many"\n')
    result = run("build", "--site", str(site_dir))
    assert result.returncode == 2
    assert "'feed_size' must be a int" in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr


def test_a_broken_layout_exits_1_and_names_it(site_dir: Path) -> None:
    (site_dir / "layouts" / "index.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}{{ home.nope }}{% endblock %}\n"
    )
    result = run("build", "--site", str(site_dir))
    assert result.returncode == 1
    assert "build failed, nothing written" in result.stderr and "index.html:2" in result.stderr


def test_help_lists_every_command_and_option() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("build", "ingest", "serve", "init", "exit status"):
        assert word in result.stdout
    build_help = run("build", "--help").stdout
    for option in ("--site", "--out", "--base-url", "--strict", "--profile", "--quiet"):
        assert option in build_help


def test_no_command_prints_help_and_fails() -> None:
    result = run()
    assert result.returncode == 2 and "usage:" in result.stderr


def test_init_makes_a_site_that_builds(tmp_path: Path) -> None:
    target = tmp_path / "new-site"
    result = run("init", str(target))
    assert result.returncode == 0, result.stderr
    for name in ("site.toml", "layouts/base.html", "static/style.css", "seeds", "content/articles"):
        assert (target / name).exists(), name
    (target / "seeds" / "a.txt").write_bytes(
        (REPO / "seeds" / "000_22cac2611740010c.txt").read_bytes()
    )
    assert run("build", "--site", str(target)).returncode == 0
    (target / "site.toml").write_text('title = "Mine"\n')
    assert run("init", str(target)).returncode == 0
    assert (target / "site.toml").read_text() == 'title = "Mine"\n'  # never overwritten


def test_the_repository_is_its_own_default_site() -> None:
    assert (REPO / "layouts").resolve() == (REPO / "newsdigest" / "skeleton" / "layouts").resolve()
    assert (REPO / "static").resolve() == (REPO / "newsdigest" / "skeleton" / "static").resolve()
    assert sorted(p.name for p in (REPO / "seeds").glob("*.txt")) == ["000_22cac2611740010c.txt"]
