"""Helpers the tests share: small sites in tmp_path, and the build's steps run in memory.

A plain module (tests import it by name), never imported from conftest.py; conftest.py only
holds the fixtures, which use these helpers too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.content.load import Content, combine, load_file, markdown_files
from newsdigest.render.html import environment, render_pages
from newsdigest.render.plan import plan_pages
from newsdigest.render.sitemap import render_extras
from newsdigest.site import Site

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


def load_content(config: SiteConfig) -> Content:
    """Every content file of the site, parsed in this process, as the build loads them."""
    return combine([load_file(config, path) for path in markdown_files(config.content_dir)])


def render_site(site: Site) -> dict[str, str]:
    """Every HTML page, the sitemap and robots.txt of a site, by path, as text."""
    env = environment(site.config.layouts_dir)
    rendered = [*render_pages(env, site, plan_pages(site, env), workers=1), *render_extras(site)]
    return {r.path: r.data.decode("utf-8") for r in rendered}
