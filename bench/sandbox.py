"""What Jinja2's sandbox costs: the same pages rendered in the sandboxed environment the build
uses and in a plain one, alternately, in one process. It measures and asserts nothing.

Run it from the repository's root on a built site (`build.py build --site SITE` first, so that
content/ holds the articles):

    python bench/sandbox.py SITE [--pages N] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import jinja2

from newsdigest.config import load_config
from newsdigest.content.load import combine, load_file, markdown_files
from newsdigest.render import html, reads
from newsdigest.render.plan import plan_pages
from newsdigest.site.assemble import assemble


class _Plain(reads.RecordingEnvironment):
    """The build's environment without the sandbox: every attribute allowed, as before."""

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return True

    def is_safe_callable(self, obj: object) -> bool:
        return True

    def getattr(self, obj: object, attribute: str) -> object:  # the unsandboxed lookup
        return jinja2.Environment.getattr(self, obj, attribute)

    def getitem(self, obj: object, argument: object) -> object:
        return jinja2.Environment.getitem(self, obj, argument)  # type: ignore[arg-type]

    def call(__self, __context, __obj, *args, **kwargs):  # type: ignore[no-untyped-def]
        return __context.call(__obj, *args, **kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", type=int, default=3000, help="pages rendered per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each environment")
    args = parser.parse_args()
    config = load_config(args.site)
    content = combine([load_file(config, path) for path in markdown_files(config.content_dir)])
    site, _ = assemble(config, content.articles, content.pages)
    jobs = plan_pages(site)[: args.pages]
    times: dict[str, list[float]] = {"sandboxed": [], "plain": []}
    for _ in range(args.rounds):
        for name in times:
            env = html.environment(config.layouts_dir)
            if name == "plain":
                env.__class__ = _Plain
            start = time.perf_counter()
            for job in jobs:
                html.render_job(env, site, job)
            times[name].append(time.perf_counter() - start)
    sandboxed, plain = (statistics.median(times[n]) for n in ("sandboxed", "plain"))
    print(
        f"{len(jobs)} pages, median of {args.rounds}: sandboxed {sandboxed:.2f} s, "
        f"plain {plain:.2f} s, ratio {sandboxed / plain:.3f}",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
