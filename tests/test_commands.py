"""newsdigest.commands: each command called as a typed function, no argparse, no subprocess."""

from __future__ import annotations

import io
import socket
from pathlib import Path

from newsdigest import commands
from newsdigest.commands import BuildRequest, preview_rebuild
from newsdigest.console import Console


def quiet_console(quiet: bool = False) -> tuple[Console, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Console(out, err, quiet), out, err


def test_build_writes_the_site_and_one_summary_line(site_dir: Path, tmp_path: Path) -> None:
    console, out, err = quiet_console()
    status = commands.build(site_dir, BuildRequest(out=tmp_path / "out"), console)
    assert status == 0 and err.getvalue() == ""
    assert out.getvalue().count("\n") == 1 and out.getvalue().startswith("Built 1 article, ")
    assert (tmp_path / "out" / "index.html").is_file()


def test_strict_turns_a_refused_seed_into_exit_1(site_dir: Path) -> None:
    (site_dir / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    console, out, err = quiet_console()
    assert commands.build(site_dir, BuildRequest(), console) == 0
    assert "empty.txt" in err.getvalue() and "1 seed refused" in out.getvalue()
    assert commands.build(site_dir, BuildRequest(strict=True), quiet_console()[0]) == 1
    assert commands.ingest(site_dir, strict=True, console=quiet_console()[0]) == 1


def test_profile_prints_a_line_per_step_on_stderr(site_dir: Path) -> None:
    console, _, err = quiet_console()
    commands.build(site_dir, BuildRequest(profile=True, no_cache=True), console)
    steps = [line.split()[0] for line in err.getvalue().splitlines()]
    assert {"ingest", "load", "assemble", "render", "write"} <= set(steps)


def test_no_ingest_leaves_seeds_alone_and_base_url_reaches_the_feeds(site_dir: Path) -> None:
    request = BuildRequest(no_ingest=True, base_url="https://news.example/digest/")
    assert commands.build(site_dir, request, quiet_console()[0]) == 0
    assert not list((site_dir / "content" / "articles").glob("*.md"))
    feed = (site_dir / "public" / "feed.xml").read_text(encoding="utf-8")
    assert "https://news.example/digest/" in feed


def test_ingest_writes_pages_only(site_dir: Path) -> None:
    console, out, _ = quiet_console()
    assert commands.ingest(site_dir, console=console) == 0
    assert out.getvalue().startswith("Ingested 1 seed: 1 pages written")
    assert not (site_dir / "public").exists()


def test_init_makes_a_site_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "digest"
    assert commands.init(target, quiet_console()[0]) == 0
    assert (target / "layouts" / "base.html").is_file() and (target / "seeds").is_dir()
    (target / "site.toml").write_text('title = "Mine"\n', encoding="utf-8")
    assert commands.init(target, quiet_console()[0]) == 0
    assert (target / "site.toml").read_text(encoding="utf-8") == 'title = "Mine"\n'
    console, _, err = quiet_console()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert commands.init(tmp_path / "file", console) == 2
    assert err.getvalue().startswith("newsdigest: error: ") and "not a folder" in err.getvalue()


def test_check_passes_a_fresh_build_and_finds_a_missing_page(site_dir: Path) -> None:
    commands.build(site_dir, BuildRequest(), quiet_console()[0])
    console, out, err = quiet_console()
    assert commands.check(site_dir, console=console) == 0
    assert "no findings" in out.getvalue() and err.getvalue() == ""
    (site_dir / "public" / "about" / "index.html").unlink()
    console, _, err = quiet_console()
    assert commands.check(site_dir, console=console) == 1
    assert "about/" in err.getvalue()


def test_the_preview_rebuild_uses_plain_asset_names_and_reports_changes(site_dir: Path) -> None:
    rebuild = preview_rebuild(site_dir, BuildRequest(), quiet_console(quiet=True)[0])
    first = rebuild()
    assert first.ok and "index.html" in first.changed
    home = (site_dir / "public" / "index.html").read_text(encoding="utf-8")
    assert 'href="static/style.css"' in home and not (site_dir / "public" / "assets").exists()
    assert rebuild().changed == ()


def test_a_broken_layout_fails_the_rebuild_and_keeps_the_last_site(site_dir: Path) -> None:
    rebuild = preview_rebuild(site_dir, BuildRequest(), quiet_console(quiet=True)[0])
    assert rebuild().ok
    layout = site_dir / "layouts" / "index.html"
    layout.write_text("{% extends 'base.html' %}\n{{ broken( }}\n", encoding="utf-8")
    failed = rebuild()
    assert not failed.ok and "index.html:2" in failed.error
    assert (site_dir / "public" / "index.html").is_file()


def test_serve_on_a_taken_port_says_what_to_do(site_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        console, _, err = quiet_console()
        status = commands.serve(
            site_dir, BuildRequest(), "127.0.0.1", taken.getsockname()[1], console
        )
    assert status == 2
    assert "in use" in err.getvalue() and "--port 0" in err.getvalue()
