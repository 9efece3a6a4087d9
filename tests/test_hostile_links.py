"""Symlinks in a site folder (issue 13, items 1 and 9): editors leave dangling ones (Emacs's
`.#page.md`), and a link out of the site must never be walked, read or published."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site
from shipped import run

from newsdigest.disk import site_files, unsafe_link

SECRET = "a private line from outside the site"


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return run("build", "--site", str(site))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site", {"a.txt": REAL_SEED.read_text(encoding="utf-8")})
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "deep.css").write_text(SECRET, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "link",
    [
        "content/.#about.md",
        "content/articles/gone.md",
        "seeds/gone.txt",
        "static/gone.css",
        "layouts/gone.html",
        "public/gone.html",
    ],
)
def test_a_dangling_link_anywhere_is_no_crash(site: Path, link: str) -> None:
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(site / "nowhere")
    first, again = build(site), build(site)
    for result in (first, again):
        assert "Traceback" not in result.stderr
        assert result.stdout.startswith("Built 1 article")


@pytest.mark.parametrize(
    ("link", "target", "said"),
    [
        ("static/x.txt", "secret.txt", "static/x.txt: warning: a symlink out of the site"),
        ("static/outside", "outside", "static/outside: warning: a symlink out of the site"),
        ("content/leak.md", "secret.txt", "content/leak.md: warning: a symlink out of the site"),
        (
            "seeds/leak.txt",
            "secret.txt",
            "seeds/leak.txt:1: error: cannot read the seed (a symlink out",
        ),
    ],
)
def test_a_link_out_of_the_site_is_not_published(
    site: Path, tmp_path: Path, link: str, target: str, said: str
) -> None:
    (site / link).symlink_to(tmp_path / target)
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert said in result.stderr
    published = [p for p in (site / "public").rglob("*") if p.is_file()]
    assert published and not any(SECRET in p.read_text(errors="replace") for p in published)
    assert not any(p.is_symlink() for p in (site / "public").rglob("*"))


def test_a_link_inside_the_site_is_followed(site: Path) -> None:
    (site / "static" / "logo-copy.svg").symlink_to(site / "static" / "favicon.svg")
    assert build(site).returncode == 0
    assert (site / "public" / "static" / "logo-copy.svg").is_file()


def test_site_files_stops_at_links_out_and_at_loops(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "static" / "css").mkdir(parents=True)
    (root / "static" / "css" / "a.css").write_text("a")
    (root / "static" / "css" / "loop").symlink_to(root / "static")
    (root / "static" / "usr").symlink_to("/usr")
    (root / "static" / ".hidden").write_text("h")
    files, skipped = site_files(root / "static", root)
    assert [p.relative_to(root).as_posix() for p in files] == ["static/css/a.css"]
    assert [(p.name, why.split(" (")[0]) for p, why in skipped] == [
        ("usr", "a symlink out of the site")
    ]
    assert unsafe_link(root / "static" / "css" / "loop", root) == ""
