"""Precision of the name pages a reader sees: all of them (`--all`) or a fixed random sample of
the entity pages of a
built digest (a name carried by two articles or more, after merging across the site), each
judged by reading as a name or not in a tab-separated file (`name`, `name` or `not-a-name`,
and why). Issue 12 measured "17% of the name pages are not names" this way.

Build the shared corpus into a site first (see README), then, from the repository's root:

    python bench/news_name_pages.py --site SITE [--all | --seed N] [--judged FILE]

Names the judged file lacks are printed with '?' to be judged. Measures and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.content.load import combine, load_file, markdown_files
from newsdigest.site.assemble import assemble

SAMPLE_SIZE = 100
SEED = 2026
HERE = Path(__file__).resolve().parent


def read_judged(path: Path) -> dict[str, str]:
    """name -> 'name' or 'not-a-name'."""
    judged: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, verdict, *_ = line.split("\t")
            judged[name] = verdict
    return judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--judged", type=Path, default=HERE / "news_name_pages_judged.tsv")
    parser.add_argument("--seed", type=int, default=SEED, help="another draw: a fresh sample")
    parser.add_argument("--all", action="store_true", help="every name page, not a sample")
    args = parser.parse_args()
    config = load_config(args.site)
    content = combine([load_file(config, p) for p in markdown_files(config.content_dir)])
    site, _ = assemble(config, content.articles, content.pages)
    pages = list(site.entities)
    drawn = (
        pages if args.all else random.Random(args.seed).sample(pages, min(SAMPLE_SIZE, len(pages)))
    )
    sample = sorted(drawn, key=lambda t: t.name)
    judged = read_judged(args.judged) if args.judged.exists() else {}
    names = wrong = unjudged = 0
    for term in sample:
        verdict = judged.get(term.name)
        mark = {"name": "ok", "not-a-name": "NOT"}.get(verdict or "", "?")
        print(f"  {mark:4} {term.name!r:45} {term.name_kind:13} {len(term.articles):3} articles")
        names += verdict == "name"
        wrong += verdict == "not-a-name"
        unjudged += verdict is None
    print(
        f"{len(pages)} name pages; {'all' if args.all else f'sample (seed {args.seed})'} of "
        f"{len(sample)}: {names} names, "
        f"{wrong} not names, {unjudged} unjudged; precision {names}/{names + wrong}"
    )


if __name__ == "__main__":
    main()
