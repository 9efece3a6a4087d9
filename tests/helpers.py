"""Helpers the tests share: small sites in tmp_path, and the build's steps run in memory.

A plain module (tests import it by name), never imported from conftest.py; conftest.py only
holds the fixtures, which use these helpers too.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.content.load import Content, combine, load_file, markdown_files
from newsdigest.render.html import environment, layout_source, render_pages
from newsdigest.render.plan import plan_pages
from newsdigest.render.reads import Dependencies
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
    rendered = [*render_pages(env, site, plan_pages(site), workers=1), *render_extras(site)]
    return {r.path: r.data.decode("utf-8") for r in rendered}


def rerendered(before: Site, after: Site, change: Callable[[], object] = lambda: None) -> set[str]:
    """The pages an incremental build would render again going from `before` to `after` (with
    `change` done to the layouts in between): new pages, pages planned differently, and pages
    that read something whose value changed. Renders `before` for real to learn what it read."""
    env = environment(before.config.layouts_dir)
    old_jobs = {job.path: job for job in plan_pages(before)}
    pages = render_pages(env, before, list(old_jobs.values()), workers=1)
    reads = {page.path: page.reads for page in pages}
    old = Dependencies(before, partial(layout_source, env))
    then = {dependency: old.value(dependency) for read in reads.values() for dependency in read}
    change()
    new = Dependencies(after, partial(layout_source, environment(after.config.layouts_dir)))
    return {
        job.path
        for job in plan_pages(after)
        if job.path not in old_jobs
        or job.fingerprint != old_jobs[job.path].fingerprint
        or any(new.value(dependency) != then[dependency] for dependency in reads[job.path])
    }


def processes_mentioning(marker: str) -> list[str]:
    """The command lines of live processes (zombies, already ended, aside) that mention
    marker, a path unique to one test: what of a build it started is still running."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):  # it ended while we looked
            continue
        if state != "Z" and marker in command:
            found.append(f"{entry.name}: {command}")
    return found


def survivors(marker: str, timeout: float = 10.0) -> list[str]:
    """processes_mentioning(marker) once they have had `timeout` seconds to end."""
    deadline = time.monotonic() + timeout
    while (left := processes_mentioning(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)  # the kernel ends them at once; their exit takes a moment
    return left
