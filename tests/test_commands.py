"""The command functions called directly, without argparse, talking to in-memory streams."""

from __future__ import annotations

import io
import re
import socket
import threading
import urllib.request
from pathlib import Path

import pytest
from helpers import REAL_SEED

from newsdigest import commands
from newsdigest.commands import BuildRequest
from newsdigest.console import Console
from newsdigest.pipeline.full import Session
from newsdigest.preview.server import PreviewServer

BROKEN_LAYOUTS = {
    "an undefined attribute": "{% extends 'base.html' %}\n{% block main %}{{ home.nope }}{% endblock %}\n",
    "a syntax error": "{% extends 'base.html' %}\n{{ broken( }}\n",
}
PROBLEM = re.compile(r".+?(:\d+)?: (error|warning): .+; .+")
STAGE = re.compile(r"  \w+ +\d+\.\d ms")


class Captured:
    """A Console whose streams are in memory, and what was written to them."""

    def __init__(self, quiet: bool = False) -> None:
        self.out = io.StringIO()
        self.err = io.StringIO()
        self.console = Console(self.out, self.err, quiet)

    @property
    def out_lines(self) -> list[str]:
        return self.out.getvalue().splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.getvalue().splitlines()


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def summary_pattern(articles: str, out_dir: Path, rest: str = "") -> re.Pattern[str]:
    """The build's summary line with the given article count, output folder and extra notes."""
    return re.compile(
        rf"Built {articles}, \d+ pages, \d+ feeds in \d+\.\d\d s into {re.escape(str(out_dir))} "
        rf"\(\d+ written; \d+ unchanged; \d+ removed{re.escape(rest)}\)"
    )


def test_build_returns_0_with_one_summary_line_and_nothing_on_err(site_dir: Path) -> None:
    """A clean build prints its summary line on out and nothing at all on err."""
    captured = Captured()
    assert commands.build(site_dir, BuildRequest(), captured.console) == 0
    assert len(captured.out_lines) == 1
    assert summary_pattern("1 article", site_dir / "public").fullmatch(captured.out_lines[0])
    assert captured.err.getvalue() == ""
    assert (site_dir / "public" / "index.html").is_file()


def test_a_refused_seed_is_only_a_problem_on_err_unless_strict(site_dir: Path) -> None:
    """The refused seed is reported on err as a problem; strict turns it into status 1."""
    (site_dir / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    captured = Captured()
    assert commands.build(site_dir, BuildRequest(), captured.console) == 0
    assert captured.err_lines, "the refused seed must be reported"
    assert all(PROBLEM.fullmatch(line) for line in captured.err_lines), captured.err_lines
    assert any("empty.txt:1: error:" in line for line in captured.err_lines)
    assert len(captured.out_lines) == 1 and "1 seed refused" in captured.out_lines[0]
    assert commands.build(site_dir, BuildRequest(strict=True), Captured().console) == 1


def test_a_strict_build_of_a_clean_site_returns_0(site_dir: Path) -> None:
    """Strict only fails when something was skipped."""
    assert commands.build(site_dir, BuildRequest(strict=True), Captured().console) == 0


def test_profile_prints_a_line_per_stage_on_err(site_dir: Path) -> None:
    """With profile the time of each step goes to err; out keeps its one summary line."""
    captured = Captured()
    request = BuildRequest(profile=True, no_cache=True)
    assert commands.build(site_dir, request, captured.console) == 0
    assert captured.err_lines and all(STAGE.fullmatch(line) for line in captured.err_lines)
    stages = {line.split()[0] for line in captured.err_lines}
    assert {"ingest", "load", "assemble", "render", "write"} <= stages
    assert len(captured.out_lines) == 1


def test_no_ingest_leaves_seeds_alone(site_dir: Path) -> None:
    """A build from content/ only writes no article pages from the seeds."""
    captured = Captured()
    assert commands.build(site_dir, BuildRequest(no_ingest=True), captured.console) == 0
    assert list((site_dir / "content" / "articles").iterdir()) == []
    assert (site_dir / "seeds" / REAL_SEED.name).read_bytes() == REAL_SEED.read_bytes()
    assert summary_pattern("0 articles", site_dir / "public").fullmatch(captured.out_lines[0])


def test_out_builds_into_another_folder(site_dir: Path, tmp_path: Path) -> None:
    """With out the site is written there and SITE/public is never made."""
    elsewhere = tmp_path / "elsewhere"
    captured = Captured()
    assert commands.build(site_dir, BuildRequest(out=elsewhere), captured.console) == 0
    assert (elsewhere / "index.html").is_file()
    assert not (site_dir / "public").exists()
    assert summary_pattern("1 article", elsewhere).fullmatch(captured.out_lines[0])


def test_a_base_url_override_shows_in_the_links(site_dir: Path) -> None:
    """The base URL given to the build replaces site.toml's in canonical links and feeds."""
    request = BuildRequest(base_url="https://other.example/digest/")
    assert commands.build(site_dir, request, Captured().console) == 0
    home = (site_dir / "public" / "index.html").read_text(encoding="utf-8")
    feed = (site_dir / "public" / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://other.example/digest/feed.xml"' in home
    assert "https://other.example/digest/" in feed
    assert "https://example.org/" not in home + feed


def test_a_small_build_draws_no_progress_bar_even_on_a_terminal(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build of a few files finishes before a bar would help, so a terminal sees none."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = FakeTerminal()
    assert commands.build(site_dir, BuildRequest(), Console(io.StringIO(), terminal)) == 0
    assert terminal.getvalue() == ""


def test_ingest_writes_pages_only(site_dir: Path) -> None:
    """Ingest turns the seed into a page, prints one line and builds nothing."""
    captured = Captured()
    assert commands.ingest(site_dir, console=captured.console) == 0
    assert captured.out_lines == [
        "Ingested 1 seed: 1 pages written, 0 removed, 0 refused, 0 warnings"
    ]
    assert captured.err.getvalue() == ""
    assert len(list((site_dir / "content" / "articles").glob("*.md"))) == 1
    assert not (site_dir / "public").exists()


def test_strict_ingest_returns_1_when_a_seed_is_refused(site_dir: Path) -> None:
    """A refused seed is a problem on err; only strict makes it status 1."""
    (site_dir / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    captured = Captured()
    assert commands.ingest(site_dir, strict=False, console=captured.console) == 0
    assert any("empty.txt:1: error:" in line for line in captured.err_lines)
    assert all(PROBLEM.fullmatch(line) for line in captured.err_lines)
    assert "1 refused" in captured.out_lines[0]
    assert commands.ingest(site_dir, strict=True, console=Captured().console) == 1


def test_init_creates_the_site_folders(tmp_path: Path) -> None:
    """Init makes a site with settings, layouts, static files, seeds/ and content/articles/."""
    target = tmp_path / "new-site"
    captured = Captured()
    assert commands.init(target, captured.console) == 0
    for name in ("site.toml", "layouts/base.html", "static/style.css"):
        assert (target / name).is_file(), name
    for name in ("seeds", "content/articles"):
        assert (target / name).is_dir(), name
    assert len(captured.out_lines) == 1 and str(target) in captured.out_lines[0]
    assert captured.err.getvalue() == ""


def test_init_refuses_a_path_that_is_a_file(tmp_path: Path) -> None:
    """A file in the way is status 2 with one error line, and the file is left as it was."""
    target = tmp_path / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    captured = Captured()
    assert commands.init(target, captured.console) == 2
    assert captured.err_lines == [
        f"newsdigest: error: {target} exists and is not a folder; choose another name"
    ]
    assert captured.out.getvalue() == ""
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_init_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    """Init in an existing site keeps every file there and only adds what is missing."""
    target = tmp_path / "site"
    assert commands.init(target, Captured().console) == 0
    (target / "site.toml").write_text('title = "Mine"\n', encoding="utf-8")
    (target / "layouts" / "base.html").write_text("my layout\n", encoding="utf-8")
    (target / "static" / "style.css").unlink()
    assert commands.init(target, Captured().console) == 0
    assert (target / "site.toml").read_text(encoding="utf-8") == 'title = "Mine"\n'
    assert (target / "layouts" / "base.html").read_text(encoding="utf-8") == "my layout\n"
    assert (target / "static" / "style.css").is_file()


def test_init_refuses_a_file_where_a_folder_must_go(tmp_path: Path) -> None:
    """A file named seeds inside the folder is reported like a file given as the folder."""
    target = tmp_path / "site"
    target.mkdir()
    (target / "seeds").write_text("not a folder\n", encoding="utf-8")
    captured = Captured()
    assert commands.init(target, captured.console) == 2
    assert captured.err.getvalue().startswith("newsdigest: error: ")
    assert str(target / "seeds") in captured.err.getvalue()


def test_check_returns_0_on_a_freshly_built_site(site_dir: Path) -> None:
    """A site just built has no findings: nothing on err, one summary line on out."""
    assert commands.build(site_dir, BuildRequest(), Captured().console) == 0
    captured = Captured()
    assert commands.check(site_dir, console=captured.console) == 0
    assert captured.err.getvalue() == ""
    assert len(captured.out_lines) == 1 and "no findings" in captured.out_lines[0]


def test_check_reads_the_output_folder_it_is_given(site_dir: Path, tmp_path: Path) -> None:
    """With out, check reads that folder, not SITE/public, and names it."""
    elsewhere = tmp_path / "elsewhere"
    assert commands.build(site_dir, BuildRequest(out=elsewhere), Captured().console) == 0
    captured = Captured()
    assert commands.check(site_dir, out=elsewhere, console=captured.console) == 0
    assert f" in {elsewhere} in " in captured.out_lines[0]
    (elsewhere / "about" / "index.html").unlink()
    assert commands.check(site_dir, out=elsewhere, console=Captured().console) == 1


def test_check_returns_1_and_prints_findings_after_a_linked_page_is_deleted(site_dir: Path) -> None:
    """Each finding goes to err, naming the file under the output folder; out has the count."""
    assert commands.build(site_dir, BuildRequest(), Captured().console) == 0
    (site_dir / "public" / "about" / "index.html").unlink()
    captured = Captured()
    assert commands.check(site_dir, console=captured.console) == 1
    public = site_dir / "public"
    assert captured.err_lines
    assert all(line.startswith(f"{public}/") for line in captured.err_lines)
    assert any(
        line.startswith(f"{public / 'index.html'}: ") and "about/index.html" in line
        for line in captured.err_lines
    )
    assert len(captured.out_lines) == 1 and "findings" in captured.out_lines[0]


def test_preview_rebuild_builds_with_plain_asset_names(site_dir: Path) -> None:
    """The preview links static/style.css itself, makes no assets/ and reports what it wrote."""
    captured = Captured()
    rebuild = commands.preview_rebuild(site_dir, BuildRequest(), captured.console)
    result = rebuild()
    assert result.ok, result.error
    assert {"index.html", "static/style.css"} <= set(result.changed)
    assert result.base_path == "/"
    public = site_dir / "public"
    home = (public / "index.html").read_text(encoding="utf-8")
    assert 'href="static/style.css"' in home and "assets/" not in home
    assert (public / "static" / "style.css").is_file()
    assert not (public / "assets").exists()
    assert len(captured.out_lines) == 1 and captured.out_lines[0].startswith("Built 1 article")


def test_a_publishing_build_hashes_asset_names_unlike_the_preview(site_dir: Path) -> None:
    """The same site built to publish links a hashed stylesheet under assets/."""
    assert commands.build(site_dir, BuildRequest(), Captured().console) == 0
    home = (site_dir / "public" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="assets/style\.[0-9a-f]+\.css"', home)
    assert (site_dir / "public" / "assets").is_dir()


def test_preview_rebuild_reports_only_the_paths_that_changed(site_dir: Path) -> None:
    """A stylesheet edit changes the stylesheet alone; nothing changed reports nothing."""
    rebuild = commands.preview_rebuild(site_dir, BuildRequest(), Captured().console)
    assert rebuild().ok
    style = site_dir / "static" / "style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\nbody { margin: 0; }\n", "utf-8")
    result = rebuild()
    assert result.ok and result.changed == ("static/style.css",)
    assert result.css_only
    assert rebuild().changed == ()


def test_preview_rebuild_reads_site_toml_again_each_time(site_dir: Path) -> None:
    """A base_url with a path saved while serving moves the site under that path."""
    rebuild = commands.preview_rebuild(site_dir, BuildRequest(), Captured().console)
    assert rebuild().base_path == "/"
    (site_dir / "site.toml").write_text('base_url = "https://example.org/news/"\n', "utf-8")
    result = rebuild()
    assert result.ok and result.base_path == "/news/"


@pytest.mark.parametrize("broken", BROKEN_LAYOUTS.values(), ids=BROKEN_LAYOUTS.keys())
def test_a_broken_layout_is_an_error_naming_it_and_the_last_site_stays(
    site_dir: Path, broken: str
) -> None:
    """The rebuild returns the error with file and line, writes nothing, and recovers."""
    captured = Captured()
    rebuild = commands.preview_rebuild(site_dir, BuildRequest(), captured.console)
    assert rebuild().ok
    home = site_dir / "public" / "index.html"
    before = home.read_bytes()
    layout = site_dir / "layouts" / "index.html"
    good = layout.read_text(encoding="utf-8")
    layout.write_text(broken, encoding="utf-8")
    result = rebuild()
    assert not result.ok
    assert f"{layout}:2" in result.error
    assert result.changed == ()
    assert home.read_bytes() == before
    assert any(
        line.startswith("newsdigest: error: rebuild failed, still serving the last good site")
        and f"{layout}:2" in line
        for line in captured.err_lines
    )
    layout.write_text(good, encoding="utf-8")
    assert rebuild().ok


def test_bad_settings_are_a_rebuild_error_not_an_exception(site_dir: Path) -> None:
    """A wrong value in site.toml is returned as the error, naming the key."""
    rebuild = commands.preview_rebuild(site_dir, BuildRequest(), Captured().console)
    assert rebuild().ok
    (site_dir / "site.toml").write_text('feed_size = "many"\n', encoding="utf-8")
    result = rebuild()
    assert not result.ok and "feed_size" in result.error


def test_serve_on_a_port_in_use_says_to_pick_another_and_returns_2(site_dir: Path) -> None:
    """One error line that names the port and --port 0, status 2, and nothing built."""
    captured = Captured()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = commands.serve(site_dir, BuildRequest(), "127.0.0.1", port, captured.console)
    assert status == 2
    assert captured.err_lines == [
        f"newsdigest: error: port {port} on 127.0.0.1 is in use; stop the other server, "
        "or pass --port 0 to pick a free port"
    ]
    assert captured.out.getvalue() == ""
    assert not (site_dir / "public").exists()


def test_serve_builds_prints_where_it_serves_and_stops_on_ctrl_c(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serve on port 0 builds, serves the home page, prints its URL and returns 0 on Ctrl-C."""
    serve_forever = PreviewServer.serve_forever
    pages: list[str] = []

    def serve_then_ctrl_c(server: PreviewServer) -> None:
        thread = threading.Thread(target=serve_forever, args=(server,), daemon=True)
        thread.start()
        try:
            with urllib.request.urlopen(server.url, timeout=10) as response:
                pages.append(response.read().decode("utf-8"))
        finally:
            server.shutdown()
            thread.join(timeout=10)
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "serve_forever", serve_then_ctrl_c)
    captured = Captured()
    assert commands.serve(site_dir, BuildRequest(), "127.0.0.1", 0, captured.console) == 0
    assert len(pages) == 1 and "/__newsdigest/events" in pages[0]
    summary, serving, *later = captured.out_lines
    assert summary.startswith("Built 1 article")
    served = re.fullmatch(
        rf"Serving {re.escape(str(site_dir / '.cache' / 'preview'))} at "
        r"(http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)",
        serving,
    )
    assert served
    # The preview has a folder of its own, made for the address it serves on: public/ is
    # left to `build`, so a deploy after a preview uploads only what changed.
    assert not (site_dir / "public").exists()
    assert f'href="{served[1]}feed.xml"' in pages[0]
    # The first build ingests the seed into content/, which the watcher may see as an edit.
    assert all(line.startswith("Built 1 article") for line in later)
    assert captured.err_lines == ["Stopped."]


def test_what_changed_while_site_toml_was_broken_reaches_the_next_rebuild(site_dir: Path) -> None:
    """A rebuild that fails before it builds (site.toml unreadable) keeps what the watcher
    reported: an edit saved meanwhile shows once site.toml is mended, though the watcher
    then reports site.toml alone."""
    session, changes = Session(), commands.Changes()
    console = Captured().console
    rebuild = commands.preview_rebuild(site_dir, BuildRequest(), console, "", session, changes)
    assert rebuild().ok
    page = next((site_dir / "content" / "articles").glob("*.md"))
    settings = site_dir / "site.toml"
    good = settings.read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + "\nSaved while broken.\n", "utf-8")
    settings.write_text("title = [unclosed\n", encoding="utf-8")
    changes.add(frozenset({page.resolve(), settings.resolve()}))
    assert not rebuild().ok
    settings.write_text(good, encoding="utf-8")
    changes.add(frozenset({settings.resolve()}))
    assert rebuild().ok
    pages = (site_dir / "public").rglob("index.html")
    assert any("Saved while broken." in p.read_text(encoding="utf-8") for p in pages)
