"""Worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path
from typing import Any

import pytest
from helpers import make_site

from newsdigest.config import load_config
from newsdigest.parallel import SMALL, map_items
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions


def _shifted(offset: int, item: int) -> tuple[int, int]:
    return item + offset, os.getpid()


def test_map_items_keeps_order_and_uses_workers() -> None:
    results = list(map_items(_shifted, list(range(SMALL + 300)), 7, workers=2))
    assert [value for value, _ in results] == [i + 7 for i in range(SMALL + 300)]
    assert os.getpid() not in {pid for _, pid in results}


def test_few_items_stay_in_this_process() -> None:
    results = list(map_items(_shifted, [1, 2], 1, workers=2))
    assert results == [(2, os.getpid()), (3, os.getpid())]


def test_a_cold_build_in_workers_equals_one_in_a_single_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers asked for are two workers, even on a machine of one CPU (this test makes
    itself one): the comparison is not of one process with itself."""
    pools: list[int] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, *args: Any, **kwargs: Any) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})
    try:
        outputs = _build_with_one_and_two_workers(tmp_path)
    finally:
        os.sched_setaffinity(0, cpus)
    assert pools and set(pools) == {2}, pools  # the two-worker build forked, the other did not
    assert outputs[0] == outputs[1]


def _build_with_one_and_two_workers(tmp_path: Path) -> list[dict[Path, bytes]]:
    site = make_site(tmp_path / "site", {}, "page_size = 7\n")
    for index in range(260):
        day = 1 + index % 28
        text = f'---\ntitle: Story {index} "quoted"\ndate: 2025-02-{day:02d}T{index % 24:02d}:00:00Z\n---\n\nBody *{index}*.\n'
        (site / "content" / "articles" / f"s{index}.md").write_text(text, encoding="utf-8")
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        options = BuildOptions(out_dir=out, skip_ingest=True, use_cache=False, workers=workers)
        report = build(load_config(site), options)
        assert report.articles == 260 and not report.errors
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    return outputs


def seed_text(index: int) -> str:
    return (
        f"## Talks resume in Geneva, round {index}\n\nMarch {1 + index % 28}, 2025\n\n"
        f"Delegates from Ukraine and Russia met on day {index}. <u>Officials</u> said more.\n\n"
        f"## Original url:\n\nhttps://example.org/news/{index}\n"
    )


def test_ingest_in_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    from newsdigest.ingest import ingest

    seeds = {f"{index:04d}.txt": seed_text(index) for index in range(260)}
    together = make_site(tmp_path / "together", seeds)
    assert len(ingest(load_config(together)).written) == 260  # 260 seeds: parsed in workers
    apart = make_site(tmp_path / "apart", dict(list(seeds.items())[:150]))
    ingest(load_config(apart))  # under the threshold: parsed in this process
    for name, text in list(seeds.items())[150:]:
        (apart / "seeds" / name).write_text(text, encoding="utf-8")
    ingest(load_config(apart))
    for folder in ("content/articles", "content"):
        files = sorted(p.name for p in (together / folder).iterdir() if p.is_file())
        assert files == sorted(p.name for p in (apart / folder).iterdir() if p.is_file())
        for name in files:
            assert (together / folder / name).read_bytes() == (apart / folder / name).read_bytes()
