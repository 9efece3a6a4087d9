from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdigest.disk import atomic_write
from newsdigest.output.write import (
    OUTPUT_MANIFEST,
    read_manifest,
    safe_join,
    static_files,
    write_site,
)


def test_atomic_write_leaves_equal_files_untouched(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.html"
    assert atomic_write(target, b"one") is True
    os.utime(target, (1, 1))
    assert atomic_write(target, b"one") is False
    assert target.stat().st_mtime == 1
    assert atomic_write(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.html"]  # no temporary file left


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a/../../x", "a\\..\\x", ""])
def test_paths_never_leave_the_output_folder(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        safe_join(tmp_path, bad)


def test_write_site_removes_only_what_it_wrote_before(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("a person's file")
    first = write_site(tmp_path, [("a/index.html", b"a"), ("b/index.html", b"b")])
    assert first.written == 2 and first.removed == ()
    second = write_site(tmp_path, [("a/index.html", b"a")])
    assert second.changed == () and second.unchanged == 1 and second.removed == ("b/index.html",)
    assert not (tmp_path / "b").exists()
    assert (tmp_path / "mine.txt").exists()
    assert (tmp_path / OUTPUT_MANIFEST).exists()


def test_static_files_skip_hidden_and_editor_files(tmp_path: Path) -> None:
    for name in ("style.css", ".style.css.swp", "style.css~", "img/logo.svg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p for p, _ in static_files(tmp_path)[0]] == ["img/logo.svg", "style.css"]


def test_a_manifest_the_caller_wrote_last_is_trusted_and_kept_when_the_same(tmp_path: Path) -> None:
    out = tmp_path / "public"
    first = write_site(out, [("a.html", b"a"), ("b.html", b"b")])
    assert first.files == {"a.html", "b.html"}
    manifest = (out / OUTPUT_MANIFEST).stat().st_mtime_ns
    same = write_site(out, [("a.html", b"A")], kept=["b.html"], last=first.files)
    assert same.changed == ("a.html",) and (out / OUTPUT_MANIFEST).stat().st_mtime_ns == manifest
    fewer = write_site(out, [("a.html", b"A")], last=same.files)
    assert fewer.removed == ("b.html",) and not (out / "b.html").exists()
    assert read_manifest(out) == {"a.html"}


def test_files_that_fail_while_being_made_leave_the_site_and_no_staging_behind(
    tmp_path: Path,
) -> None:
    """Pages are rendered as they are written: a layout that breaks half-way through raises
    out of write_site, which must leave the last site as it was and take its staging away."""
    out = tmp_path / "public"
    write_site(out, [("a.html", b"a"), ("b.html", b"b")])
    before = {path.name: path.read_bytes() for path in out.iterdir()}

    def breaking() -> Iterator[tuple[str, bytes]]:
        yield "a.html", b"A"
        raise RuntimeError("a layout broke")

    with pytest.raises(RuntimeError):
        write_site(out, breaking())
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert [path.name for path in tmp_path.iterdir()] == ["public"]  # no staging folder


def test_an_interrupt_in_the_middle_of_the_switch_finishes_it_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or SIGTERM (a KeyboardInterrupt) after some files were moved into place: the
    rest are moved before it goes on, so the site is wholly the new one, with no journal or
    staged file left for the next build to finish."""
    out = tmp_path / "public"
    write_site(out, [("a.html", b"a"), ("b.html", b"b"), ("c.html", b"c")])
    real, moves = os.replace, []

    def interrupted(source: str | Path, target: str | Path) -> None:
        moves.append(target)
        if len(moves) == 2:  # the first page is in place, the second not yet
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_site(out, [("a.html", b"A"), ("b.html", b"B"), ("c.html", b"C")])
    monkeypatch.setattr(os, "replace", real)
    files = {path.name: path.read_bytes() for path in out.iterdir() if path.suffix == ".html"}
    assert files == {"a.html": b"A", "b.html": b"B", "c.html": b"C"}
    assert [path.name for path in tmp_path.iterdir()] == ["public"]  # no journal, no staging
