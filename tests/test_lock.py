"""One build of a site at a time: a second is refused with the owner's pid, a dead owner's lock
is taken over, and two builds started together never leave a page stale."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO, make_site

from newsdigest.config import load_config
from newsdigest.pipeline.build import build
from newsdigest.pipeline.lock import SiteLocked, site_lock
from newsdigest.pipeline.options import BuildOptions

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from newsdigest.pipeline.lock import site_lock\n"
    "with site_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(120)\n"
)
ENV = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000"}


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the site's lock, killed at the end whatever happens."""
    site = make_site(tmp_path / "site")
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(site / ".cache")],
        env=ENV,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "held\n"
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_second_build_is_refused_and_a_killed_owners_lock_taken_over(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    site = tmp_path / "site"
    options = BuildOptions(out_dir=tmp_path / "out", skip_ingest=True)
    with pytest.raises(
        SiteLocked, match=rf"another build of this site is running \(pid {holder.pid}\)"
    ):
        build(load_config(site), options)
    assert not (tmp_path / "out").exists()  # refused before anything was written
    cli = run_cli(site, tmp_path / "out")
    assert cli.returncode == 1 and f"(pid {holder.pid})" in cli.stderr
    holder.kill()  # SIGKILL: no chance to clean up; the kernel drops the lock
    holder.wait(timeout=10)
    report = build(load_config(site), options)
    assert report.written.changed


def test_a_build_told_to_wait_goes_on_once_the_lock_is_free(tmp_path: Path) -> None:
    # The preview waits for a `build` run meanwhile instead of failing its rebuild.
    brief = HOLD.replace("time.sleep(120)", "time.sleep(1)")
    process = subprocess.Popen(
        [sys.executable, "-c", brief, str(tmp_path)], env=ENV, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "held\n"
        with pytest.raises(SiteLocked), site_lock(tmp_path):
            pass
        asked = time.monotonic()
        with site_lock(tmp_path, wait_seconds=60):
            assert time.monotonic() - asked > 0.5  # got it only once the other one let go
    finally:
        process.kill()
        process.wait(timeout=10)


def run_cli(site: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        str(REPO / "build.py"),
        "build",
        "--site",
        str(site),
        "--out",
        str(out),
    ]
    return subprocess.run([*command, *extra], env=ENV, capture_output=True, text=True, timeout=300)


def start_cli(site: Path, out: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        str(REPO / "build.py"),
        "build",
        "-q",
        "--site",
        str(site),
        "--out",
        str(out),
    ]
    return subprocess.Popen(
        command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def write_articles(site: Path, version: int, count: int = 300) -> None:
    for index in range(count):
        text = (
            f"---\ntitle: Story {index} v{version}\ndate: 2025-03-{1 + index % 28:02d}T{index % 24:02d}:00:00Z\n"
            f"tags: [t{index % 7}]\n---\n\nBody {index}, version {version}.\n"
        )
        (site / "content" / "articles" / f"s{index}.md").write_text(text, encoding="utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_two_builds_at_once_leave_every_page_right(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    out = tmp_path / "public"
    for version in range(3):
        write_articles(site, version)
        builds = [start_cli(site, out), start_cli(site, out)]
        outcomes = []
        for process in builds:
            _, stderr = process.communicate(timeout=300)
            outcomes.append(process.returncode)
            assert process.returncode == 0 or "another build of this site is running" in stderr, (
                stderr
            )
        assert 0 in outcomes
        assert run_cli(site, out, "-q").returncode == 0  # the next build
        expected = tmp_path / f"clean{version}"
        assert run_cli(site, expected, "-q", "--no-cache").returncode == 0
        assert files(out) == files(expected)
