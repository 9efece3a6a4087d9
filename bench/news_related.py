"""Related articles and story clusters measured against a corpus's own topic tags.

Loads a built site's content and assembles its model with the project's own functions (the
model a build makes), then reports:

- for each article whose seed has at least one topic in the corpus's `labels.json`, the share
  of its related picks (among the tagged) that share a topic with it; beside it the share for
  random picks among the tagged articles (the baseline a related list must beat);
- the number and size of story clusters, and the share of clusters whose reports all share a
  topic; with `--sample N`, N clusters printed (headlines and dates) to read by hand.

It measures and asserts nothing. Build the corpus site first (see the README), then:

    python bench/news_related.py --site /tmp/r --labels ../shared/corpus/reuters-1987/labels.json
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.content.load import combine, load_file, markdown_files
from newsdigest.model import Article
from newsdigest.site import Site, assemble


def load_site(root: Path) -> Site:
    """The site model a build of `root` makes from its content."""
    config = load_config(root)
    content = combine([load_file(config, path) for path in markdown_files(config.content_dir)])
    site, _ = assemble(config, content.articles, content.pages)
    return site


def topics_of(site: Site, labels: Mapping[str, Mapping[str, list[str]]]) -> dict[str, set[str]]:
    """Each article's corpus topics, by article key; articles without any are left out."""
    found: dict[str, set[str]] = {}
    for article in site.articles:
        topics = set(labels.get(article.seed, {}).get("topics", ()))
        if topics:
            found[article.key] = topics
    return found


def related_share(site: Site, topics: Mapping[str, set[str]]) -> tuple[int, int, int]:
    """(picks sharing a topic, tagged picks, tagged articles with a pick) over tagged articles."""
    agree = picks = with_pick = 0
    for article in site.articles:
        mine = topics.get(article.key)
        if mine is None:
            continue
        tagged = [o for o in site.related_to(article) if o.key in topics]
        with_pick += bool(tagged)
        picks += len(tagged)
        agree += sum(bool(topics[o.key] & mine) for o in tagged)
    return agree, picks, with_pick


def random_share(
    site: Site, topics: Mapping[str, set[str]], per_article: int, seed: int = 1987
) -> float:
    """The same share for `per_article` random picks among the other tagged articles."""
    chooser = random.Random(seed)
    keys = sorted(topics)
    agree = picks = 0
    for key in keys:
        others = [o for o in chooser.sample(keys, per_article + 1) if o != key]
        for other in others[:per_article]:
            picks += 1
            agree += bool(topics[other] & topics[key])
    return agree / picks if picks else 0.0


def one_topic_share(stories: Sequence[Sequence[Article]], topics: Mapping[str, set[str]]) -> str:
    """Clusters whose tagged reports all share a topic, of clusters with two tagged reports."""
    judged = same = 0
    for story in stories:
        tagged = [topics[a.key] for a in story if a.key in topics]
        if len(tagged) < 2:
            continue
        judged += 1
        same += bool(set.intersection(*tagged))
    return f"{same}/{judged}" + (f" ({same / judged:.0%})" if judged else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=10, help="clusters to print")
    args = parser.parse_args()
    site = load_site(args.site)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    topics = topics_of(site, labels)
    agree, picks, with_pick = related_share(site, topics)
    print(f"articles: {len(site.articles)}, with a corpus topic: {len(topics)}")
    print(f"tagged articles with a tagged related pick: {with_pick}")
    empty = sum(not site.related_to(article) for article in site.articles)
    print(f"articles with no related pick at all: {empty}")
    share = agree / picks if picks else 0.0
    print(f"related picks sharing a topic: {agree}/{picks} ({share:.1%})")
    print(f"random picks among tagged sharing a topic: {random_share(site, topics, 4):.1%}")
    sizes = Counter(story.size for story in site.stories)
    print(f"story clusters: {len(site.stories)}, sizes: {dict(sorted(sizes.items()))}")
    stories = [story.articles for story in site.stories]
    print(f"clusters whose tagged reports share a topic: {one_topic_share(stories, topics)}")
    for story in random.Random(12).sample(stories, min(args.sample, len(stories))):
        print("--")
        for article in story:
            print(f"  {article.date:%Y-%m-%d} {article.title[:90]}")


if __name__ == "__main__":
    main()
