"""Loading content: from the cache when unchanged, and only what a watcher reported when told."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import make_site

from newsdigest.config import load_config
from newsdigest.content.load import Content
from newsdigest.pipeline.cache import BuildCache
from newsdigest.pipeline.options import BuildOptions
from newsdigest.pipeline.sources import Sources, load_sources


def article(title: str) -> str:
    return f"---\ntitle: {title}\ndate: 2025-03-14T10:00:00+00:00\n---\n\nThe lead of {title}.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site")
    for name in ("one", "two", "three"):
        write(root / "content" / "articles" / f"{name}.md", article(name.title()))
    write(root / "content" / "desk" / "about.md", "---\ntitle: About\n---\n\nWho we are.\n")
    write(root / "content" / "desk" / "team.md", "---\ntitle: Team\n---\n\nThe desk.\n")
    return root


def loaded(site: Path, cache: BuildCache, changed: frozenset[Path] | None = None) -> Sources:
    config = load_config(site)
    return load_sources(config, cache, BuildOptions(out_dir=site / "public", workers=1), changed)


def titles(content: Content) -> tuple[list[str], list[str]]:
    return [a.title for a in content.articles], [p.title for p in content.pages]


def after(site: Path, first: Sources) -> BuildCache:
    """The cache a build that loaded `first` leaves, a moment later by the disk's clock."""
    return replace(BuildCache("s", sources=first.records), written_ns=os.stat(site).st_mtime_ns)


def test_what_a_watcher_reported_is_all_that_is_read_and_gives_what_a_walk_gives(
    site: Path,
) -> None:
    cache = after(site, loaded(site, BuildCache("s")))
    content = site / "content"
    changed = {
        write(content / "articles" / "two.md", article("Two, edited")),  # an edit
        write(content / "articles" / "four.md", article("Four")),  # a new page
        content / "articles" / "one.md",  # a page deleted
        content / "desk",  # a folder deleted, with what was in it
        write(content / "articles" / ".#two.md", "an editor's lock"),  # hidden: never content
        content / "articles" / "two.md.tmp",  # an atomic save's temporary file, gone
        site / "layouts" / "base.html",  # not content
    }
    (content / "articles" / "one.md").unlink()
    for page in ("about.md", "team.md"):
        (content / "desk" / page).unlink()
    (content / "desk").rmdir()
    hinted = loaded(site, cache, frozenset(path.resolve() for path in changed))
    walked = loaded(site, cache)
    assert titles(hinted.content) == titles(walked.content)
    assert titles(walked.content)[0] == ["Four", "Three", "Two, edited"]
    assert "Team" not in titles(walked.content)[1]
    assert hinted.records.keys() == walked.records.keys()
    assert hinted.parsed == 2  # four.md and two.md, the others from the cache


def test_a_folder_that_appeared_is_walked_for_what_is_in_it(site: Path) -> None:
    cache = after(site, loaded(site, BuildCache("s")))
    folder = site / "content" / "articles" / "moved-in"
    write(folder / "five.md", article("Five"))
    hinted = loaded(site, cache, frozenset({folder.resolve()}))
    assert "Five" in titles(hinted.content)[0]


def test_without_a_report_or_a_cache_content_is_walked(site: Path) -> None:
    cache = after(site, loaded(site, BuildCache("s")))
    write(site / "content" / "articles" / "two.md", article("Two, edited"))
    assert "Two, edited" in titles(loaded(site, cache).content)[0]
    nothing = frozenset({(site / "content" / "articles" / "two.md").resolve()})
    assert len(loaded(site, BuildCache("s"), nothing).content.articles) == 3
