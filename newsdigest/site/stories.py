"""Story clusters and related articles, from the text of each article, its names and topics.
Pure: no I/O, no clock.

Each article is a TF-IDF vector of its headline, lead and body (the body's key terms, made once
at load: `Article.terms`). Two reports are of one story when, within a few days of each other,
their vectors are near and they share a rare name (one few articles carry), or their vectors are
nearly the same: shared topic words alone (game, review, court) never make a story. Related
articles add the names to the vector and the section (topics) as a bonus, and leave weak picks
out. Blocking keeps both linear: an article is compared only with articles found through an
inverted index of its weightiest terms that another article has and few do (stories: within
the window, the last few per term; related: the nearest in time in each term's list).
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from heapq import nlargest

from newsdigest.model import Article
from newsdigest.text import content_words

WINDOW = timedelta(days=3)
"""Reports of one story appear within this time of its first report."""
SIMILAR = 0.45
"""Cosine of headline, lead and body, plus NAME_EVIDENCE for each rare name they share (at
most NAMES_COUNTED), above which two reports that share a rare name are one story."""
NAME_EVIDENCE = 0.1
NAMES_COUNTED = 2
VERY_SIMILAR = 0.8
"""Cosine above which two reports are one story even without a shared name: the same text,
sent again or lightly edited (two companies' results told in one template come near 0.7)."""
RARE = 0.02
"""A name is rare when at most this share of all articles (or RARE_MIN) carries it."""
RARE_MIN = 3
COMMON = 0.05
"""Words in more than this share of all articles (and more than BLOCK_MIN) propose no candidates."""
BLOCK_MIN = 20
VECTOR_TERMS = 30
"""Terms kept in an article's vector, the weightiest (TF-IDF)."""
BLOCK_TERMS = 12
"""How many of an article's weightiest terms (that another article has, and not COMMON)
propose its candidates, for stories and related articles."""
BLOCK_DEPTH = 25
"""For stories: the latest articles of the window remembered per term."""
RELATED = 4
"""Related articles shown on an article page."""
NEIGHBOURS = 4
"""For related articles: how many articles nearest in time each of its terms offers."""
SHORTLIST = 8
"""Candidates whose similarity is computed in full, the best by a first, partial score."""
NAME_WEIGHT = 1.0
"""How a name weighs against a word of the same rarity, for related articles (its words are in
the text too, so a shared name already counts twice)."""
SECTION = 0.1
"""Added to the similarity of two articles that share a topic, for related articles."""
LEAST_RELATED = 0.08
"""Similarity under which an article is not worth showing as related."""


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


def words(article: Article) -> dict[str, float]:
    """The headline, lead and body terms as term weights (1 + log of the count), without the
    commonest English words. Shared between calls: never to be changed."""
    return _words_of(f"{article.title} {article.summary}", article.terms)


@lru_cache(maxsize=1 << 15)
def _words_of(headline: str, terms: str) -> dict[str, float]:
    """Remembered: the preview clusters again after each headline edit, and a third of that
    time went to finding the same words in 9,999 unchanged headlines."""
    counts = Counter(content_words(headline))
    counts.update(terms.split())
    return {word: 1.0 + math.log(count) for word, count in counts.items()}


def _idf(bags: Sequence[dict[str, float]]) -> dict[str, float]:
    """Inverse document frequency of every term: rare terms weigh more."""
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    total = len(bags)
    return {word: math.log(total / count) for word, count in frequency.items()}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    """The VECTOR_TERMS weightiest terms of `vector`, scaled to length 1, weightiest first (in
    the vector's own order among equals: headline first, then the body's commonest): the terms
    that tell an article apart, and a bound on the cost of each comparison."""
    heaviest = sorted(vector, key=vector.__getitem__, reverse=True)[:VECTOR_TERMS]  # stable
    norm = math.sqrt(math.fsum(vector[word] ** 2 for word in heaviest)) or 1.0
    return {word: vector[word] / norm for word in heaviest}


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    """The dot product of two vectors: over the terms they share, found in C, and summed
    exactly (fsum), so that the order of a set (which varies with the hash seed) never
    changes a score, nor so a tie."""
    return math.fsum(left[word] * right[word] for word in left.keys() & right.keys())


def _blocking(vector: dict[str, float], weights: dict[str, float], total: int) -> list[str]:
    """The terms that propose an article's candidates: its weightiest (the vector is in weight
    order) that at least one other article has and at most COMMON of all (or BLOCK_MIN) have,
    at most BLOCK_TERMS of them."""
    common = math.log(total / max(COMMON * total, BLOCK_MIN)) if total else 0.0
    lonely = math.log(total) - 1e-9 if total else 0.0  # the idf of a term only one article has
    return [word for word in vector if common <= weights[word] < lonely][:BLOCK_TERMS]


def cluster(articles: Sequence[Article], window: timedelta = WINDOW) -> tuple[Story, ...]:
    """Stories of two reports or more, newest story first; each article in at most one."""
    ordered = sorted(range(len(articles)), key=lambda i: (articles[i].date, i))
    bags = [words(article) for article in articles]
    weights = _idf(bags)
    vectors = [_unit({w: tf * weights[w] for w, tf in bag.items()}) for bag in bags]
    rare = _rare_names(articles)
    names = [frozenset(e.casefold() for e in a.entities) & rare for a in articles]
    keys = [_blocking(vector, weights, len(articles)) for vector in vectors]
    story_of: dict[int, int] = {}
    first_date: dict[int, int] = {}
    recent: deque[int] = deque()
    postings: dict[str, deque[int]] = {}
    for index in ordered:
        now = articles[index].date
        while recent and now - articles[recent[0]].date > window:
            _forget(recent.popleft(), keys, postings)
        candidates = {other for word in keys[index] for other in postings.get(word, ())}
        best = _best_match(index, sorted(candidates), names, vectors)
        if best is not None and now - articles[first_date[story_of[best]]].date <= window:
            story_of[index] = story_of[best]
        else:
            story_of[index] = first_date[index] = index
        recent.append(index)
        for word in keys[index]:
            postings.setdefault(word, deque(maxlen=BLOCK_DEPTH)).append(index)
    return _stories(articles, story_of)


def _rare_names(articles: Sequence[Article]) -> frozenset[str]:
    """Names (case-folded) that few articles carry: a name on every other page (a country, the
    wire's own) tells nothing about which story a report is of."""
    carried: Counter[str] = Counter()
    for article in articles:
        carried.update({e.casefold() for e in article.entities})
    most = max(RARE * len(articles), RARE_MIN)
    return frozenset(name for name, count in carried.items() if count <= most)


def _forget(index: int, keys: list[list[str]], postings: dict[str, deque[int]]) -> None:
    """Drop an article that fell out of the window from the inverted index (unless a later
    article already pushed it out of a term's list)."""
    for word in keys[index]:
        posting = postings.get(word)
        if posting and posting[0] == index:  # the oldest entries come first
            posting.popleft()
            if not posting:
                del postings[word]


def _best_match(
    index: int,
    candidates: list[int],
    names: list[frozenset[str]],
    vectors: list[dict[str, float]],
) -> int | None:
    """The most similar earlier report among the candidates that is similar enough, if any."""
    best, best_score = None, 0.0
    for other in candidates:
        score = _cosine(vectors[index], vectors[other])
        if score > best_score and _same_story(names[index] & names[other], score):
            best, best_score = other, score
    return best


def _same_story(shared_rare_names: frozenset[str], score: float) -> bool:
    """Similar enough: nearly the same text, or near text and rare names in common (each one
    more evidence, up to a point: a third shared name says little a second did not)."""
    shared = min(len(shared_rare_names), NAMES_COUNTED)
    return score >= VERY_SIMILAR or (shared > 0 and score + NAME_EVIDENCE * shared >= SIMILAR)


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
    """For each article (by position), the others nearest in text and names, with a bonus for
    a shared topic; reports of its own story are left out (they are listed apart), and so are
    picks under LEAST_RELATED. Ties go to the nearest in time."""
    vectors, weights = _related_vectors(articles)
    ranks = sorted(range(len(articles)), key=lambda i: (articles[i].date, i))
    keys = [_blocking(vector, weights, len(articles)) for vector in vectors]
    lists: dict[str, tuple[list[int], list[int]]] = {}  # each term's articles: ranks, indices
    for rank, index in enumerate(ranks):
        for key in keys[index]:
            in_time, found_at = lists.setdefault(key, ([], []))
            in_time.append(rank)
            found_at.append(index)
    rank_of = {index: rank for rank, index in enumerate(ranks)}
    position = {article.key: index for index, article in enumerate(articles)}
    mates = {position[a.key]: story.articles for story in stories for a in story.articles}
    topics = [frozenset(t.casefold() for t in article.tags) for article in articles]
    found: dict[int, tuple[Article, ...]] = {}
    for index, article in enumerate(articles):
        rough: dict[int, float] = {}
        for key in keys[index]:
            in_time, found_at = lists[key]
            at, mine = bisect_left(in_time, rank_of[index]), vectors[index][key]
            for other in found_at[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]:
                rough[other] = rough.get(other, 0.0) + mine * vectors[other][key]
        for mate in mates.get(index, ()):
            rough.pop(position.get(mate.key, -1), None)
        rough.pop(index, None)
        shortlist = nlargest(SHORTLIST, rough, key=rough.__getitem__)
        scores = {
            o: _cosine(vectors[index], vectors[o]) + SECTION * bool(topics[index] & topics[o])
            for o in shortlist
        }
        best = sorted(
            (o for o in shortlist if scores[o] >= LEAST_RELATED),
            key=lambda o: (-scores[o], abs((articles[o].date - article.date).total_seconds()), o),
        )
        found[index] = tuple(articles[o] for o in best[:limit])
    return found


def _related_vectors(
    articles: Sequence[Article],
) -> tuple[list[dict[str, float]], dict[str, float]]:
    """TF-IDF vectors of headline, lead, body and names (a name weighs NAME_WEIGHT times a word
    of its rarity), each of length 1; and the idf of each term."""
    bags = []
    for article in articles:
        bag = dict(words(article))
        bag.update((f"e:{e.casefold()}", NAME_WEIGHT) for e in article.entities)
        bags.append(bag)
    weights = _idf(bags)
    return [_unit({w: tf * weights[w] for w, tf in bag.items()}) for bag in bags], weights


@dataclass(frozen=True)
class StoryMemo:
    """Stories and related articles of one build, by article key, with a digest of what they
    were computed from: the next build reuses them when that is the same. Most edits of a body
    (the commonest edit) change neither headline, lead, key terms, names, topics nor date."""

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
    cluster_inputs = _digest(
        [(a.key, a.date, a.title, a.summary, a.terms, a.entities) for a in articles]
    )
    if memo is not None and memo.cluster_inputs == cluster_inputs:
        stories = tuple(Story(tuple(by_key[k] for k in keys)) for keys in memo.stories)
    else:
        stories = cluster(articles)
    story_keys = tuple(tuple(a.key for a in story.articles) for story in stories)
    related_inputs = _digest(
        [
            [(a.key, a.date, a.title, a.summary, a.terms, a.entities, a.tags) for a in articles],
            story_keys,
        ]
    )
    if memo is not None and memo.related_inputs == related_inputs:
        nearby = {i: tuple(by_key[k] for k in keys) for i, keys in enumerate(memo.related)}
    else:
        nearby = related(articles, stories)
    related_keys = tuple(tuple(a.key for a in nearby[i]) for i in range(len(articles)))
    return stories, nearby, StoryMemo(cluster_inputs, story_keys, related_inputs, related_keys)


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()
