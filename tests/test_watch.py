"""The watcher: ignore rules, debouncing, and real watchdog events for the ways editors save."""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdigest.preview.watch import Debouncer, Watcher, is_ignored_name


@pytest.mark.parametrize(
    "name",
    [
        ".about.md.swp",
        ".about.md.swx",
        ".about.md.swo",
        "about.md~",
        ".#about.md",
        "#about.md#",
        "4913",
        "5036",
        ".about.md.x7f3k2.tmp",
        "about.md.tmp",
        "about.md___jb_tmp___",
        "about.md___jb_old___",
        ".about.md.kate-swp",
        ".goutputstream-ABC123",
        ".DS_Store",
        "",
    ],
)
def test_editor_and_temporary_files_are_ignored(name: str) -> None:
    assert is_ignored_name(name)


@pytest.mark.parametrize(
    "name", ["about.md", "style.css", "base.html", "seed-4913.txt", "site.toml"]
)
def test_real_files_are_not_ignored(name: str) -> None:
    assert not is_ignored_name(name)


def test_a_burst_of_paths_is_one_call() -> None:
    calls: queue.Queue[frozenset[Path]] = queue.Queue()
    debouncer = Debouncer(calls.put, delay=0.1)
    try:
        for n in range(20):
            debouncer.add([Path(f"/site/content/{n}.md")])
        batch = calls.get(timeout=2)
        assert len(batch) == 20
        with pytest.raises(queue.Empty):
            calls.get(timeout=0.3)  # the quiet period has long passed: nothing more comes
    finally:
        debouncer.stop()


def test_paths_arriving_during_a_callback_make_one_more_call() -> None:
    calls: queue.Queue[frozenset[Path]] = queue.Queue()
    running = threading.Event()
    release = threading.Event()

    def slow(batch: frozenset[Path]) -> None:
        running.set()
        release.wait(2)
        calls.put(batch)

    debouncer = Debouncer(slow, delay=0.05)
    try:
        debouncer.add([Path("/a")])
        assert running.wait(2)
        debouncer.add([Path("/b")])
        debouncer.add([Path("/c")])
        release.set()
        assert calls.get(timeout=2) == {Path("/a")}
        assert calls.get(timeout=2) == {Path("/b"), Path("/c")}
    finally:
        debouncer.stop()


def test_a_path_touched_without_pause_is_still_built() -> None:
    calls: queue.Queue[frozenset[Path]] = queue.Queue()
    debouncer = Debouncer(calls.put, delay=0.2, max_wait=0.3)
    stop = threading.Event()

    def keep_touching() -> None:
        while not stop.wait(0.02):
            debouncer.add([Path("/busy")])

    toucher = threading.Thread(target=keep_touching)
    toucher.start()
    try:
        assert calls.get(timeout=2) == {Path("/busy")}
    finally:
        stop.set()
        toucher.join()
        debouncer.stop()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for folder in ("seeds", "content/articles", "layouts", "static", "public"):
        (root / folder).mkdir(parents=True)
    (root / "content" / "about.md").write_text("About\n")
    (root / "site.toml").write_text('title = "A"\n')
    return root


class Recorder:
    """A running watcher over a site, with the batches it reported."""

    def __init__(self, root: Path, folders: list[Path]) -> None:
        self.batches: queue.Queue[frozenset[Path]] = queue.Queue()
        self.root = root.resolve()
        self.watcher = Watcher(
            folders, [root / "site.toml"], self.batches.put, ignore=[root / "public"], delay=0.1
        )

    def next(self, timeout: float = 5.0) -> set[Path]:
        """The next batch, with paths relative to the site."""
        batch = self.batches.get(timeout=timeout)
        return {p.relative_to(self.root) for p in batch}


@pytest.fixture
def recorder(site: Path) -> Iterator[Recorder]:
    folders = [site / name for name in ("seeds", "content", "layouts", "static")]
    recorder = Recorder(site, folders)
    with recorder.watcher:
        yield recorder


def test_write_in_place(site: Path, recorder: Recorder) -> None:
    with (site / "content" / "about.md").open("a") as handle:
        handle.write("more\n")
    assert recorder.next() == {Path("content/about.md")}


def test_write_to_a_temporary_file_then_rename(site: Path, recorder: Recorder) -> None:
    temp = site / "content" / ".about.md.x1y2.tmp"
    temp.write_text("About, saved atomically\n")
    os.replace(temp, site / "content" / "about.md")
    assert recorder.next() == {Path("content/about.md")}


def test_vim_style_save_with_probe_backup_and_swap(site: Path, recorder: Recorder) -> None:
    content = site / "content"
    (content / ".about.md.swp").write_bytes(b"swap")
    (content / "4913").write_bytes(b"")
    (content / "4913").unlink()
    os.rename(content / "about.md", content / "about.md~")
    (content / "about.md").write_text("About, from vim\n")
    (content / "about.md~").unlink()
    (content / ".about.md.swp").unlink()
    assert recorder.next() == {Path("content/about.md")}


def test_delete_then_recreate(site: Path, recorder: Recorder) -> None:
    page = site / "content" / "about.md"
    page.unlink()
    page.write_text("About, recreated\n")
    assert recorder.next() == {Path("content/about.md")}


def test_swap_files_alone_cause_no_rebuild(site: Path, recorder: Recorder) -> None:
    swap = site / "layouts" / ".base.html.swp"
    swap.write_bytes(b"swap")
    swap.write_bytes(b"swap, again")
    (site / "layouts" / "base.html~").write_text("backup")
    (site / "layouts" / ".#base.html").symlink_to("user@host.1234")
    swap.unlink()
    # A real edit afterwards proves the watcher was listening: its batch holds only that file.
    (site / "static" / "style.css").write_text("body {}\n")
    assert recorder.next() == {Path("static/style.css")}


def test_the_output_folder_never_causes_a_rebuild(site: Path, tmp_path: Path) -> None:
    # An output folder inside a watched one is the hard case: it must still be ignored.
    recorder = Recorder(site, [site / "content", site])
    with recorder.watcher:
        (site / "public" / "index.html").write_text("<p>built</p>")
        (site / "public" / "static").mkdir()
        (site / "public" / "static" / "style.css").write_text("built")
        (site / "content" / "about.md").write_text("About, edited\n")
        assert recorder.next() == {Path("content/about.md")}


def test_the_settings_file_is_watched_but_not_its_neighbours(
    site: Path, recorder: Recorder
) -> None:
    (site / "notes.txt").write_text("not part of the site")
    (site / "site.toml").write_text('title = "B"\n')
    assert recorder.next() == {Path("site.toml")}


def test_a_symlinked_folder_is_watched_where_its_files_are(tmp_path: Path) -> None:
    theme = tmp_path / "theme" / "layouts"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text("<html></html>")
    root = tmp_path / "site"
    root.mkdir()
    (root / "layouts").symlink_to(theme)
    batches: queue.Queue[frozenset[Path]] = queue.Queue()
    with Watcher([root / "layouts"], [], batches.put, delay=0.1):
        (root / "layouts" / "base.html").write_text("<html>edited</html>")
        assert batches.get(timeout=5) == {(theme / "base.html").resolve()}


def test_a_folder_created_after_start_is_watched(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    batches: queue.Queue[frozenset[Path]] = queue.Queue()
    with Watcher([root / "seeds"], [], batches.put, delay=0.1):
        (root / "seeds").mkdir()
        assert Path(root / "seeds").resolve() in batches.get(timeout=5)
        (root / "seeds" / "one.txt").write_text("a seed")
        assert batches.get(timeout=5) == {(root / "seeds" / "one.txt").resolve()}


def test_a_failing_callback_does_not_stop_the_debouncer() -> None:
    calls: queue.Queue[frozenset[Path]] = queue.Queue()

    def fail_once(batch: frozenset[Path]) -> None:
        calls.put(batch)
        if len(batch) == 1 and Path("/first") in batch:
            raise RuntimeError("a broken callback")

    debouncer = Debouncer(fail_once, delay=0.05)
    try:
        debouncer.add([Path("/first")])
        assert calls.get(timeout=2) == {Path("/first")}
        debouncer.add([Path("/second")])
        assert calls.get(timeout=2) == {Path("/second")}
    finally:
        debouncer.stop()


def test_events_the_kernel_dropped_count_as_every_watched_folder_changed(site: Path) -> None:
    """watchdog says only in its log that the inotify queue overflowed: the next batch must
    then name every watched folder, so the rebuild looks at everything again."""
    folders = [site / "content", site / "seeds"]
    recorder = Recorder(site, folders)
    with recorder.watcher:
        logging.getLogger("watchdog.observers.inotify_c").warning(
            "Inotify queue overflowed; filesystem events were lost"
        )
        assert recorder.next() == {Path("content"), Path("seeds"), Path("site.toml")}
    logging.getLogger("watchdog.observers.inotify_c").warning("Inotify queue overflowed")
    with pytest.raises(queue.Empty):  # a stopped watcher no longer listens
        recorder.batches.get(timeout=0.3)
