"""How far the shipped example keyword rules agree with a corpus's own topic tags.

    python bench/news_topics.py [--corpus ../shared/corpus/reuters-1987] [--articles 10000]

The rules are the commented `[topics]` example of the `site.toml` that `build.py init`
writes, taken as they are (never tuned here). The corpus's seeds are ingested and loaded by
newsdigest itself into a temporary site with those rules, so each article's topics are what a
build gives it (the corpus has no source URLs: URL sections are tested by tests only). Each
rule topic is compared with the corpus tags it stands for (`CORPUS_TAGS`): precision is the
share of articles given the topic whose corpus tags include one of them; recall the share of
articles carrying one of them that were given the topic. Overall figures are micro-averaged
over the topics. `--articles N` also times the rules alone over N corpus texts (cycled).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.content.load import load_file, markdown_files
from newsdigest.content.markdown import plain_text
from newsdigest.content.topics import topic_rules
from newsdigest.ingest.run import ingest
from newsdigest.model import Article

ROOT = Path(__file__).resolve().parent.parent
SKELETON = ROOT / "newsdigest" / "skeleton" / "site.toml"
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters-1987"

GRAINS = ("grain", "wheat", "corn", "barley", "oat", "sorghum", "rice", "rye")
CORPUS_TAGS: Mapping[str, tuple[str, ...]] = {
    "Earnings": ("earn",),
    "Takeovers": ("acq",),
    "Oil": ("crude",),
    "Farming": (*GRAINS, "oilseed", "soybean", "livestock"),
    "Currencies": ("money-fx",),
    "Interest rates": ("interest",),
    "Trade": ("trade",),
    "Inflation": ("cpi",),
    "Jobs": ("jobs",),
}
"""Each rule topic, and the corpus tags (Reuters-21578's) that stand for it."""


def example_rules(skeleton: Path = SKELETON) -> str:
    """The commented `[topics]` example of the shipped site.toml, uncommented."""
    lines = skeleton.read_text(encoding="utf-8").splitlines()
    start = lines.index("# [topics]")
    block = [line.removeprefix("# ") for line in lines[start:] if line.startswith("# ")]
    return "\n".join(line for line in block if line.startswith("[") or " = [" in line) + "\n"


def load_corpus(corpus: Path, site: Path, rules: str) -> list[Article]:
    """The corpus's seeds ingested and loaded into `site`, with `rules` in its site.toml."""
    shutil.copytree(corpus / "seeds", site / "seeds")
    (site / "site.toml").write_text('timezone = "UTC"\n' + rules, encoding="utf-8")
    config = load_config(site)
    written = ingest(config).pages
    loaded = [load_file(config, path, written) for path in markdown_files(config.content_dir)]
    return [item.article for item in loaded if item.article is not None]


def agreement(
    articles: Sequence[Article], labels: Mapping[str, Mapping[str, list[str]]]
) -> list[tuple[str, int, int, int]]:
    """(topic, given and tagged, given, tagged) per rule topic."""
    rows = []
    for topic, tags in CORPUS_TAGS.items():
        given = {a.seed for a in articles if topic in a.tags}
        tagged = {a.seed for a in articles if set(labels[a.seed]["topics"]) & set(tags)}
        rows.append((topic, len(given & tagged), len(given), len(tagged)))
    return rows


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(rows: Sequence[tuple[str, int, int, int]], count: int) -> str:
    lines = [
        f"{count} articles; rules: the example [topics] of {SKELETON.relative_to(ROOT)}",
        f"{'topic':<15} {'corpus tags':<28} {'given':>5} {'tagged':>6} {'both':>5} "
        f"{'precision':>9} {'recall':>7}",
    ]
    for topic, both, given, tagged in rows:
        tags = ",".join(CORPUS_TAGS[topic])
        tags = tags if len(tags) <= 28 else tags[:25] + "..."
        lines.append(
            f"{topic:<15} {tags:<28} {given:>5} {tagged:>6} {both:>5} "
            f"{_share(both, given):>9} {_share(both, tagged):>7}"
        )
    both, given, tagged = (sum(row[i] for row in rows) for i in (1, 2, 3))
    lines.append(
        f"{'all (micro)':<15} {'':<28} {given:>5} {tagged:>6} {both:>5} "
        f"{_share(both, given):>9} {_share(both, tagged):>7}"
    )
    return "\n".join(lines)


def time_rules(site: Path, articles: Sequence[Article], count: int) -> str:
    """The rules alone (URL and keywords) over `count` article texts, cycled."""
    rules = topic_rules(load_config(site))
    texts = [(a.source_url, a.title, a.summary, plain_text(a.body_html)) for a in articles]
    words = sum(len(texts[i % len(texts)][3].split()) for i in range(count))
    start = time.perf_counter()
    for index in range(count):
        rules.topics(*texts[index % len(texts)])
    spent = time.perf_counter() - start
    return f"topics of {count} articles ({words} words): {spent:.2f} s, {1e6 * spent / count:.0f} us each"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=0, help="also time N articles' topics")
    args = parser.parse_args()
    labels = json.loads((args.corpus / "labels.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        articles = load_corpus(args.corpus, site, example_rules())
        print(report(agreement(articles, labels), len(articles)))
        if args.articles:
            print(time_rules(site, articles, args.articles))


if __name__ == "__main__":
    main()
