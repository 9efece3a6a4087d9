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
from collections import Counter
from collections.abc import Mapping
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


@dataclass(frozen=True)
class TopicRules:
    """A site's section map and compiled keyword rules."""

    sections: Mapping[str, str]
    """Path segment -> section: the defaults with the site's `[sections]` over them."""
    pattern: re.Pattern[str] | None
    """Every rule's words in one alternation, longest first, one group per word."""
    group_topics: tuple[tuple[str, ...], ...]
    """The topics of each group, by group number (0 unused)."""
    mentions: int
    """The score a topic needs."""

    def topics(self, source_url: str, title: str, lead: str, body: str) -> tuple[str, ...]:
        """URL sections first, then keyword topics by score; each topic once."""
        found = [*url_topics(source_url, self.sections), *self.keyword_topics(title, lead, body)]
        return tuple(dict.fromkeys(found))

    def keyword_topics(self, title: str, lead: str, body: str) -> tuple[str, ...]:
        """Topics whose words score `mentions`: 2 per headline mention, 1 per lead mention,
        1 per body mention (a lead that opens the body so counts twice)."""
        if self.pattern is None:
            return ()
        score: Counter[str] = Counter()
        for text, weight in ((title, 2), (lead, 1), (body, 1)):
            for match in self.pattern.finditer(text):
                for topic in self.group_topics[match.lastindex or 0]:
                    score[topic] += weight
        passed = [(-points, topic) for topic, points in score.items() if points >= self.mentions]
        return tuple(topic for _, topic in sorted(passed))


NO_RULES = TopicRules(MappingProxyType({}), None, ((),), 1)
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
    if not by_word:
        return TopicRules(merged, None, ((),), mentions)
    ordered = sorted(by_word, key=lambda w: (-len(w), w))
    pattern = re.compile("|".join(f"({_word_pattern(word)})" for word in ordered))
    group_topics = ((), *(tuple(dict.fromkeys(by_word[w])) for w in ordered))
    return TopicRules(merged, pattern, group_topics, mentions)


def _word_pattern(word: str) -> str:
    """A rule's word as a regular expression: whole words, any space between a phrase's
    words, '*' for any ending; any case for a word written in lower case, else as written
    ('US' is not 'us')."""
    stem = word.removesuffix("*")
    body = r"\s+".join(re.escape(part) for part in stem.split())
    ending = r"\w*" if word.endswith("*") else r"(?!\w)"
    found = rf"(?<!\w){body}{ending}"
    return found if any(char.isupper() for char in word) else f"(?i:{found})"
