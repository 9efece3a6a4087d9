"""`newsdigest check`: passes on the shipped site, finds each planted fault and names its file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import REPO, make_site
from shipped import copy_repo_site, run

from newsdigest.check.checker import check_site
from newsdigest.check.urls import Finding, Resolver
from newsdigest.config import load_config

BASE = "https://example.org/news/"
NOW = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("base_url", [None, BASE])
def test_the_shipped_site_builds_and_checks_clean(tmp_path: Path, base_url: str | None) -> None:
    site = copy_repo_site(tmp_path / "site")
    extra = ["--base-url", base_url] if base_url else []
    built = run("build", "--site", str(site), "--search", *extra)
    assert built.returncode == 0, built.stderr
    checked = run("check", "--site", str(site), *extra)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    assert checked.stdout.startswith("Checked ") and checked.stdout.rstrip().endswith("no findings")
    assert len(checked.stdout.splitlines()) == 1


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good build of the test site under a base URL with a path; tests copy it."""
    root = tmp_path_factory.mktemp("good")
    site = make_site(
        root / "site", {"real.txt": (REPO / "tests/fixtures/real_seed.txt").read_bytes()}
    )
    result = run("build", "--site", str(site), "--out", str(root / "out"), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the good output, for planting one fault."""
    return Path(shutil.copytree(built / "out", tmp_path / "out"))


def findings_in(out: Path) -> list[Finding]:
    return list(check_site(out, load_config(out, BASE), NOW).findings)


def test_the_good_build_has_no_findings(out: Path) -> None:
    assert findings_in(out) == []


def article_of(out: Path) -> str:
    """The one article page's file, found rather than spelled out."""
    pages = [p for p in out.glob("2*/*/*/*/index.html")]
    assert len(pages) == 1
    return pages[0].relative_to(out).as_posix()


def edit(out: Path, path: str, old: str, new: str) -> None:
    file = out / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r} to plant a fault at"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def into_main(markup: str) -> Callable[[Path, str], None]:
    return lambda out, path: edit(out, path, "</main>", markup + "</main>")


PAGE_FAULTS: list[tuple[str, Callable[[Path, str], None], str]] = [
    ("broken link", into_main('<p><a href="../nowhere/">x</a></p>'), "leads to missing"),
    (
        "missing image",
        into_main('<img src="/news/static/gone.png" alt="">'),
        "image /news/static/gone.png",
    ),
    ("two h1", into_main("<h1>Again</h1>"), "has 2 <h1> elements"),
    ("no h1", lambda o, p: edit(o, p, "<h1", "<h2"), "has 0 <h1>"),
    ("bad markup", into_main("<p><b>x</p></b>"), "Unexpected end tag (p)"),
    ("duplicate id", into_main('<p id="main">x</p>'), "id 'main' is used 2 times"),
    ("dangling fragment", into_main('<a href="#nowhere">x</a>'), "#nowhere names no id"),
    ("no lang", lambda o, p: edit(o, p, ' lang="en"', ""), "<html> has no lang"),
    ("empty title", lambda o, p: edit(o, p, "<title>", "<title> </title><x-title>"), "no <title>"),
    (
        "no description",
        lambda o, p: edit(o, p, 'name="description"', 'name="x"'),
        "no meta description",
    ),
    (
        "fragment on another page",
        into_main('<a href="../../../../archive/#nowhere">x</a>'),
        "archive/index.html has no id 'nowhere'",
    ),
    ("outside base", into_main('<a href="/elsewhere/">x</a>'), "leads outside the site"),
    ("folder link", into_main('<a href="../../../../archive">x</a>'), "names a folder"),
    (
        "missing stylesheet",
        lambda o, p: edit(o, p, 'rel="stylesheet" href="', 'rel="stylesheet" href="gone-'),
        "stylesheet",
    ),
]


@pytest.mark.parametrize(
    ("fault", "plant", "expected"), PAGE_FAULTS, ids=[f[0] for f in PAGE_FAULTS]
)
def test_check_finds_a_fault_in_a_page(
    out: Path, fault: str, plant: Callable[[Path, str], None], expected: str
) -> None:
    page = article_of(out)
    plant(out, page)
    found = [f for f in findings_in(out) if f.path == page and expected in f.problem]
    assert found, f"{fault} not found in {findings_in(out)}"
    assert found[0].fix


def test_check_lists_an_orphan_and_the_sitemap_that_misses_it(out: Path) -> None:
    (out / "lost").mkdir()
    # A copy of about/ at the same depth: its relative links still resolve, nothing links to it.
    shutil.copy(out / "about" / "index.html", out / "lost" / "index.html")
    problems = {(f.path, f.problem) for f in findings_in(out)}
    assert ("lost/index.html", "no page links here (an orphan)") in problems
    assert ("sitemap.xml", f"does not list {BASE}lost/") in problems


def test_404_is_no_orphan_and_not_in_the_sitemap(out: Path) -> None:
    assert (out / "404.html").is_file()
    assert "404" not in (out / "sitemap.xml").read_text()
    assert findings_in(out) == []


def test_check_finds_a_sitemap_entry_for_a_missing_page(out: Path) -> None:
    edit(out, "sitemap.xml", "</urlset>", f"<url><loc>{BASE}gone/</loc></url></urlset>")
    assert [str(f) for f in findings_in(out)] == [
        f"sitemap.xml: lists {BASE}gone/, but there is no page gone/index.html; "
        "remove it, or build the page"
    ]


FEED_FAULTS: list[tuple[str, str, str, str, str]] = [
    (
        "relative link in content",
        "feed.xml",
        "&lt;/p&gt;",
        '&lt;a href="../about/"&gt;x&lt;/a&gt;&lt;/p&gt;',
        "relative URL ../about/",
    ),
    (
        "relative image in Atom",
        "atom.xml",
        "&lt;/p&gt;",
        '&lt;img src="static/x.png"&gt;&lt;/p&gt;',
        "relative URL static/x.png",
    ),
    (
        "script in content",
        "atom.xml",
        "&lt;/p&gt;",
        "&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;",
        "has a <script>",
    ),
    (
        "entry link to a missing page",
        "feed.xml",
        "/</link>\n      <desc",
        "-gone/</link>\n      <desc",
        "entry 1 link",
    ),
    ("future date", "atom.xml", "<published>2025", "<published>2999", "is in the future"),
    ("bad RSS date", "feed.xml", "<pubDate>Fri, 14", "<pubDate>Friday, 14", "is not RFC 822"),
    ("not well-formed", "feed.xml", "</channel>", "", "does not parse"),
]


@pytest.mark.parametrize(
    ("fault", "feed", "old", "new", "expected"), FEED_FAULTS, ids=[f[0] for f in FEED_FAULTS]
)
def test_check_finds_a_fault_in_a_feed(
    out: Path, fault: str, feed: str, old: str, new: str, expected: str
) -> None:
    edit(out, feed, old, new)
    found = [f for f in findings_in(out) if f.path == feed and expected in f.problem]
    assert found, f"{fault} not found in {findings_in(out)}"


def test_check_finds_entries_that_share_an_id(out: Path) -> None:
    text = (out / "atom.xml").read_text(encoding="utf-8")
    start, end = text.index("<entry>"), text.index("</entry>") + len("</entry>")
    (out / "atom.xml").write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    assert any("is used by 2 entries" in f.problem for f in findings_in(out))


def test_the_cli_names_every_planted_fault_and_exits_1(out: Path, built: Path) -> None:
    page = article_of(out)
    into_main('<p><a href="../nowhere/">x</a><img src="gone.png" alt=""></p><h1>Two</h1>')(
        out, page
    )
    edit(out, "feed.xml", "&lt;/p&gt;", '&lt;a href="x/"&gt;x&lt;/a&gt;&lt;/p&gt;')
    edit(out, "sitemap.xml", "</urlset>", f"<url><loc>{BASE}gone/</loc></url></urlset>")
    result = run("check", "--site", str(built / "site"), "--out", str(out), "--base-url", BASE)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for file, words in [
        (page, "nowhere"),
        (page, "gone.png"),
        (page, "<h1>"),
        ("feed.xml", "x/"),
        ("sitemap.xml", "gone/"),
    ]:
        assert any(line.startswith(f"{out / file}: ") and words in line for line in lines), words
    assert result.stdout.count("\n") == 1 and "5 findings" in result.stdout


def test_check_of_a_missing_folder_says_build_first(tmp_path: Path) -> None:
    report = check_site(tmp_path / "public", load_config(tmp_path), NOW)
    assert [f.fix for f in report.findings] == ["build the site first"]


@pytest.mark.parametrize(
    ("base", "page", "url", "expected"),
    [
        ("https://example.org/", "index.html", "about/", ("about/index.html", True)),
        ("https://example.org/", "a/b/index.html", "../../static/s.css", ("static/s.css", True)),
        ("https://example.org/news/", "a/index.html", "/news/a/b/?q=1#x", ("a/b/index.html", True)),
        ("https://example.org/news/", "a/index.html", "/other/", ("/other/", False)),
        ("https://example.org/news/", "a/index.html", "../../../x", ("/x", False)),
        (
            "https://example.org/news/",
            "index.html",
            "https://example.org/news/",
            ("index.html", True),
        ),
        (
            "https://example.org/news/",
            "index.html",
            "https://example.org/news/caf%C3%A9/",
            ("café/index.html", True),
        ),
        ("https://example.org/news/", "index.html", "https://other.org/news/", None),
        ("https://example.org/news/", "index.html", "http://example.org/news/", None),
        ("https://example.org/news/", "index.html", "mailto:desk@example.org", None),
        ("https://example.org/news/", "index.html", "#top", None),
    ],
)
def test_the_resolver_serves_urls_the_way_a_host_does(
    base: str, page: str, url: str, expected: tuple[str, bool] | None
) -> None:
    target = Resolver(base).target(page, url)
    assert (None if target is None else (target.path, target.inside)) == expected
