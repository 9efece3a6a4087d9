"""Shared fixtures: small sites built in tmp_path, never in the repository's own folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsdigest.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SKELETON = REPO / "newsdigest" / "skeleton"
REAL_SEED = FIXTURES / "real_seed.txt"


def make_site(root: Path, seeds: dict[str, bytes | str] | None = None, settings: str = "") -> Path:
    """A site folder with the default theme, the given seeds and extra site.toml lines."""
    shutil.copytree(SKELETON, root, dirs_exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    for name, data in (seeds or {}).items():
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (root / "seeds" / name).write_bytes(raw)
    if settings:
        (root / "site.toml").write_text(settings, encoding="utf-8")
    return root


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
