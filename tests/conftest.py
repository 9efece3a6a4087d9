"""Shared fixtures: small sites built in tmp_path, never in the repository's own folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site

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
