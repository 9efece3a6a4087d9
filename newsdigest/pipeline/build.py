"""A build: at once when no file of the site changed since the last one (the snapshot), else
every step in order (full.py). Light to import: a build with nothing to do, `--help`, `check`
and `init` load no parser, no layout engine and no feed writer."""

from __future__ import annotations

from dataclasses import replace

from newsdigest.config import SiteConfig
from newsdigest.model import Problem
from newsdigest.output.write import WriteReport
from newsdigest.render import theme

from . import snapshot
from .cache import make_stamp
from .lock import site_lock
from .options import BuildOptions, BuildReport, StageClock


def build(config: SiteConfig, options: BuildOptions) -> BuildReport:
    """Build the site, or, when no file of it changed since the last build, say so at once.

    One build of a site at a time: another one running raises SiteLocked, a BuildError.
    """
    with site_lock(config.cache_dir, options.lock_wait):
        return _locked_build(config, options)


def _locked_build(config: SiteConfig, options: BuildOptions) -> BuildReport:
    clock = StageClock()
    if not options.use_cache:
        from .full import full_build, read_cache

        return full_build(config, options, clock, read_cache(config, options))[0]
    roots = [*config.input_paths, theme.DEFAULT_LAYOUTS, options.out_dir]
    salt = make_stamp(
        config,
        options.out_dir.resolve(),
        options.fallback_date,
        options.skip_ingest,
        options.minify,
        options.search,
    )
    before = clock.time("snapshot", lambda: snapshot.take(roots, salt, config.root))
    saved = snapshot.load(config.cache_dir, options.out_dir)
    last = saved.report if saved is not None and snapshot.unchanged(saved, before) else None
    if isinstance(last, BuildReport):
        return _nothing_changed(last, clock)
    from .full import full_build, read_cache, save  # the parsers and layouts: only now

    cache = clock.time("cache", lambda: read_cache(config, options))
    report, following, _ = full_build(config, options, clock, cache)
    try:
        if following is not cache:
            clock.time("cache", lambda: save(config, following, options.out_dir))
        after = clock.time("snapshot", lambda: snapshot.take(roots, salt, config.root))
        racy = clock.time("snapshot", lambda: snapshot.racy_hashes(after))
        snapshot.save(config.cache_dir, options.out_dir, snapshot.Saved(after, report, hashes=racy))
    except OSError as err:  # the site is written; only the next build's head start is lost
        message = f"could not keep the build cache ({err.strerror or err}); the next build does all"
        report = replace(
            report, problems=(*report.problems, Problem(config.cache_dir, 0, message, "warning"))
        )
    return replace(report, seconds=clock.total(), stage_seconds=clock.stages)


def _nothing_changed(last: BuildReport, clock: StageClock) -> BuildReport:
    """The last build's report, with every file it made now counted as unchanged."""
    kept = WriteReport((), last.written.unchanged + last.written.written, ())
    return replace(
        last, written=kept, parsed=0, rendered=0, seconds=clock.total(), stage_seconds=clock.stages
    )
