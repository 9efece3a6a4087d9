"""A build killed at any moment leaves the output either as it was or recoverably switched."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import REPO, make_site

from newsdigest.output.write import recover


def article(index: int, version: int) -> str:
    day = 1 + index % 28
    return f"---\ntitle: Story {index} v{version}\ndate: 2025-02-{day:02d}T09:00:00Z\n---\n\nBody {index}, version {version}.\n"


def write_articles(site: Path, version: int, count: int = 400) -> None:
    for index in range(count):
        (site / "content" / "articles" / f"s{index}.md").write_text(
            article(index, version), encoding="utf-8"
        )


def snapshot(folder: Path) -> dict[str, bytes]:
    """The site's files; the search index (pagefind/) is swapped in whole after the site, and
    may be the previous one after a kill (test_search checks that it is never half made)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def run_build(site: Path, out: Path, kill_after: float | None = None) -> int:
    command = [
        sys.executable,
        str(REPO / "build.py"),
        "build",
        "--site",
        str(site),
        "--out",
        str(out),
        "-q",
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if kill_after is None:
        return process.wait(timeout=120)
    time.sleep(
        kill_after
    )  # the moment of the kill is the variable under test, not a wait for a result
    process.send_signal(signal.SIGKILL)
    return process.wait(timeout=30)


def test_sigkill_at_many_moments_never_leaves_a_half_written_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {}, "page_size = 10\n")
    write_articles(site, 1)
    out = tmp_path / "public"
    assert run_build(site, out) == 0
    saved = tmp_path / "saved"
    shutil.copytree(out, saved)
    before = snapshot(out)
    write_articles(site, 2)
    shutil.rmtree(site / ".cache")
    started = time.monotonic()
    assert run_build(site, tmp_path / "expected") == 0  # what the new build makes, built elsewhere
    duration = time.monotonic() - started  # kill at moments spread over a build's own length
    after = snapshot(tmp_path / "expected")
    outcomes = set()
    for delay in (duration * step / 10 for step in range(1, 12)):
        shutil.rmtree(out)
        shutil.copytree(saved, out)
        shutil.rmtree(site / ".cache", ignore_errors=True)  # a cold build: long enough to interrupt
        run_build(site, out, kill_after=delay)
        current = snapshot(out)
        if current == before:
            outcomes.add("previous")
        elif current == after:
            outcomes.add("new")
        else:  # killed while switching: the journal lets the next build finish the switch
            assert (tmp_path / ".public.staging" / "journal.json").exists(), (
                f"half-written at {delay} s"
            )
            outcomes.add("recovered")
        recover(out)  # what the next build does first
        assert snapshot(out) in (before, after)
        assert not (tmp_path / ".public.staging").exists()  # nor a journal nor staged files
    assert "previous" in outcomes, outcomes
