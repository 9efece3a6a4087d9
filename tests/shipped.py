"""The repository's own site, copied into a test's folder and built with the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ("content", "seeds", "layouts", "static", "site.toml")
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI, as a person runs it."""
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )


def copy_repo_site(target: Path) -> Path:
    """The repository's site folder, copied (links followed) so that nothing writes into it."""
    target.mkdir(parents=True)
    for name in SITE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def build_shipped(root: Path, *args: str) -> Path:
    """Build a copy of the shipped site under root; returns the output folder."""
    site = copy_repo_site(root / "site")
    result = run("build", "--site", str(site), "--out", str(root / "public"), "--search", *args)
    assert result.returncode == 0, result.stderr
    return root / "public"
