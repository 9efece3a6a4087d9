"""Shared fixtures: small sites built in tmp_path, never in the repository's own folders."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site, survivors

from newsdigest.config import SiteConfig, load_config


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A site with the real seed, in the Moscow time zone."""
    return make_site(
        tmp_path / "site",
        {REAL_SEED.name: REAL_SEED.read_bytes()},
        'title = "Test Digest"\ntimezone = "Europe/Moscow"\nbase_url = "https://example.org/"\n',
    )


@pytest.fixture
def config(site_dir: Path) -> SiteConfig:
    return load_config(site_dir)


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """After the whole run, no process of a build, preview or ingest a test started is still
    running: every one of them works in this run's temporary folder and names it. Any found
    are ended, and the run fails."""
    yield
    left = survivors(str(tmp_path_factory.getbasetemp()), timeout=5)
    for line in left:
        os.kill(int(line.partition(":")[0]), signal.SIGKILL)
    assert not left, f"processes the tests started are still running: {left}"
