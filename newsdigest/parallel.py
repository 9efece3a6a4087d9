"""Spread a pure, per-item step over worker processes when there are enough items to pay for it.

Workers are forked, so what every item needs (a parsed site, settings) is handed to them as
`shared` without being copied through a pipe; only each item and its result travel. Below
`SMALL` items, or with one worker, the step runs in this process. This module is the only one
that keeps state at module level: each worker's step and shared value, set when it starts.
"""

from __future__ import annotations

import multiprocessing
import os
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
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=_start_worker, initargs=(step, shared)
    ) as pool:
        yield from cast(Iterator[Result], pool.map(_run_step, items, chunksize=chunk))


def _start_worker(step: Callable[[Any, Any], Any], shared: object) -> None:
    _WORKER[:] = [(step, shared)]


def _run_step(item: object) -> object:
    step, shared = _WORKER[0]
    return step(shared, item)
