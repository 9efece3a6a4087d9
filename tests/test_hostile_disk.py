"""A full disk or a read-only folder (issue 13, item 6): a clear error and exit 1, the staging
folder cleaned up, nothing of the last complete site lost. The failures are injected where
the build writes, since a test cannot fill the machine's disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site

from newsdigest import cli
from newsdigest.disk import beside
from newsdigest.output import write


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def built(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site", {"a.txt": REAL_SEED.read_text(encoding="utf-8")})
    assert cli.main(["build", "--site", str(site), "-q"]) == 0
    return site


@pytest.mark.parametrize(
    ("code", "todo"),
    [(errno.ENOSPC, "free some disk space"), (errno.EROFS, "make the folder writable")],
)
def test_a_write_that_fails_half_way_leaves_the_site_and_no_staging(
    built: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    todo: str,
) -> None:
    before = tree(built / "public")
    base = built / "layouts" / "base.html"  # every page changes, so every page is staged
    base.write_text(base.read_text().replace("<body", "<!-- a change -->\n<body", 1))
    staged: list[int] = []
    real_stage = write._stage

    def stage_until_full(staging: Path, data: bytes) -> str:
        if len(staged) == 3:
            raise OSError(code, os.strerror(code), str(staging / "next.tmp"))
        staged.append(1)
        return real_stage(staging, data)

    monkeypatch.setattr(write, "_stage", stage_until_full)
    capsys.readouterr()
    status = cli.main(["build", "--site", str(built)])
    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    assert f"({os.strerror(code)}); {todo}, then build again" in err
    assert tree(built / "public") == before
    assert not beside(built / "public", "staging").exists()


def test_ingest_that_cannot_write_a_page_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site", {"a.txt": REAL_SEED.read_text(encoding="utf-8")})
    import newsdigest.ingest.run as ingest_run

    def full(path: Path, data: bytes) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(ingest_run, "atomic_write", full)
    status = cli.main(["build", "--site", str(site)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert "No space left on device" in err and "free some disk space" in err
    assert not (site / "public").exists()


def test_a_cache_that_cannot_be_kept_is_a_warning_after_a_good_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site", {"a.txt": REAL_SEED.read_text(encoding="utf-8")})
    import newsdigest.disk as disk

    real = disk.atomic_write

    def full_in_cache(path: Path, data: bytes) -> bool:
        if ".cache" in path.parts:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, data)

    monkeypatch.setattr(disk, "atomic_write", full_in_cache)
    status = cli.main(["build", "--site", str(site)])
    err = capsys.readouterr().err
    assert status == 0 and "Traceback" not in err
    assert "could not keep the build cache (No space left on device)" in err
    assert (site / "public" / "index.html").is_file()
