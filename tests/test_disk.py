"""newsdigest.disk: atomic writes that leave equal files alone, and hidden sibling paths."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from newsdigest.disk import atomic_write, beside, same_bytes


def test_equal_bytes_are_not_written_again(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"same")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    assert atomic_write(target, b"same") is False
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 1_000_000_000)


def test_different_bytes_replace_the_file_with_a_new_one(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    with target.open("rb") as reader:  # a reader of the old file keeps reading the old file
        old_inode = os.fstat(reader.fileno()).st_ino
        assert atomic_write(target, b"new") is True
        assert reader.read() == b"old"
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != old_inode


def test_a_reader_never_sees_a_half_written_file(tmp_path: Path) -> None:
    """A web server or browser reading a page while a build writes it gets the old bytes or
    the new ones, whole: never a truncated or mixed file."""
    target = tmp_path / "page.html"
    versions = [bytes([65 + n]) * 2_000_000 for n in range(2)]
    target.write_bytes(versions[0])
    seen: set[bytes] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            data = target.read_bytes()
            seen.add(data[:1] + str(len(data)).encode() + data[-1:])

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_ in range(40):
            atomic_write(target, versions[(round_ + 1) % 2])
    finally:
        done.set()
        reader.join()
    assert seen <= {b"A2000000A", b"B2000000B"}, seen


@pytest.mark.parametrize(("old", "new"), [(b"abc", b"abd"), (b"abc", b"abcd"), (b"", b"x")])
def test_any_difference_is_written(tmp_path: Path, old: bytes, new: bytes) -> None:
    target = tmp_path / "f"
    target.write_bytes(old)
    assert atomic_write(target, new) is True
    assert target.read_bytes() == new


def test_a_new_file_is_written_readable_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    assert atomic_write(target, b"<rss/>") is True
    assert target.read_bytes() == b"<rss/>"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "2025" / "03" / "14" / "slug" / "index.html"
    assert atomic_write(target, b"<p>hi</p>") is True
    assert target.read_bytes() == b"<p>hi</p>"


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    (folder / "child").mkdir(parents=True)  # a folder where the file should go
    with pytest.raises(OSError):
        atomic_write(folder, b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_same_bytes(tmp_path: Path) -> None:
    target = tmp_path / "f"
    target.write_bytes(b"abc")
    assert same_bytes(target, b"abc")
    assert not same_bytes(target, b"abd")
    assert not same_bytes(target, b"ab")
    assert not same_bytes(tmp_path / "missing", b"")
    assert not same_bytes(target / "under-a-file", b"")


@pytest.mark.parametrize("what", ["old", "new", "lock"])
def test_beside_is_a_hidden_sibling(tmp_path: Path, what: str) -> None:
    folder = tmp_path / "public"
    folder.mkdir()
    assert beside(folder, what) == tmp_path.resolve() / f".public.{what}"


def test_beside_a_folder_not_made_yet(tmp_path: Path) -> None:
    assert beside(tmp_path / "out", "old") == tmp_path.resolve() / ".out.old"


def test_beside_a_relative_folder_is_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "site" / "public").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "site")
    assert beside(Path("public"), "old") == tmp_path.resolve() / "site" / ".public.old"
