"""The benchmark's preview edit: how pages are edited and found, and that no server outlives it."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    """A bench/ script loaded by path: bench/ is a folder of scripts, not a package."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # preview.py imports procs.py beside it
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def preview() -> ModuleType:
    return _load("preview")


HUGO_PAGE = """---
title: "Kyiv Backs \\"Peace Plan\\""
date: 2024-03-02T10:00:00+03:00
slug: "kyiv-backs-peace-plan"
---

Slug: not a header line, the body.
"""

PELICAN_PAGE = """Title: 'Talks,' Berg Says
Date: 2024-03-02 10:00
Slug: talks-berg-says

Body text.
"""

OUR_PAGE = """---
title: '''Talks resume,'' Berg Says'
slug: talks-resume-berg-says
seed: 00042_0123456789abcdef.txt
---

Body.
"""


def test_front_matter_field_reads_yaml_and_pelican_headers(preview: ModuleType) -> None:
    assert preview.front_matter_field(HUGO_PAGE, "slug") == "kyiv-backs-peace-plan"
    assert preview.front_matter_field(HUGO_PAGE, "title") == 'Kyiv Backs "Peace Plan"'
    assert preview.front_matter_field(PELICAN_PAGE, "slug") == "talks-berg-says"
    assert preview.front_matter_field(OUR_PAGE, "title") == "'Talks resume,' Berg Says"
    assert preview.front_matter_field(OUR_PAGE, "seed") == "00042_0123456789abcdef.txt"
    assert preview.front_matter_field(OUR_PAGE, "tags") == ""


def test_front_matter_field_ignores_the_body(preview: ModuleType) -> None:
    body_only = "---\ntitle: x\n---\n\nslug: from-the-body\n"
    assert preview.front_matter_field(body_only, "slug") == ""


def test_with_marker_adds_a_paragraph_then_changes_the_word(preview: ModuleType) -> None:
    first = preview.with_marker(PELICAN_PAGE, "previewmark1xaa")
    assert first.startswith(PELICAN_PAGE.rstrip("\n"))
    assert first.endswith("\n\nPreview edit: previewmark1xaa.\n")
    second = preview.with_marker(first, "previewmark2xbb")
    assert "previewmark1xaa" not in second
    assert second == first.replace("previewmark1xaa", "previewmark2xbb")


def test_rewrite_replaces_the_page_and_leaves_no_temporary_file(
    preview: ModuleType, tmp_path: Path
) -> None:
    page = tmp_path / "page.md"
    page.write_text(PELICAN_PAGE, encoding="utf-8")
    renamed = preview.rewrite(page, "previewmark1xcc")
    assert renamed <= time.perf_counter()
    assert "previewmark1xcc" in page.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_newsdigest_edits_finds_the_page_and_its_url(preview: ModuleType, tmp_path: Path) -> None:
    articles = tmp_path / "site" / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "2024-03-02-talks.md").write_text(OUR_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    built = out / "2024" / "03" / "02" / "talks-resume-berg-says" / "index.html"
    built.parent.mkdir(parents=True)
    built.write_text("<html></html>", encoding="utf-8")
    edits = preview.newsdigest_edits(tmp_path / "site", out, ["00042_0123456789abcdef.txt"])
    assert edits == [
        preview.Edit(articles / "2024-03-02-talks.md", "/2024/03/02/talks-resume-berg-says/")
    ]
    with pytest.raises(LookupError):
        preview.newsdigest_edits(tmp_path / "site", out, ["00043_missing.txt"])


def test_glob_escape_matches_names_literally(preview: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "a[1]*?").mkdir()
    (tmp_path / "a1").mkdir()
    found = list(tmp_path.glob(preview.glob_escape("a[1]*?")))
    assert [p.name for p in found] == ["a[1]*?"]


CHILD_IGNORING_SIGINT = (
    "import signal, subprocess, sys, time\n"
    "code = 'import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    'print("child ready", flush=True); time.sleep(60)\'\n'
    "subprocess.Popen([sys.executable, '-c', code])\n"
    "time.sleep(60)\n"
)


def test_stop_kills_what_outlives_the_server(preview: ModuleType) -> None:
    """A server whose child ignores SIGINT: the child is killed and the stop says so."""
    env = {"PATH": "/usr/bin:/bin"}
    with preview.Server([sys.executable, "-c", CHILD_IGNORING_SIGINT], env) as server:
        assert server.wait_line(preview.re.compile("child ready"), 0, 30.0)
        group = server.process.pid
    assert "1 process(es) left behind, killed" in server.stopped
    deadline = time.monotonic() + 5.0
    while preview.procs.group_members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert preview.procs.group_members(group) == []
