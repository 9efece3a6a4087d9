"""One build of a site at a time: a lock file in the site's cache folder.

Two builds of one site at once (a `build` while `serve` rebuilds, two terminals) would share the
build cache and the output folder. The lock is a POSIX record lock (`lockf`): the kernel drops
it when its process ends, however it ends, so a lock left by a killed build is simply taken
over, and forked workers do not inherit it. The file holds the owner's pid, for the message.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .options import BuildError

LOCK_NAME = "build.lock"
POLL_SECONDS = 0.05


class SiteLocked(BuildError):
    """Another build of this site holds the lock."""


@contextmanager
def site_lock(cache_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the site's build lock for the duration; wait up to wait_seconds for it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, path, wait_seconds)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, so no one locks a deleted inode


def _acquire(fd: int, path: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= deadline:
                raise SiteLocked(_held_message(path)) from None
            time.sleep(POLL_SECONDS)


def _held_message(path: Path) -> str:
    try:
        owner = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        owner = ""
    who = f" (pid {owner})" if owner.isdigit() else ""
    return (
        f"another build of this site is running{who}; wait for it to finish, "
        f"or stop it (its lock is {path})"
    )
