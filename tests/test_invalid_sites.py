"""Invalid sites: each folder under tests/invalid_sites/ must fail the build as it says.

A case folder is a small site plus, at its top, files the build never sees:
- expected.txt: lines that stderr must each contain, paths relative to the site folder;
- exit.txt (optional): the exit status, 1 when missing (the build runs with --strict);
- xfail.txt (optional): why the product fails the case today; the test is then a strict xfail.
A case whose expected exit is 2, or whose message says "nothing written", stopped the build:
nothing at all may appear beside the site. Any other case skipped one input: the rest is built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "invalid_sites"
CASE_FILES = ("expected.txt", "exit.txt", "xfail.txt")
"""The files at a case's top that describe it; not copied into the site."""


def cases() -> list[object]:
    """One parameter per case folder, its id the folder's name, strict xfail where it says."""
    params: list[object] = []
    for folder in sorted(path for path in CASES.iterdir() if path.is_dir()):
        reason = folder / "xfail.txt"
        marks = (
            [pytest.mark.xfail(strict=True, reason=reason.read_text(encoding="utf-8").strip())]
            if reason.exists()
            else []
        )
        params.append(pytest.param(folder, id=folder.name, marks=marks))
    return params


def copy_case(case: Path, site: Path) -> None:
    """The case's site into `site`, without its description files; symlinks stay symlinks."""

    def description(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if name in CASE_FILES] if Path(folder) == case else []

    shutil.copytree(case, site, symlinks=True, ignore=description)


def run_build(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`build.py build --strict -q` in a fresh process, as a person runs it."""
    command = [sys.executable, "build.py", "build", "--site", str(site), "--out", str(out)]
    return subprocess.run(
        [*command, "--strict", "-q"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def relative(text: str, site: Path) -> str:
    """Messages with the temporary site folder taken out, so paths read as in expected.txt."""
    return text.replace(f"{site}{os.sep}", "").replace(str(site), ".")


@pytest.mark.parametrize("case", cases())
def test_an_invalid_site_fails_with_its_message(case: Path, tmp_path: Path) -> None:
    """The exit status, each expected line on stderr, no traceback, nothing half-written."""
    site, out = tmp_path / case.name, tmp_path / "out"
    copy_case(case, site)
    result = run_build(site, out)
    stderr = relative(result.stderr, site)
    assert "Traceback" not in stderr, stderr
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    missing = [line for line in expected if line and line not in stderr]
    assert not missing, f"stderr lacks {missing}; it was:\n{stderr}"
    exit_file = case / "exit.txt"
    status = int(exit_file.read_text(encoding="utf-8")) if exit_file.exists() else 1
    assert result.returncode == status, stderr
    if status == 2 or any("nothing written" in line for line in expected):
        assert sorted(path.name for path in tmp_path.iterdir()) == [case.name]
        assert result.stdout == ""
    else:
        assert (out / "index.html").is_file(), "a skipped input must not stop the rest"
