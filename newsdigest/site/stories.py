"""Story clusters and related articles, from headlines, leads and entities. Pure: no I/O, no clock.

Two reports are of the same story when their headline and lead are similar (TF-IDF cosine) and
they name a common entity, within a few days of each other. Blocking keeps this about linear:
an article is compared only with articles of the last `window` that share one of its
uncommon words, found through an inverted index that forgets what falls out of the window.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from newsdigest.model import Article
from newsdigest.text import word_list

WINDOW = timedelta(days=3)
"""Reports of one story appear within this time of its first report."""
SIMILAR = 0.45
"""Cosine of headline and lead, plus half the overlap of their entities (Jaccard), above which
two reports that share an entity are one story."""
VERY_SIMILAR = 0.55
"""Cosine above which two reports are one story even without a shared entity."""
COMMON = 0.05
"""Words in more than this share of all articles (and more than BLOCK_MIN) propose no candidates."""
BLOCK_MIN = 20
RELATED = 4
"""Related articles shown on an article page."""
NEIGHBOURS = 6
"""For related articles: how many articles nearest in time each shared entity or topic offers."""

_WORD = re.compile(r"[^\W\d_]{3,}|\d{2,}")
_STOP = frozenset(
    word_list(
        """
    the and for with that this from after over into about than then they their them there
    were was are has have had not but its his her who what when where which while will would
    could should said says say new more most also been being just only some such very can
    may one two three out off all any our your per via amid against between during before
    under says told tell report reports reported year years week day days today yesterday
    """
    )
)


@dataclass(frozen=True)
class Story:
    """Reports of one story from different seeds, newest first."""

    articles: tuple[Article, ...]

    @property
    def lead(self) -> Article:
        """The newest report, whose headline stands for the story."""
        return self.articles[0]

    @property
    def size(self) -> int:
        return len(self.articles)


def words(article: Article) -> Counter[str]:
    """The headline and lead as lower-case words, without the commonest English ones. Shared
    between calls: never to be changed."""
    return _words_of(f"{article.title} {article.summary}")


@lru_cache(maxsize=1 << 15)
def _words_of(text: str) -> Counter[str]:
    """Remembered: the preview clusters again after each headline edit, and a third of that
    time went to finding the same words in 9,999 unchanged headlines."""
    return Counter(_stem(word) for word in _WORD.findall(text.casefold()) if word not in _STOP)


def _stem(word: str) -> str:
    """A crude English stem, enough for 'ending' and 'ends' to meet 'end'."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def cluster(articles: Sequence[Article], window: timedelta = WINDOW) -> tuple[Story, ...]:
    """Stories of two reports or more, newest story first; each article in at most one."""
    ordered = sorted(range(len(articles)), key=lambda i: (articles[i].date, i))
    bags = [words(article) for article in articles]
    weights = _idf(bags)
    vectors = [_unit(bag, weights) for bag in bags]
    names = [frozenset(e.casefold() for e in article.entities) for article in articles]
    limit = max(COMMON * len(articles), BLOCK_MIN)
    blocking = {w for w, idf in weights.items() if len(articles) / math.exp(idf) <= limit}
    story_of: dict[int, int] = {}
    first_date: dict[int, int] = {}
    recent: deque[int] = deque()
    postings: dict[str, list[int]] = {}
    for index in ordered:
        now = articles[index].date
        while recent and now - articles[recent[0]].date > window:
            _forget(recent.popleft(), bags, blocking, postings)
        best = _best_match(index, names, vectors, bags, blocking, postings)
        if best is not None and now - articles[first_date[story_of[best]]].date <= window:
            story_of[index] = story_of[best]
        else:
            story_of[index] = first_date[index] = index
        recent.append(index)
        for word in bags[index].keys() & blocking:
            postings.setdefault(word, []).append(index)
    return _stories(articles, story_of)


def _idf(bags: list[Counter[str]]) -> dict[str, float]:
    """Inverse document frequency of every word: rare words weigh more."""
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    total = len(bags)
    return {word: math.log(total / count) for word, count in frequency.items()}


def _unit(bag: Counter[str], weights: dict[str, float]) -> dict[str, float]:
    """The TF-IDF vector of a bag of words, scaled to length 1."""
    vector = {word: count * weights[word] for word, count in bag.items()}
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {word: value / norm for word, value in vector.items()}


def _forget(
    index: int, bags: list[Counter[str]], blocking: set[str], postings: dict[str, list[int]]
) -> None:
    """Drop an article that fell out of the window from the inverted index."""
    for word in bags[index].keys() & blocking:
        posting = postings[word]
        posting.remove(index)  # the oldest entries come first: this is cheap
        if not posting:
            del postings[word]


def _best_match(
    index: int,
    names: list[frozenset[str]],
    vectors: list[dict[str, float]],
    bags: list[Counter[str]],
    blocking: set[str],
    postings: dict[str, list[int]],
) -> int | None:
    """The most similar earlier report in the window that is similar enough, if any."""
    candidates = {
        other for word in bags[index].keys() & blocking for other in postings.get(word, ())
    }
    best, best_score = None, 0.0
    for other in sorted(candidates):
        score = _cosine(vectors[index], vectors[other])
        if score > best_score and _same_story(names[index], names[other], score):
            best, best_score = other, score
    return best


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(word, 0.0) for word, value in left.items())


def _same_story(mine: frozenset[str], theirs: frozenset[str], score: float) -> bool:
    """Similar enough: very similar text, or similar text and named entities in common
    (`mine` and `theirs`, case-folded)."""
    if score >= VERY_SIMILAR:
        return True
    shared = len(mine & theirs)
    return shared > 0 and score + 0.5 * shared / len(mine | theirs) >= SIMILAR


def _stories(articles: Sequence[Article], story_of: dict[int, int]) -> tuple[Story, ...]:
    """Gather the clusters of two or more, each newest first; newest story first."""
    members: dict[int, list[int]] = {}
    for index, story in story_of.items():
        members.setdefault(story, []).append(index)
    stories = [
        Story(
            tuple(
                sorted((articles[i] for i in group), key=lambda a: (a.date, a.title), reverse=True)
            )
        )
        for group in members.values()
        if len(group) > 1
    ]
    return tuple(sorted(stories, key=lambda s: (s.lead.date, s.lead.title), reverse=True))


def related(
    articles: Sequence[Article], stories: Sequence[Story], limit: int = RELATED
) -> dict[int, tuple[Article, ...]]:
    """For each article (by position), others sharing its rarer entities and topics, nearest in
    time first; reports of its own story are left out (they are listed apart)."""
    keys = [_keys(article) for article in articles]
    lists: dict[str, list[int]] = {}
    for index in sorted(range(len(articles)), key=lambda i: articles[i].date):
        for key in keys[index]:
            lists.setdefault(key, []).append(index)
    weight = {key: math.log(1 + len(articles) / len(found)) for key, found in lists.items()}
    place = {(key, i): pos for key, found in lists.items() for pos, i in enumerate(found)}
    mates = {a.key: {b.key for b in story.articles} for story in stories for a in story.articles}
    found_related: dict[int, tuple[Article, ...]] = {}
    for index, article in enumerate(articles):
        scores: dict[int, float] = {}
        for key in sorted(keys[index]):  # a fixed order: float sums, and so ties, never vary
            found, at = lists[key], place[(key, index)]
            for other in found[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]:
                scores[other] = scores.get(other, 0.0) + weight[key]
        skip = mates.get(article.key, set()) | {article.key}
        ranked = sorted(
            (o for o in scores if articles[o].key not in skip),
            key=lambda o: (-scores[o], abs((articles[o].date - article.date).total_seconds()), o),
        )
        found_related[index] = tuple(articles[o] for o in ranked[:limit])
    return found_related


def _keys(article: Article) -> set[str]:
    return {f"e:{e.casefold()}" for e in article.entities} | {
        f"t:{t.casefold()}" for t in article.tags
    }


@dataclass(frozen=True)
class StoryMemo:
    """Stories and related articles of one build, by article key, with a digest of what they
    were computed from: the next build reuses them when that is the same. An edit of a body
    (the commonest edit) changes neither headline, lead, names, topics nor date."""

    cluster_inputs: str
    stories: tuple[tuple[str, ...], ...]
    related_inputs: str
    related: tuple[tuple[str, ...], ...]
    """Keys of each article's related articles, in the articles' order."""


def stories_and_related(
    articles: Sequence[Article], memo: StoryMemo | None
) -> tuple[tuple[Story, ...], dict[int, tuple[Article, ...]], StoryMemo]:
    """`cluster` and `related` of the articles, reused from memo when their inputs match."""
    by_key = {article.key: article for article in articles}
    cluster_inputs = _digest([(a.key, a.date, a.title, a.summary, a.entities) for a in articles])
    if memo is not None and memo.cluster_inputs == cluster_inputs:
        stories = tuple(Story(tuple(by_key[k] for k in keys)) for keys in memo.stories)
    else:
        stories = cluster(articles)
    story_keys = tuple(tuple(a.key for a in story.articles) for story in stories)
    related_inputs = _digest([[(a.key, a.date, a.entities, a.tags) for a in articles], story_keys])
    if memo is not None and memo.related_inputs == related_inputs:
        nearby = {i: tuple(by_key[k] for k in keys) for i, keys in enumerate(memo.related)}
    else:
        nearby = related(articles, stories)
    related_keys = tuple(tuple(a.key for a in nearby[i]) for i in range(len(articles)))
    return stories, nearby, StoryMemo(cluster_inputs, story_keys, related_inputs, related_keys)


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()
