"""Spread a pure, per-item step over worker processes when there are enough items to pay for it.

Workers are forked, so what they need (a parsed site, a Jinja2 environment) is handed to them
through `initializer` arguments without being copied through a pipe; only each item's result
comes back. Below `threshold` items, or with one worker, the step runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

DEFAULT_THRESHOLD = 200
"""Starting workers costs some tens of milliseconds: below this many items it does not pay."""


def worker_count(requested: int = 0) -> int:
    """Processes to use: the requested number, else one per core this process may use."""
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def map_items(
    step: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int = 0,
    threshold: int = DEFAULT_THRESHOLD,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Result]:
    """Results of step(item) in the order of items, from worker processes when worthwhile."""
    count = worker_count(workers)
    if count < 2 or len(items) < threshold or "fork" not in multiprocessing.get_all_start_methods():
        if initializer is not None:
            initializer(*initargs)
        yield from map(step, items)
        return
    chunk = max(8, len(items) // (count * 8))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=initializer, initargs=initargs
    ) as pool:
        yield from pool.map(step, items, chunksize=chunk)
