"""A build killed at any moment leaves the output either as it was or recoverably switched."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, make_site, survivors

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


def run_build(
    site: Path,
    out: Path,
    kill_after: float | None = None,
    signum: signal.Signals = signal.SIGKILL,
    whole_group: bool = False,
) -> int:
    """Build; with kill_after, send signum that many seconds in, to the build alone (as
    `kill PID` does) or to its whole process group (as Ctrl-C, systemd and CI runners do).
    Either way, no process of the build may be left running afterwards."""
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
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a group of its own: killing it leaves pytest alone
    )
    try:
        if kill_after is None:
            return process.wait(timeout=120)
        time.sleep(
            kill_after
        )  # the moment of the kill is the variable under test, not a wait for a result
        if whole_group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        return process.wait(timeout=30)
    finally:
        left = survivors(str(site))
        for line in left:  # end them, so one failure does not leave them for the next test
            os.kill(int(line.partition(":")[0]), signal.SIGKILL)
        assert not left, f"processes of a killed build still running: {left}"


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
    for index, delay in enumerate(duration * step / 10 for step in range(1, 12)):
        shutil.rmtree(out)
        shutil.copytree(saved, out)
        shutil.rmtree(site / ".cache", ignore_errors=True)  # a cold build: long enough to interrupt
        run_build(site, out, kill_after=delay, whole_group=index % 2 == 1)
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


def test_sigterm_ends_a_build_as_cleanly_as_ctrl_c(tmp_path: Path) -> None:
    """SIGTERM (CI's cancel, systemd's stop, `timeout`) to the build or to its process group:
    exit status 143, the site as it was or as the new build makes it, never between, no staged
    files nor journal beside it even before the next build, and no process left running."""
    site = make_site(tmp_path / "site", {}, "page_size = 10\n")
    write_articles(site, 1)
    out = tmp_path / "public"
    assert run_build(site, out) == 0
    before = snapshot(out)
    write_articles(site, 2)
    shutil.rmtree(site / ".cache")
    started = time.monotonic()
    assert run_build(site, tmp_path / "expected") == 0
    duration = time.monotonic() - started
    after = snapshot(tmp_path / "expected")
    statuses = []
    for index, delay in enumerate(duration * step / 10 for step in (2, 4, 6, 7, 8, 9)):
        shutil.rmtree(site / ".cache", ignore_errors=True)
        status = run_build(site, out, delay, signal.SIGTERM, whole_group=index % 2 == 1)
        statuses.append(status)
        current = snapshot(out)
        assert current in (before, after), f"half-written at {delay} s"
        assert not (tmp_path / ".public.staging").exists(), f"staging left at {delay} s"
        if current == after:  # finished before the signal: the next round starts from before
            assert status in (0, 143, -signal.SIGTERM)  # -15: the signal came as Python exited
            write_articles(site, 1)
            assert run_build(site, out) == 0
            write_articles(site, 2)
    # -SIGTERM: the signal came while Python was starting (before the handler) or exiting (after)
    assert set(statuses) <= {143, 0, -signal.SIGTERM}, statuses
    assert statuses.count(143) >= 3, statuses


@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [(signal.SIGKILL, False), (signal.SIGKILL, True), (signal.SIGTERM, False)],
)
def test_a_killed_preview_leaves_no_process_behind(
    tmp_path: Path, signum: signal.Signals, whole_group: bool
) -> None:
    """`serve` killed while a rebuild of 400 edited articles runs in its workers (from the
    watcher's thread, not the main one): nothing of it is left running; SIGTERM exits 143."""
    site = make_site(tmp_path / "site", {}, "page_size = 10\n")
    write_articles(site, 1)
    command = [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site)]
    process = subprocess.Popen(
        [*command, "--port", "0"],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        while b"Serving" not in process.stdout.readline():
            assert process.poll() is None, "serve ended before serving"
        write_articles(site, 2)
        workers = _wait_for_children(process.pid)
        assert workers, "the rebuild started no workers: nothing under test"
        os.killpg(process.pid, signum) if whole_group else process.send_signal(signum)
        status = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        left = survivors(str(site))
        for line in left:
            os.kill(int(line.partition(":")[0]), signal.SIGKILL)
        assert process.stdout is not None
        process.stdout.close()
    assert not left, f"processes of a killed preview still running: {left}"
    assert status == (143 if signum == signal.SIGTERM else -signum)


def _wait_for_children(pid: int, timeout: float = 20.0) -> list[int]:
    """The child processes of pid once it has some (its workers), or [] after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = [
            int(entry.name)
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and _parent_of(entry) == pid
        ]
        if children:
            return children
        time.sleep(0.02)
    return []


def _parent_of(entry: Path) -> int:
    try:
        return int((entry / "stat").read_text().rpartition(")")[2].split()[1])
    except (OSError, IndexError, ValueError):
        return 0
