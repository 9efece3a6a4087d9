"""Names that `extract` finds in the shared Reuters corpus: recall against its tags, precision by reading.

    python bench/news_names.py [--corpus DIR] [--sample 100] [--seed 12]
                               [--judged bench/news_names_judged.tsv] [--extract PATH] [--counts]

Each seed is parsed with ingest's own parser and `extract` runs on what ingest hands it (the
lead, a newline, the Markdown body), so the names are the ones a build shows.

Recall: the share of the corpus's tags (`labels.json`: people, orgs, places) that some
extracted name of the same article matches. A name matches a tag when their slugs are equal,
when the name's slug is one of the tag's usual English names in the tables below (places are
country codes: 'usa' is 'United States', 'U.S.', 'America'; orgs are codes: 'ec' is
'European Community', 'EEC'), or, for people (tagged by surname, 'reagan', or by full name,
'james-baker'), when the name's slug ends with '-' and the tag ('Ronald Reagan'). Limits: a
capital or a demonym does not count as its country ('Tokyo', 'Japanese' do not find 'japan')
unless `extract` itself gives the country; a surname tag matches any person of that surname;
the tags are the corpus's, and some name what the story is about without the text naming it,
so recall is also given over the tags the text does name (one of the tag's names written, as a
whole word, in the text), which is the ceiling a name finder can reach.

Precision: a reproducible random sample (`--seed`) of the (article, name) pairs found, printed
with the article and the name's first context, and judged by reading: `--judged` is a file of
`article<TAB>name<TAB>name|not<TAB>why`, one judgement a line, kept in bench/ so the figure can
be checked again. Pairs of the sample not yet judged are printed with '?' and not counted.
`--extract` runs another version of extract.py (say, `git show REV:newsdigest/names/extract.py`)
to measure before and after on the same corpus and sample seed. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from newsdigest.ingest.seeds import SeedSettings, parse_seed
from newsdigest.names.extract import extract as shipped_extract
from newsdigest.slugs import slugify

CORPUS = Path("/work/shared/corpus/reuters-1987")
JUDGED = Path(__file__).resolve().parent / "news_names_judged.tsv"
KINDS = ("people", "orgs", "places")

# Usual English names of the tag codes whose slug is not the name's own ('hong-kong' is
# 'Hong Kong' already); the code itself always counts.
PLACE_NAMES: dict[str, tuple[str, ...]] = {
    "usa": ("United States", "U.S.", "US", "USA", "U.S.A.", "America", "United States of America"),
    "uk": ("Britain", "Great Britain", "United Kingdom", "U.K.", "UK"),
    "ussr": ("Soviet Union", "USSR", "U.S.S.R."),
    "west-germany": ("West Germany", "Germany", "Federal Republic of Germany"),
    "uae": ("United Arab Emirates", "UAE", "U.A.E.", "Emirates"),
    "south-korea": ("South Korea", "Korea", "Republic of Korea"),
    "netherlands": ("Netherlands", "Holland"),
    "us-virgin-islands": ("U.S. Virgin Islands", "Virgin Islands"),
    "yemen-arab-republic": ("North Yemen", "Yemen", "Yemen Arab Republic"),
    "yemen-demo-republic": ("South Yemen", "Yemen"),
}
ORG_NAMES: dict[str, tuple[str, ...]] = {
    "imf": ("IMF", "International Monetary Fund"),
    "ec": ("EC", "EEC", "European Community", "European Communities",
           "European Economic Community", "Common Market"),
    "gatt": ("GATT", "General Agreement on Tariffs and Trade"),
    "opec": ("OPEC", "Organization of Petroleum Exporting Countries",
             "Organisation of Petroleum Exporting Countries"),
    "oecd": ("OECD", "Organisation for Economic Co-operation and Development",
             "Organization for Economic Cooperation and Development"),
    "worldbank": ("World Bank",),
    "fao": ("FAO", "Food and Agriculture Organization", "Food and Agriculture Organisation"),
    "ico-coffee": ("ICO", "International Coffee Organization", "International Coffee Organisation"),
    "atpc": ("ATPC", "Association of Tin Producing Countries"),
}  # fmt: skip

Article = tuple[str, str, dict[str, list[str]]]
"""A seed's file name, the text ingest hands `extract`, and its tags by kind."""


def load_corpus(corpus: Path) -> list[Article]:
    """Every seed with tags, parsed as ingest parses it."""
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    settings = SeedSettings(ZoneInfo("UTC"))
    fallback = datetime(1987, 1, 1, tzinfo=UTC)
    articles = []
    for name in sorted(labels):
        path = corpus / "seeds" / name
        seed, _ = parse_seed(path, path.read_bytes(), settings, fallback)
        if seed is not None:
            text = f"{seed.summary}\n{seed.body_markdown}"
            articles.append((name, text, {kind: labels[name][kind] for kind in KINDS}))
    return articles


def tag_names(kind: str, tag: str) -> tuple[str, ...]:
    """The names a tag goes by: its table entry, and its own words capitalised."""
    table = PLACE_NAMES if kind == "places" else ORG_NAMES if kind == "orgs" else {}
    own = " ".join(word.capitalize() for word in tag.split("-"))
    return (*table.get(tag, ()), own, tag.upper())


def matches(kind: str, tag: str, name: str) -> bool:
    """Whether an extracted name is the tagged person, organisation or place."""
    slug = slugify(name)
    if slug == tag or slug in {slugify(usual) for usual in tag_names(kind, tag)}:
        return True
    return kind == "people" and slug.endswith("-" + tag)


def named_in_text(kind: str, tag: str, text: str) -> bool:
    """Whether the text writes one of the tag's names as a whole word (people: any case)."""
    for usual in tag_names(kind, tag):
        words = r"[\s-]+".join(re.escape(word) for word in usual.split())
        flags = re.IGNORECASE if kind == "people" else 0
        if re.search(rf"(?<![\w.]){words}(?![\w])", text, flags):
            return True
    return False


def recall(articles: list[Article], found: dict[str, tuple[str, ...]], missed: bool) -> None:
    """Print, per kind, the tags matched over all tags and over the tags the text names
    (and, with `missed`, each tag the text names that no name matched)."""
    print(f"{'recall':8} {'found':>6} {'tagged':>7} {'share':>6}   {'named':>6} {'share':>6}")
    for kind in KINDS:
        hit = total = named = named_hit = 0
        for file, text, tags in articles:
            for tag in tags[kind]:
                ok = any(matches(kind, tag, name) for name in found[file])
                in_text = named_in_text(kind, tag, text)
                hit, total = hit + ok, total + 1
                named, named_hit = named + in_text, named_hit + (ok and in_text)
                if missed and in_text and not ok:
                    print(f"missed {kind} {tag} in {file}: {', '.join(found[file])}")
        print(
            f"{kind:8} {hit:6} {total:7} {hit / max(total, 1):6.0%}   "
            f"{named:6} {named_hit / max(named, 1):6.0%}"
        )


def read_judged(path: Path) -> dict[tuple[str, str], str]:
    """(article, name) -> 'name' or 'not', from the judgement file (absent: none)."""
    judged: dict[tuple[str, str], str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                file, name, verdict, *_ = [*line.split("\t"), ""]
                judged[(file, name)] = verdict.strip()
    return judged


def context(text: str, name: str, width: int = 50) -> str:
    """The name where the text first writes it, with `width` characters either side."""
    at = text.find(name)
    if at < 0:
        return ""
    start, end = max(0, at - width), at + len(name) + width
    return " ".join(text[start:end].split())


def precision(articles: list[Article], found: dict[str, tuple[str, ...]], args: Any) -> None:
    """Print the sample with its judgements, then the share judged to be names."""
    texts = {file: text for file, text, _ in articles}
    pairs = [(file, name) for file, _, _ in articles for name in found[file]]
    sample = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
    judged = read_judged(args.judged)
    right = wrong = 0
    for index, (file, name) in enumerate(sample, 1):
        verdict = judged.get((file, name), "?")
        right, wrong = right + (verdict == "name"), wrong + (verdict == "not")
        print(f"{index:3} {verdict:4} {file}\t{name}\t| {context(texts[file], name)}")
    print(f"\n{len(pairs)} names found in {len(articles)} articles; sample of {len(sample)}")
    print(
        f"precision: {right} of {right + wrong} judged are names ({right / max(right + wrong, 1):.0%})"
    )
    if len(sample) - right - wrong:
        print(f"{len(sample) - right - wrong} of the sample not judged yet")


def load_extract(path: Path | None) -> Callable[[str], tuple[str, ...]]:
    """`extract` from another copy of extract.py, or the one installed."""
    if path is None:
        return shipped_extract
    spec = importlib.util.spec_from_file_location("other_extract", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.extract  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of labels.json, seeds/")
    parser.add_argument("--sample", type=int, default=100, help="names to judge (100)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the sample (12)")
    parser.add_argument("--judged", type=Path, default=JUDGED, help="the judgements")
    parser.add_argument("--extract", type=Path, default=None, help="another extract.py to run")
    parser.add_argument("--counts", action="store_true", help="also list every name by count")
    parser.add_argument("--missed", action="store_true", help="list the named tags not found")
    args = parser.parse_args()
    extract = load_extract(args.extract)
    articles = load_corpus(args.corpus)
    found = {file: extract(text) for file, text, _ in articles}
    recall(articles, found, args.missed)
    print()
    precision(articles, found, args)
    if args.counts:
        counts = Counter(name for names in found.values() for name in names)
        for name, count in counts.most_common():
            print(f"{count:5} {name}")


if __name__ == "__main__":
    main()
