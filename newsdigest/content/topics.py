"""An article's topics when its front matter gives none: from its source URL and keyword rules.

Seeds carry no section, but their source URLs do: `/business/`, `/world/europe/`,
`/news/uk-politics-12345`, `/1/hi/uk_politics/4567.stm`, `/2024/06/20/business/slug.html`.
`DEFAULT_SECTIONS` maps the path segments of common news URL shapes to a few section names;
`site.toml`'s `[sections]` extends or overrides it. `[topics]` adds keyword rules: a topic
whose words an article mentions `topic_mentions` times (headline mentions count twice, lead
mentions once more) is given to it. Derived at load, so that the topics are part of the
article like any field, cached with it, and rebuilt when a rule changes (the cache's stamp
covers the settings). Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import urlsplit

from newsdigest.config import SiteConfig, normal_segment

_SECTION_NAMES = {
    "Business": "business economy markets money companies finance",
    "Politics": "politics uk-politics us-politics election elections",
    "Sport": "sport sport1 sports football soccer cricket tennis golf rugby-union formula1",
    "World": "world international worldnews",
    "Europe": "europe",
    "Asia": "asia asia-pacific south-asia",
    "Africa": "africa",
    "Middle East": "middle-east middleeast",
    "Americas": "americas latin-america",
    "UK": "uk",
    "US": "us",
    "Technology": "technology tech",
    "Science": "science",
    "Environment": "environment climate climate-change",
    "Health": "health",
    "Education": "education",
    "Entertainment": "entertainment arts culture film movies music books television",
    "Opinion": "opinion commentisfree",
}

DEFAULT_SECTIONS: Mapping[str, str] = MappingProxyType(
    {segment: topic for topic, segments in _SECTION_NAMES.items() for segment in segments.split()}
)
"""URL path segment (lower case, '-' for '_') -> section, for BBC, Reuters, Guardian, NYT and
AP shapes. A hyphenated segment also gives the sections of its words: BBC's `world-europe`
gives World and Europe, as Reuters' `/world/europe/` does."""

_NUMBERED = re.compile(r"^(?P<stem>[a-z][a-z0-9-]*?)-\d+$")
"""BBC's last segment: a section and the story's number, 'business-68123456'."""
_EXTENSION = re.compile(r"\.(?:s?html?|stm|php|aspx?)$")


_WORD = re.compile(r"\w+")
"""A word: letters, digits (and '_'); a regular expression's findall is quicker here than
str.translate, which slows down on text with curly quotes."""


def words_of(text: str) -> list[str]:
    """The words of a text or of a rule: letters and digits ("pre-tax" is two, "U.S." two)."""
    return _WORD.findall(text)


@dataclass(frozen=True)
class Rule:
    """One word or phrase of a keyword rule, as tokens."""

    tokens: tuple[str, ...]
    """Its words, lower-cased unless it matches as written."""
    prefix: bool
    """Its last word may end any way ('merger*')."""
    cased: bool
    """Written with a capital: matches only as written ('US' is not 'us')."""
    topics: tuple[str, ...]
    """The topics it counts for."""


@dataclass(frozen=True)
class TopicRules:
    """A site's section map and keyword rules, ready to apply."""

    sections: Mapping[str, str]
    """Path segment -> section: the defaults with the site's `[sections]` over them."""
    rules: tuple[Rule, ...]
    """Every word and phrase of every keyword rule."""
    mentions: int
    """The score a topic needs."""

    def topics(self, source_url: str, title: str, lead: str, body: str) -> tuple[str, ...]:
        """URL sections first, then keyword topics by score; each topic once."""
        found = [*url_topics(source_url, self.sections), *self.keyword_topics(title, lead, body)]
        return tuple(dict.fromkeys(found))

    def keyword_topics(self, title: str, lead: str, body: str) -> tuple[str, ...]:
        """Topics whose words score `mentions`: 2 per headline mention, 1 per lead mention,
        1 per body mention (a lead that opens the body so counts twice). Each word and
        phrase of a rule counts on its own."""
        score: Counter[str] = Counter()
        texts = ((title, 2), (lead, 1), (body, 1))
        for cased in (False, True):
            rules = [rule for rule in self.rules if rule.cased is cased]
            if rules:
                _score(rules, _Words(texts, cased), score)
        passed = [(-points, topic) for topic, points in score.items() if points >= self.mentions]
        return tuple(topic for _, topic in sorted(passed))


class _Words:
    """The words of a headline, lead and body, counted by their text's weight (in C) and
    sorted, for the rules that take any ending; each text's words in order, for phrases."""

    def __init__(self, texts: tuple[tuple[str, int], ...], cased: bool) -> None:
        self.texts = [(words_of(text if cased else text.lower()), weight) for text, weight in texts]
        self.counts: Counter[str] = Counter()
        for words, weight in self.texts:
            for _ in range(weight):
                self.counts.update(words)
        self.ordered = sorted(self.counts)

    def starting(self, stem: str) -> int:
        """Weighted mentions of words that start with `stem`, found by bisection."""
        ordered, counts = self.ordered, self.counts
        found, at = 0, bisect_left(ordered, stem)
        while at < len(ordered) and ordered[at].startswith(stem):
            found, at = found + counts[ordered[at]], at + 1
        return found

    def phrase(self, rule: Rule) -> int:
        """Weighted mentions of a phrase, looked for where its first word is (found in C)."""
        size, (first, *middle, last) = len(rule.tokens), rule.tokens
        found = 0
        for words, weight in self.texts:
            for at in _positions(words, first):
                end = words[at + size - 1] if at + size <= len(words) else ""
                if words[at + 1 : at + size - 1] == middle and (
                    end.startswith(last) if rule.prefix else end == last
                ):
                    found += weight
        return found

    def has_all(self, rule: Rule) -> bool:
        """Whether every word of a phrase occurs at all: most phrases are never looked for."""
        *leading, last = rule.tokens
        counts = self.counts
        return all(word in counts for word in leading) and (
            self.starting(last) > 0 if rule.prefix else last in counts
        )


def _positions(words: list[str], word: str) -> Iterator[int]:
    """Where `word` is in `words`, found by list.index (in C), not word by word."""
    at = -1
    while True:
        try:
            at = words.index(word, at + 1)
        except ValueError:
            return
        yield at


def _score(rules: list[Rule], words: _Words, score: Counter[str]) -> None:
    """Add each rule's weighted mentions to its topics' scores."""
    counts = words.counts
    for rule in rules:
        first = rule.tokens[0]
        if len(rule.tokens) == 1:
            found = words.starting(first) if rule.prefix else counts.get(first, 0)
        else:
            found = words.phrase(rule) if words.has_all(rule) else 0
        for topic in rule.topics if found else ():
            score[topic] += found


NO_RULES = TopicRules(MappingProxyType({}), (), 1)
"""No sections and no keyword rules: topics come from front matter alone."""


def url_topics(url: str, sections: Mapping[str, str]) -> tuple[str, ...]:
    """The sections a source URL's path names, in path order. The last segment is usually the
    story's own slug ('business-leaders-meet'): its words count only when it is numbered as
    BBC's are ('world-europe-68123456'); else only as a whole ('/science')."""
    segments = [normal_segment(s) for s in urlsplit(url).path.split("/") if s] if url else []
    found: list[str] = []
    for index, segment in enumerate(segments):
        segment = _EXTENSION.sub("", segment)
        numbered = _NUMBERED.match(segment)
        stem = numbered.group("stem") if numbered else segment
        last = index == len(segments) - 1
        candidates = [stem] if last and not numbered else [stem, *stem.split("-")]
        found.extend(sections[c] for c in candidates if sections.get(c))
    return tuple(dict.fromkeys(found))


def topic_rules(config: SiteConfig) -> TopicRules:
    """The site's rules, compiled once per process for each set of settings."""
    return _compiled(config.sections, config.topics, config.topic_mentions)


@lru_cache(maxsize=8)
def _compiled(
    sections: tuple[tuple[str, str], ...],
    topics: tuple[tuple[str, tuple[str, ...]], ...],
    mentions: int,
) -> TopicRules:
    merged = MappingProxyType({**DEFAULT_SECTIONS, **dict(sections)})
    by_word: dict[str, list[str]] = {}
    for topic, words in topics:
        for word in words:
            by_word.setdefault(word, []).append(topic)
    rules = tuple(_rule(word, tuple(dict.fromkeys(found))) for word, found in by_word.items())
    return TopicRules(merged, tuple(rule for rule in rules if rule.tokens), mentions)


def _rule(word: str, topics: tuple[str, ...]) -> Rule:
    """A rule's word or phrase as tokens: any case for one written in lower case."""
    cased = any(char.isupper() for char in word)
    stem = word.removesuffix("*")
    tokens = tuple(words_of(stem if cased else stem.lower()))
    return Rule(tokens, word.endswith("*"), cased, topics)
