"""Names across the site on a built digest: entity pages before and after merging, and the
accuracy of each name's kind on a fixed random sample judged by reading.

Build the shared corpus into a site first (see README), then, from the repository's root:

    python bench/news_kinds.py --site SITE [--judged bench/news_kinds.judged.tsv] [--new N]

'Before' counts entity pages as a site made them before issue 12: one per slug of the
names articles carry, when two articles carry it, nothing merged. 'After' is this build's:
names merged across the site (plurals, countries, acronyms, surnames, names.toml) and then
the same two-article rule. The sample is the 100 'after' names of smallest seeded hash (stable when
a rule change adds or merges a few names); each is compared with the kind in the judged file (a tab-separated
'name, kind' a person wrote by reading the name and the articles that carry it, 'not-a-name'
for one that is no name at all). Kind accuracy counts only the sample's real names. `--new`
prints N sampled names the judged file lacks, to judge them. Measures and asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.content.load import combine, load_file, markdown_files
from newsdigest.model import Article
from newsdigest.site.entities import merge_names
from newsdigest.site.taxonomy import MIN_ENTITY_ARTICLES, entity_terms, name_slugs
from newsdigest.slugs import slugify

SAMPLE_SIZE = 100
SEED = 7
HERE = Path(__file__).resolve().parent


def unmerged_pages(articles: tuple[Article, ...]) -> int:
    """Entity pages without merging: slugs that at least two articles carry."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({slugify(name) for name in article.entities if name.strip()})
    return sum(1 for count in counts.values() if count >= MIN_ENTITY_ARTICLES)


def fixed_sample(names: list[str]) -> list[str]:
    """The SAMPLE_SIZE names whose seeded hash is smallest: the same names stay in the
    sample when a change of the rules adds or merges a few others (a random.sample of a
    sorted list would shift whole)."""

    def rank(name: str) -> str:
        return hashlib.blake2b(f"{SEED}:{name}".encode(), digest_size=8).hexdigest()

    return sorted(names, key=rank)[:SAMPLE_SIZE]


def read_judged(path: Path) -> dict[str, str]:
    judged: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, kind = line.rsplit("\t", 1)
            judged[name.strip()] = kind.strip()
    return judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--judged", type=Path, default=HERE / "news_kinds.judged.tsv")
    parser.add_argument("--new", type=int, default=0)
    args = parser.parse_args()
    config = load_config(args.site)
    loaded = [load_file(config, path) for path in markdown_files(config.articles_dir)]
    articles = combine(loaded).articles
    slugs = name_slugs(articles)
    merged = merge_names(articles, config.names, slugs)
    terms = entity_terms(articles, config, merged)
    print(f"articles: {len(articles)}")
    print(f"entity pages before merging: {unmerged_pages(articles)}")
    print(f"entity pages after merging:  {len(terms)}")
    moved = {n for n, slug in merged.term_of.items() if slug and slug != slugs.get(n)}
    dropped = {n for n, slug in merged.term_of.items() if not slug}
    print(
        f"distinct names: {len(merged.term_of)}; merged into another: {len(moved)}; dropped by names.toml: {len(dropped)}"
    )
    print("kinds after merging:", dict(Counter(t.name_kind for t in terms).most_common()))
    sample = fixed_sample([t.name for t in terms])
    kind_of = {t.name: t.name_kind for t in terms}
    judged = read_judged(args.judged) if args.judged.exists() else {}
    report(sample, kind_of, judged, args.new)


def report(sample: list[str], kind_of: dict[str, str], judged: dict[str, str], new: int) -> None:
    right = real = unjudged = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for name in sample:
        truth = judged.get(name)
        mark = "?" if truth is None else ("ok" if truth == kind_of[name] else "WRONG")
        mark = "n/a" if truth == "not-a-name" else mark
        print(f"  {mark:5} {name!r:40} built: {kind_of[name]:13} judged: {truth}")
        if truth is None:
            unjudged += 1
        elif truth != "not-a-name":
            real += 1
            right += truth == kind_of[name]
            confusion[(kind_of[name], truth)] += truth != kind_of[name]
    not_names = [name for name in sample if judged.get(name) == "not-a-name"]
    print(f"sample: {len(sample)} names (seed {SEED}); unjudged {unjudged}")
    fallback = sum(1 for name in not_names if kind_of[name] == "other")
    print(f"not a name: {len(not_names)}, of which the build put {fallback} under 'other'")
    if real:
        print(f"kind accuracy on the {real} real names: {right}/{real} = {right / real:.0%}")
    sure = [
        n for n in sample if judged.get(n, "not-a-name") != "not-a-name" and kind_of[n] != "other"
    ]
    sure_right = sum(1 for n in sure if judged[n] == kind_of[n])
    if sure:
        print(f"of those the build gave person, place or organisation: {sure_right}/{len(sure)}")
    print("errors (built -> judged):", {f"{b}->{j}": n for (b, j), n in confusion.items() if n})
    for name in [n for n in sample if n not in judged][:new]:
        print(f"{name}\t{kind_of[name]}")


if __name__ == "__main__":
    main()
