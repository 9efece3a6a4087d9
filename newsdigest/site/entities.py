"""One page per thing named, across the whole site: spellings and aliases merged, each name
given its kind. Pure: the articles' names and the editor's `names.toml` in, a mapping out.

Per article, `names.extract` already merged what one text says ('Putin' after 'Vladimir
Putin', an acronym defined in brackets). Here the site merges what only many articles show,
cautiously, and the editor's word wins over every rule:

- the editor's aliases ('Brown' = 'Gordon Brown') and never-a-name list;
- another name of a country is the country ('US', 'U.S.', 'America': 'United States');
- singular and plural are one name ('Olympic' and 'Olympics', 'Tory' and 'Tories'), the
  one more articles carry shown, unless either is a person ('William' and 'Williams');
- an acronym is the one multi-word organisation of the site it abbreviates ('IMF' and
  'International Monetary Fund'), when exactly one does;
- a one-word name is the one person of the site whose last name it is ('Brown' is 'Gordon
  Brown' only while no other 'X Brown' person is named), unless it is a place;
- a one-word name of no known kind is the company whose name has it ('Moody' is 'Moody's
  Investors Service Inc') when one company, or one company's group and units, do.

Linear in the names the articles carry: each rule is a lookup in a dict made once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdigest.config import NameSettings, SiteConfig
from newsdigest.model import Article, Problem
from newsdigest.names.kinds import (
    KINDS,
    OTHER,
    PERSON,
    PLACE,
    country_of,
    initials,
    is_acronym,
    is_full_name,
)
from newsdigest.names.kinds import kind_of as kind_of_name
from newsdigest.names.words import COMMON, LEGAL_SUFFIXES
from newsdigest.slugs import slugify

if TYPE_CHECKING:  # taxonomy imports this module
    from .taxonomy import Term

MIN_ARTICLES = 2
"""A merged name needs a kind once this many articles carry it (taxonomy's page rule)."""
_MAX_CHAIN = 8
"""Aliases of aliases are followed this far: further is a loop."""


@dataclass(frozen=True)
class MergedNames:
    """Where each name an article carries goes on the site."""

    term_of: Mapping[str, str]
    """Each name as the articles spell it -> the slug of its merged name; '' for a name the
    editor says is never a name."""
    shown: Mapping[str, str]
    """Slug of a merged name -> the name shown for it."""
    kinds: Mapping[str, str]
    """Slug of a merged name two articles carry or more -> its kind: one of KINDS."""


def merge_names(
    articles: Sequence[Article], settings: NameSettings, slugs: Mapping[str, str]
) -> MergedNames:
    """Merge the entity names of `articles` across the site (see the module's docstring).
    `slugs` holds names already slugged; others are slugged here."""
    spelled = _spellings(articles, slugs)
    counts = _article_counts(articles, slugs)
    editor_kinds = {slugify(name): kind for name, kind in settings.kinds}
    shown = dict(spelled)
    kinds = _Kinds(shown, editor_kinds)
    edited = {slugify(alias) for alias, _ in settings.aliases}
    steps = _site_aliases(spelled, kinds, counts, edited)
    steps.update(_apart(_firm_words(spelled, kinds, counts), articles, slugs, steps))
    for slug, country in _country_names(spelled).items():
        steps[slug] = slugify(country)
        shown.setdefault(slugify(country), country)
    for alias, name in settings.aliases:
        steps[slugify(alias)] = slugify(name)
        shown[slugify(name)] = name
    never = {slugify(name) for name in settings.never}
    targets = {slug: _follow(slug, steps, never) for slug in spelled}
    merged_kinds = _merged_kinds(targets, kinds, counts, editor_kinds)
    term_of = {name: targets[slug] for name, slug in _names(articles, slugs).items()}
    live = set(targets.values()) - {""}
    return MergedNames(term_of, {s: shown[s] for s in live}, merged_kinds)


class _Kinds(Mapping[str, str]):
    """Slug -> kind, worked out the first time it is asked for: the rules ask about few of
    the names, and only names with a page need one at the end (kinds.kind_of costs some
    40 µs a name; a digest of 10,000 articles names 25,000)."""

    def __init__(self, shown: Mapping[str, str], editor: Mapping[str, str]) -> None:
        self._shown = shown
        self._known = dict(editor)

    def __getitem__(self, slug: str) -> str:
        kind = self._known.get(slug)
        if kind is None:
            kind = self._known[slug] = kind_of_name(self._shown[slug])
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._shown)

    def __len__(self) -> int:
        return len(self._shown)


def _names(articles: Iterable[Article], slugs: Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for article in articles:
        for name in article.entities:
            if name not in found and name.strip():
                found[name] = slugs.get(name) or slugify(name)
    return found


def _spellings(articles: Sequence[Article], slugs: Mapping[str, str]) -> dict[str, str]:
    """Slug -> its commonest spelling in the articles' names."""
    spellings: dict[str, Counter[str]] = {}
    for article in articles:
        for name in article.entities:
            if name.strip():
                slug = slugs.get(name) or slugify(name)
                spellings.setdefault(slug, Counter())[name] += 1
    return {slug: counter.most_common(1)[0][0] for slug, counter in spellings.items()}


def _article_counts(articles: Sequence[Article], slugs: Mapping[str, str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({slugs.get(n) or slugify(n) for n in article.entities if n.strip()})
    return counts


def _site_aliases(
    shown: Mapping[str, str],
    kinds: Mapping[str, str],
    counts: Mapping[str, int],
    edited: set[str],
) -> dict[str, str]:
    """Slug -> the slug it merges into, by the plural, acronym and surname rules. `edited`
    are the slugs the editor gave an alias."""
    steps = _plurals(shown, kinds, counts, edited)
    for rule in (_acronyms(shown, kinds), _surnames(shown, kinds)):
        for slug, target in rule.items():
            steps.setdefault(slug, target)
    return steps


def _plurals(
    shown: Mapping[str, str],
    kinds: Mapping[str, str],
    counts: Mapping[str, int],
    edited: set[str],
) -> dict[str, str]:
    """'Olympic' and 'Olympics' (and 'Tory' and 'Tories'): the one fewer articles carry
    merges into the other; on a tie, the plural into the singular. One the editor gave an
    alias ('Tories' = 'Conservative Party') takes the other along."""
    by_name = {name: slug for slug, name in shown.items()}
    steps: dict[str, str] = {}
    for slug, name in shown.items():
        for plural in plurals_of(name):
            other = by_name.get(plural)
            if other is None or other == slug or PERSON in (kinds[slug], kinds[other]):
                continue
            if other in edited or (slug not in edited and counts[other] > counts[slug]):
                steps.setdefault(slug, other)
            else:
                steps.setdefault(other, slug)
    return steps


def plurals_of(name: str) -> tuple[str, ...]:
    """The plurals a name's last word may take: 'Tory' -> 'Tories', 'Olympic' -> 'Olympics'.
    Acronyms and words already ending in 's' have none here."""
    if not name[-1:].isalpha() or not name[-1].islower() or name.endswith("s"):
        return ()
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "o", "u"):
        return (name + "s", name[:-1] + "ies")
    if name.endswith(("ch", "sh", "x", "z")):
        return (name + "es",)
    return (name + "s",)


def _acronyms(shown: Mapping[str, str], kinds: Mapping[str, str]) -> dict[str, str]:
    """'IMF' -> 'International Monetary Fund' when that is the one name of the site (not a
    person or place) with those initials."""
    acronyms = {
        slug: letters
        for slug, name in shown.items()
        if is_acronym(name) and _spelt_out_letters(letters := name.replace(".", ""))
    }
    wanted = set(acronyms.values())
    spelt_out: dict[str, list[str]] = {}
    for slug, name in shown.items():
        if name.count(" ") < 2 or name[0] not in _UPPER:  # three words at least: 'I M F'
            continue
        letters = initials(name)
        if letters in wanted and kinds[slug] not in (PERSON, PLACE):
            spelt_out.setdefault(letters, []).append(slug)
    steps: dict[str, str] = {}
    for slug, letters in acronyms.items():
        found = spelt_out.get(letters, [])
        if len(found) == 1 and kinds[slug] != PLACE:
            steps[slug] = found[0]
    return steps


_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _spelt_out_letters(letters: str) -> bool:
    """Three letters or more, and not a Roman numeral: 'EC', 'DJ' or 'III' may stand for
    too many things to merge them by initials."""
    return len(letters) >= 3 and letters.isalpha() and not set(letters) <= set("IVXLC")


def _surnames(shown: Mapping[str, str], kinds: Mapping[str, str]) -> dict[str, str]:
    """'Brown' -> 'Gordon Brown' when he is the one person of the site called '... Brown'
    (a surely full name: kinds.is_full_name) and 'Brown' is not
    itself known as a place or an organisation."""
    single = {name for name in shown.values() if " " not in name}
    people: dict[str, list[str]] = {}
    for slug, name in shown.items():
        words = [w for w in name.split() if w.rstrip(".") not in _SUFFIXES]
        if len(words) > 1 and words[-1] in single and kinds[slug] == PERSON:
            people.setdefault(words[-1], []).append(slug)
    sure = {slug for slugs in people.values() for slug in slugs if is_full_name(shown[slug])}
    steps: dict[str, str] = {}
    for slug, name in shown.items():
        if " " in name or is_acronym(name) or kinds[slug] not in (PERSON, OTHER):
            continue
        found = people.get(name, [])
        if len(found) == 1 and found[0] in sure:
            steps[slug] = found[0]
    return steps


def _firm_words(
    shown: Mapping[str, str], kinds: Mapping[str, str], counts: Mapping[str, int]
) -> dict[str, str]:
    """'Moody' -> 'Moody's Investors Service Inc', 'Poor' -> 'Standard and Poor's Corp',
    'Hutton' -> 'E.F. Hutton Group Inc': a one-word name of no known kind that is a word of
    a company's name (one ending in 'Inc', 'Corp', ...). When several have the word, they
    must begin alike up to it (one firm's group and units), and the most carried is taken."""
    firms: dict[str, list[tuple[str, str]]] = {}
    for slug, name in shown.items():
        words = name.split()
        if len(words) > 1 and words[-1].lower().rstrip(".") in LEGAL_SUFFIXES:
            for index, word in enumerate(words[:-1]):
                if word in ("of", "and", "for", "&") and not any(_POSSESSIVE in w for w in words):
                    break  # 'Minneapolis' is not 'First National Bank of Minneapolis Inc'
                if word.lower() not in COMMON:
                    head = " ".join(words[: index + 1])
                    firms.setdefault(_bare(word), []).append((slug, _bare(head)))
    steps: dict[str, str] = {}
    for slug, name in shown.items():
        found = firms.get(_bare(name)) if " " not in name and not is_acronym(name) else None
        if found and len({head for _, head in found}) == 1 and kinds[slug] == OTHER:
            steps[slug] = max((target for target, _ in found), key=lambda t: counts[t])
    return steps


def _apart(
    found: Mapping[str, str],
    articles: Iterable[Article],
    slugs: Mapping[str, str],
    steps: Mapping[str, str],
) -> dict[str, str]:
    """The found steps no earlier rule took, less those whose two names one article carries
    side by side: that article (or its editor) told them apart ('Ruritania' and 'Ruritania
    Ltd'), as `names.extract` merges such names within a text."""
    wanted = {slug: target for slug, target in found.items() if slug not in steps}
    for article in articles if wanted else ():
        carried = {slugs.get(name) or slugify(name) for name in article.entities}
        for slug in carried & wanted.keys():
            if wanted[slug] in carried:
                del wanted[slug]
    return wanted


_POSSESSIVE = "’s"


def _bare(words: str) -> str:
    """Words without a possessive ending, compared as written: 'Moody’s' is 'Moody'."""
    return " ".join(word.removesuffix("'s").removesuffix("’s") for word in words.split())


_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
"""Words after a surname: 'John Johnstone Jr' is called 'Johnstone'."""


def _country_names(shown: Mapping[str, str]) -> dict[str, str]:
    """Slug of another name of a country -> the country's name: 'us' -> 'United States'."""
    found = {slug: country_of(name) for slug, name in shown.items()}
    return {slug: country for slug, country in found.items() if country}


def _follow(slug: str, steps: Mapping[str, str], never: set[str]) -> str:
    """Where a slug ends after its aliases ('' when never a name); a loop stops where it
    started."""
    current = slug
    for _ in range(_MAX_CHAIN):
        if current in never:
            return ""
        following = steps.get(current)
        if following is None or following == current:
            return current
        current = following
    return slug


def _merged_kinds(
    targets: Mapping[str, str],
    kinds: Mapping[str, str],
    counts: Mapping[str, int],
    editor: Mapping[str, str],
) -> dict[str, str]:
    """The kind of each merged name that may get a page (its spellings are carried by two
    articles or more): the editor's, else its own name's, else the first a merged spelling
    gives that is not OTHER ('US' says place for a country the tables miss)."""
    members: dict[str, list[str]] = {}
    for slug, target in sorted(targets.items()):
        if target:
            members.setdefault(target, []).append(slug)
    merged: dict[str, str] = {}
    for target, slugs in members.items():
        if sum(counts[slug] for slug in slugs) < MIN_ARTICLES:
            continue
        kind = kinds[target]
        if kind == OTHER and target not in editor:
            kind = next((kinds[s] for s in slugs if kinds[s] != OTHER), OTHER)
        merged[target] = kind
    return merged


_HEADINGS = {PERSON: "People", PLACE: "Places", "organisation": "Organisations", OTHER: "Other"}


@dataclass(frozen=True)
class Letter:
    """The names of one kind that start with one letter, on the names index."""

    letter: str
    """'A' to 'Z', or '#' for names that start with a digit or a sign."""
    anchor: str
    """The id its heading has on the index: 'person-a'."""
    terms: tuple[Term, ...]
    """Its names, A to Z."""


@dataclass(frozen=True)
class KindGroup:
    """One kind's part of the names index: its heading and its letters."""

    kind: str
    """'person', 'place', 'organisation' or 'other': also its heading's id."""
    heading: str
    letters: tuple[Letter, ...]
    count: int
    """How many names it lists."""


def name_index(terms: Sequence[Term]) -> tuple[KindGroup, ...]:
    """The entity terms grouped by kind (in KINDS order; a kind with none is left out), then
    A to Z by letter: the names index."""
    groups: list[KindGroup] = []
    for kind in KINDS:
        of_kind = sorted((t for t in terms if t.name_kind == kind), key=lambda t: t.slug)
        letters: dict[str, list[Term]] = {}
        for term in of_kind:
            first = term.slug[:1].upper()
            letters.setdefault(first if first.isalpha() else "#", []).append(term)
        if of_kind:
            found = tuple(
                Letter(letter, f"{kind}-{letter.lower() if letter != '#' else 'other'}", tuple(ts))
                for letter, ts in sorted(letters.items())
            )
            groups.append(KindGroup(kind, _HEADINGS[kind], found, len(of_kind)))
    return tuple(groups)


def settings_problems(config: SiteConfig) -> list[Problem]:
    """What names.toml got wrong, as warnings naming its file and line: the rest applies."""
    path = config.names_file
    return [Problem(path, line, message, "warning") for line, message in config.names.problems]
