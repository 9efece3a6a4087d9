"""Spread a pure, per-item step over worker processes when there are enough items to pay for it.

Workers are forked, so what every item needs (a parsed site, settings) is handed to them as
`shared` without being copied through a pipe; only each item and its result travel. Below
`SMALL` items, or with one worker, the step runs in this process. This module is the only one
that keeps state at module level: each worker's step and shared value, set when it starts.

A worker never outlives the build that started it: forked workers hold both ends of the pipe
they read tasks from, so a parent killed outright (SIGKILL, or SIGTERM with no handler) would
leave them waiting for a task forever. On Linux the kernel ends a worker when its parent ends
(`PR_SET_PDEATHSIG`); elsewhere a thread in the worker watches for the parent to go.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, cast

Item = TypeVar("Item")
Shared = TypeVar("Shared")
Result = TypeVar("Result")

SMALL = 200
"""A job of fewer items is over in a moment: no worker processes (starting them costs some
tens of milliseconds) and no progress bar (it would only flash)."""

_WORKER: list[tuple[Callable[[Any, Any], Any], Any]] = []
"""In a worker process: its step and shared value, set once when it starts."""


def worker_count(requested: int = 0) -> int:
    """Processes to use: the requested number, else one per core this process may use."""
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def map_items(
    step: Callable[[Shared, Item], Result],
    items: Sequence[Item],
    shared: Shared,
    workers: int = 0,
) -> Iterator[Result]:
    """step(shared, item) for each item, in order, from worker processes when worthwhile."""
    count = worker_count(workers)
    if count < 2 or len(items) < SMALL or "fork" not in multiprocessing.get_all_start_methods():
        yield from (step(shared, item) for item in items)
        return
    chunk = max(8, len(items) // (count * 8))
    from concurrent.futures import ProcessPoolExecutor  # loaded by builds that fork only

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        count, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), step, shared)
    )
    finished = False
    try:
        yield from cast(Iterator[Result], pool.map(_run_step, items, chunksize=chunk))
        finished = True
    finally:  # interrupted (Ctrl-C, SIGTERM, an error): start no more chunks, end the workers
        pool.shutdown(wait=True, cancel_futures=not finished)


def _start_worker(parent: int, step: Callable[[Any, Any], Any], shared: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker just ends
    end_with_parent(parent)
    _WORKER[:] = [(step, shared)]


PR_SET_PDEATHSIG = 1
"""prctl(2)'s option: the signal this process gets when the thread that forked it ends."""


def end_with_parent(parent: int) -> None:
    """End this (child) process when `parent`, the process that forked it, ends.

    Linux delivers SIGKILL on the parent's death; a parent already gone before that was asked
    (it died just after the fork) is seen by the parent id having changed. Elsewhere a daemon
    thread looks at the parent id twice a second. Also usable as a `preexec_fn`.
    """
    if sys.platform.startswith("linux") and _parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent:
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _parent_death_signal(signum: int) -> bool:
    """Ask the kernel for `signum` when the parent ends; False when that cannot be asked."""
    import ctypes  # only in a forked worker: no command pays for it at start-up

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)) == 0
    except (OSError, AttributeError):  # pragma: no cover - no prctl in this C library
        return False


def _watch_parent(parent: int) -> None:  # pragma: no cover - only where prctl is missing
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _run_step(item: object) -> object:
    step, shared = _WORKER[0]
    return step(shared, item)
