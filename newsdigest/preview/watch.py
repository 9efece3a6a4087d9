"""Watch folders and files for edits, wait for a burst of events to end, then call back once.

Knows nothing about sites: it is given the folders and files to watch, folders to ignore
(the output folder, so a build can never trigger itself) and a callback.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

OnChange = Callable[[frozenset[Path]], object]
"""Called with the paths that changed during one burst of events."""

# Event types that mean content changed. Opening and closing files (the build reads every
# input) must never count, or each build would trigger the next one.
_CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "attrib"})

# Names editors and tools write next to the file being edited: vim swap files and its
# write probe (4913, 5036, ...), Emacs autosaves, JetBrains' safe-write files, Kate swaps,
# temporary files of atomic writes, backups.
_IGNORED_NAME = re.compile(
    r"""
    ^\.                                   # hidden: .#lock, .file.swp, .file.XXXX.tmp, .goutputstream
    | ~$                                  # backup~
    | ^\#.*\#$                            # Emacs #autosave#
    | \.(sw[a-px]|tmp|temp|bak|orig|kate-swp|crdownload|part)$
    | ___jb_(tmp|old|bak)___$             # JetBrains safe write
    | ^\d+$                               # vim's write probe: 4913 and the numbers after it
    """,
    re.VERBOSE | re.IGNORECASE,
)


def is_ignored_name(name: str) -> bool:
    """True for editor swap, backup and temporary file names, and for hidden files."""
    return not name or bool(_IGNORED_NAME.search(name))


class Debouncer:
    """Collects paths and calls back once they stop arriving for `delay` seconds.

    The callback runs on one worker thread, never twice at once; paths that arrive while it
    runs are collected for the next call, so an edit during a build is never lost. An editor's
    save (a temporary file, then a rename) is one burst of a few milliseconds: 50 ms of quiet
    gathers it without a wait anyone sees.
    """

    def __init__(self, callback: OnChange, delay: float = 0.05, max_wait: float = 2.0) -> None:
        self._callback = callback
        self._delay = delay
        self._max_wait = max_wait  # a file touched without pause must not starve the build
        self._pending: set[Path] = set()
        self._first = self._last = 0.0
        self._stopped = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="newsdigest-debounce", daemon=True)
        self._thread.start()

    def add(self, paths: Iterable[Path]) -> None:
        """Note changed paths; the callback comes once the burst is over."""
        with self._wake:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._wake.notify()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop the worker; a callback already running finishes first, up to `timeout`."""
        with self._wake:
            self._stopped = True
            self._wake.notify()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            try:
                self._callback(batch)
            except Exception:  # one failed callback must not stop watching for good
                traceback.print_exc()

    def _next_batch(self) -> frozenset[Path] | None:
        """Wait until a burst has ended; None once stopped."""
        with self._wake:
            while not self._stopped:
                if not self._pending:
                    self._wake.wait()
                    continue
                now = time.monotonic()
                due = min(self._last + self._delay, self._first + self._max_wait)
                if now >= due:
                    batch = frozenset(self._pending)
                    self._pending.clear()
                    return batch
                self._wake.wait(due - now)
            return None


class _Handler(FileSystemEventHandler):
    """Turns watchdog events into relevant paths for the debouncer."""

    def __init__(self, watcher: Watcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type in ("modified", "attrib"):
            return  # a folder's mtime changes whenever a swap file comes or goes
        paths = [_text(event.src_path), _text(getattr(event, "dest_path", ""))]
        self._watcher.saw([Path(p) for p in paths if p])


_WATCHDOG_LOGS = ("watchdog.observers.inotify_c", "watchdog.observers.inotify")
"""Where watchdog says, in its log alone, that the kernel's event queue overflowed."""


class _LostEvents(logging.Handler):
    """Hears watchdog say that events were lost (the kernel's inotify queue holds 16,384; a
    build writing 10,000 pages beside a watched folder can fill it): then every watched folder
    and file counts as changed, and the next rebuild looks at all of them."""

    def __init__(self, watcher: Watcher) -> None:
        super().__init__(logging.WARNING)
        self._watcher = watcher

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self._watcher.lost_events()


class Watcher:
    """Watches folders (recursively, through symlinks) and single files; a context manager."""

    def __init__(
        self,
        folders: Iterable[Path],
        files: Iterable[Path],
        on_change: OnChange,
        ignore: Iterable[Path] = (),
        delay: float = 0.05,
    ) -> None:
        # Resolved, so a symlinked layouts/ is watched where its files really are, and event
        # paths compare equal to the ignored folders however they were spelled.
        self._folders = tuple(_resolve(f) for f in folders)
        self._files = frozenset(_resolve(f) for f in files)
        self._ignore = tuple(_resolve(f) for f in ignore)
        self._debouncer = Debouncer(on_change, delay)
        self._observer = Observer()
        self._handler = _Handler(self)
        self._lock = threading.Lock()
        self._watched: set[Path] = set()
        self._lost = _LostEvents(self)

    def start(self) -> Watcher:
        """Begin watching; missing folders are watched for from their parent until they appear."""
        for name in _WATCHDOG_LOGS:
            logging.getLogger(name).addHandler(self._lost)
        for folder in self._folders:
            self._watch_folder(folder)
        parents = {f.parent for f in self._files} | {f.parent for f in self._folders}
        for parent in parents:
            if parent.is_dir() and parent not in self._watched:
                self._observer.schedule(self._handler, str(parent), recursive=False)
        self._observer.start()
        return self

    def stop(self) -> None:
        """Stop watching and the debounce worker."""
        for name in _WATCHDOG_LOGS:
            logging.getLogger(name).removeHandler(self._lost)
        self._observer.stop()
        self._debouncer.stop()
        self._observer.join(1.0)

    def __enter__(self) -> Watcher:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def saw(self, paths: list[Path]) -> None:
        """Pass on the paths of one event that matter."""
        relevant = [p for p in paths if self.is_relevant(p)]
        for path in relevant:
            if path in self._folders and path.is_dir():
                self._watch_folder(path)  # a watched folder that did not exist at start
        if relevant:
            self._debouncer.add(relevant)

    def lost_events(self) -> None:
        """Events were dropped: report every watched folder and file, as if all had changed."""
        self._debouncer.add([*self._folders, *self._files])

    def is_relevant(self, path: Path) -> bool:
        """True when a change to `path` should rebuild: a watched file, or inside a folder."""
        if path in self._files or path in self._folders:
            return True
        if any(path.is_relative_to(skip) for skip in self._ignore):
            return False
        for folder in self._folders:
            if path.is_relative_to(folder):
                return not any(is_ignored_name(part) for part in path.relative_to(folder).parts)
        return False

    def _watch_folder(self, folder: Path) -> None:
        with self._lock:
            if folder in self._watched or not folder.is_dir():
                return
            self._watched.add(folder)
        self._observer.schedule(self._handler, str(folder), recursive=True)


def _resolve(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _text(path: str | bytes) -> str:
    return os.fsdecode(path)
