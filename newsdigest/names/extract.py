"""Named entities an article is about, found in its text without a model. Pure: text in, names out.

The method is deliberately small. Runs of capitalised words are candidates, and a run is cut
where one name ends: at a possessive or a contraction ("Russia's", "I'm"), at a title
('President', 'Mr': not part of the name, but a sign of a person), and at 'of' or 'and' unless
the whole is one name ('Bank of England', 'Securities and Exchange Commission'); name particles
('de', 'van') and '&' always join. Dropped: a word that only opens a sentence ('Now Vodafone' is
Vodafone), common nouns and abbreviations alone ('Department', 'TV'), regional words ('Latin
American'), lines written in capitals (wire headlines: not mined as they are). Nationality
words and country abbreviations are shown as the country ('French' is France, 'U.S.' the United
States). Within the article, aliases merge into the full name: a lone surname ('Putin' into
'Vladimir Putin'), an acronym it defines in brackets ('IMF' into 'International Monetary Fund'),
a company without its suffix ('Boeing' into 'Boeing Co'). The most mentioned names come first.
It errs towards precision: a name mentioned once in a sentence-initial position is not taken.
Counts across the digest are applied later, when the site gives a page only to an entity seen
in two articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsdigest.text import word_list

from .aliases import merge_aliases
from .forms import (
    FIRM_CHAIN,
    confident,
    lower_case_terms,
    name_syllable,
    office_length,
    portfolio_length,
    several,
    single,
    tidy,
)
from .words import (
    ABBREVIATIONS,
    COMMON,
    COUNTRY_OF,
    INSTITUTIONS,
    LEGAL_SUFFIXES,
    OPENERS,
    ORG_HEADS,
    PERSON_TITLES,
    PORTFOLIOS,
    STOP,
    TITLES,
)

MAX_ENTITIES = 12
"""At most this many names per article: the ones it mentions most."""

# A capitalised word ('Putin', 'U.S.', 'NATO', "Russia's", 'Al-Assad') or a camel-cased one
# ('iPod', 'eBay'); never the tail of a word ('Pod' of 'iPod').
# Initials with their dots join the words after them ('E.F. Hutton'); a country's ('U.S.') do not.
_COUNTRY_INITIALS = "|".join(
    "".join(rf"{letter}\." for letter in key) for key in COUNTRY_OF if key.isupper()
)
_WORD = (
    rf"(?:(?!(?:{_COUNTRY_INITIALS})(?!\w))(?:[A-Z]\.){{2,}}(?=[ \t]+[A-Z])"
    r"|[A-Z][\w'’.-]*\w|[A-Z]\.?|[a-z]{1,2}[A-Z][\w'’-]*\w|(?:al|el|bin|ibn|abu)-[A-Z][\w'’-]*\w)"
)
# Words that may join capitalised words inside one name: 'Bank of England', 'Procter & Gamble'.
_JOINERS = r"(?:of|for|on|de|da|del|der|di|dos|van|von|al|bin|la|le|du|and|&)"
_RUN = re.compile(rf"(?<![\w'’]){_WORD}(?:[ \t]+(?:{_JOINERS}[ \t]+)?{_WORD})*")
_PARTICLES = frozenset(word_list("de da del der di dos van von al bin la le du &"))
_JOINER_WORDS = _PARTICLES | {"of", "for", "on", "and"}

_AND_HEADS = ORG_HEADS - frozenset(
    word_list("city district county street road airport region province state states centre center")
)
"""Heads of organisations' names that 'and' may be inside, not places ('Central Station and
Harbour City Airport' are two)."""
_LEADING = STOP | TITLES
"""Words trimmed from the front of a name at a sentence's start: 'The', 'President'."""
_LEADING_INSIDE = PERSON_TITLES | frozenset(
    word for word in STOP if word in {"the", "a", "an"} or word.endswith(("day", "ber", "uary"))
)
"""Words trimmed from the front of a name inside a sentence, where 'First Boston' is one."""
_TRAILING = STOP | _JOINER_WORDS | ABBREVIATIONS
"""Words trimmed from the end of a name: 'of', 'and', 'the', 'Dlrs' ('N.Z. Dlrs')."""
# Spaces, then quotes and brackets that may open a sentence ('"Putin said' starts one), then
# spaces: possessive (*+), as spaces and quotes never overlap, so no split is tried twice.
_OPENING = re.compile(r"\s*+[\"'“”‘’(\[]*+\s*+")
# A sentence mark, and the dot of a country's initials: 'U.S. Officials' may start one ('U.S.
# Agriculture Department' has two words, kept either way). A quotation opening inside a
# sentence starts one too: 'said, "Perhaps the same ...'.
_AFTER_MARK = re.compile(rf"(?:[.!?:;]|(?<=\s)[\"“](?=\S)){_OPENING.pattern}")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z]+\b")
_CASED_WORD = re.compile(r"\b[A-Za-z]*[a-z][A-Za-z]*\b")
_DEFINED = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z.&]*[A-Z]\.?)[ \t]*\)")
"""An acronym defined in brackets right after a run: 'International Monetary Fund (IMF)'."""
_LAST_LETTER = re.compile(r"[A-Za-z][^A-Za-z]*$")
_CONTRACTION = re.compile(r"['’](?:m|ll|ve|d|re|t)$|n['’]t$")
_CUT_WORD = re.compile(r"['’](?:m|ll|ve|d|re|t|s)$|n['’]t$")
_COUNTRY_WORDS = frozenset(word for name in COUNTRY_OF.values() for word in name.split())


@dataclass
class Mentions:
    """What one pass over an article finds: names by count, and what tells about them."""

    counts: Counter[str] = field(default_factory=Counter)
    """Each name, how often it is mentioned, in the order of first mention."""
    titled: set[str] = field(default_factory=set)
    """Names that came after a person's title ('Mr', 'President')."""
    defined: dict[str, str] = field(default_factory=dict)
    """Acronyms the article defines in brackets, with the name they stand for."""
    lower: Counter[str] = field(default_factory=Counter)
    """How often each word is written in lower case: 'dlrs' tells 'Dlrs' is no name."""


def extract(text: str, limit: int = MAX_ENTITIES) -> tuple[str, ...]:
    """The names the text mentions most, most mentioned first, ties in order of appearance.

    One pass over the text (no look back over what came before a word), so a long article
    costs time in proportion to its length.
    """
    mentions = _count_mentions(text)
    first_seen = {name: index for index, name in enumerate(mentions.counts)}
    merged = merge_aliases(mentions.counts, mentions.defined, frozenset(_COUNTRY_WORDS))
    terms = lower_case_terms(text)
    kept = [
        name
        for name in merged
        if name not in terms
        and confident(name, merged[name], mentions.lower, name in mentions.titled)
    ]
    kept.sort(key=lambda name: (-merged[name], first_seen[name]))
    return tuple(kept[:limit])


def _count_mentions(text: str) -> Mentions:
    """How often each candidate name is mentioned, in the order of first mention.

    A run of capitalised words gives the same names wherever it stands at a sentence's start
    (or wherever it does not), so the runs are counted first and each distinct one is cut and
    cleaned once; runs come in the order they first appear, and so do their names.
    """
    mentions = Mentions(lower=Counter(_LOWER_WORD.findall(text)))
    runs: Counter[tuple[str, bool]] = Counter()
    acronyms: list[tuple[str, str]] = []
    for paragraph in text.split("\n"):
        if not _shouted(paragraph):
            firms = [firm.group() for firm in FIRM_CHAIN.finditer(paragraph)]
            for firm in firms:  # its parts are not names of their own
                mentions.counts[firm] += 1
                paragraph = paragraph.replace(firm, "x" * len(firm), 1)
            _find_runs(paragraph, runs, acronyms)
    inner = {run for run, at_start in runs if not at_start}
    for (run, at_start), times in runs.items():
        for name, titled in _names_in_run(*_opening_dropped(run, at_start, inner, mentions)):
            mentions.counts[name] += times
            if titled:
                mentions.titled.add(name)
    for run, acronym in acronyms:
        _define(mentions, run, acronym)
    return mentions


def _find_runs(
    paragraph: str, runs: Counter[tuple[str, bool]], acronyms: list[tuple[str, str]]
) -> None:
    """Count the paragraph's runs of capitalised words, and note the acronyms it defines."""
    starts = _sentence_starts(paragraph)
    last = _LAST_LETTER.search(paragraph)
    end = last.start() + 1 if last else 0
    unfinished = paragraph.rstrip()[-1:].isalpha()  # no full stop: 'in May 1986 Reuter'
    for run in _RUN.finditer(paragraph):
        at_start = run.start() in starts
        if (at_start or unfinished) and run.end() == end and " " not in run.group():
            continue  # a word standing alone at a paragraph's end: a sign-off ('REUTER')
        if (
            " " not in run.group()
            and paragraph[run.start() - 1 : run.start()] == "<"
            and paragraph[run.end() : run.end() + 1] in "\\>"
        ):
            continue  # a code in angle brackets, '<MSFT>' (a company's name may be: '<Azuma Steel Co>')
        runs[(run.group(), at_start)] += 1
        defined = _DEFINED.match(paragraph, run.end())
        if defined:
            acronyms.append((run.group(), defined.group(1)))


def _shouted(paragraph: str) -> bool:
    """A line written in capitals (a wire headline, a table): its words tell no names apart."""
    capitals = len(_CAPS_WORD.findall(paragraph))
    return capitals >= 2 and capitals > len(_CASED_WORD.findall(paragraph))


def _opening_dropped(
    run: str, at_start: bool, inner: set[str], mentions: Mentions
) -> tuple[str, bool]:
    """The run without the word that opens its sentence, when that word is no part of a name.

    Sentence openers ('Now', 'Ultimately') always go; a common word ('Total Bahia') goes when
    the rest is written elsewhere without it and the whole is not.
    """
    first, _, rest = run.partition(" ")
    if not at_start or not rest:
        return run, at_start
    lower = first.lower()
    if lower in OPENERS:
        return rest, False
    common = lower in COMMON or lower in mentions.lower
    if common and run not in inner and rest in inner:
        return rest, False
    return run, at_start


def _names_in_run(run: str, at_start: bool) -> Iterator[tuple[str, bool]]:
    """The names in one run of capitalised words, each with whether a title preceded it."""
    for words, after_title in _split_run(run.split()):
        name, titled = _clean(words, at_start, after_title)
        at_start = False
        if name:
            yield name, titled


def _sentence_starts(paragraph: str) -> set[int]:
    """Where a word would open a sentence: after the paragraph's start or a sentence mark
    ('.', '!', '?', ':', ';'), and any spaces, quotes and brackets after it.

    A word starting anywhere else does not; one pass over the paragraph finds them all.
    """
    starts = {mark.end() for mark in _AFTER_MARK.finditer(paragraph)}
    opening = _OPENING.match(paragraph)  # it always matches, if only the empty string
    if opening:
        starts.add(opening.end())
    return starts


def _split_run(words: list[str]) -> Iterator[tuple[list[str], bool]]:
    """Cut a run where one name ends, each part with whether a title came just before it.

    Cuts come after a possessive ("Russia's President Putin"), at a contraction ("I'm"), at a
    hyphenated common word ('U.S.-brokered'), at titles inside it ('NATO Secretary General Mark
    Rutte'), and at 'of' and 'and' unless the whole is one name (`_joins`).
    """
    if len(words) == 1 and "-" not in words[0] and not _CUT_WORD.search(words[0]):
        yield words, False  # most runs: one plain word (a lone title precedes no name)
        return
    cut_at_title = _titles_before_names(words)
    part: list[str] = []
    after_title = False
    skip = 0
    for index, word in enumerate(words):
        head, _, tail = word.partition("-")
        if skip:
            skip -= 1
        elif _CONTRACTION.search(word):
            yield part, after_title
            part, after_title = [], False
        elif tail and tail[:1].islower() and not name_syllable(part, tail):
            yield [*part, head], after_title
            part, after_title = [], False
        elif word in _JOINER_WORDS and not _joins(words, index, part):
            yield part, after_title
            part, after_title = [], False
        elif word[-2:] in ("'s", "’s") and not _firm_goes_on(words, index):
            yield [*part, word[:-2]], after_title
            part, after_title = [], False
        elif cut_at_title[index]:
            yield _before_title(part), after_title
            skip = office_length(words, index)
            skip += portfolio_length(words, index + 1 + skip)
            part, after_title = [], skip > 0 or words[index + 1 : index + 2] != ["of"]
        else:
            part.append(word)
    yield part, after_title


_FIRM_AFTER_POSSESSIVE = LEGAL_SUFFIXES | frozenset(
    {"investors", "group", "holdings", "industries", "corporation", "company", "stores"}
)
"""Words that, after a possessive, go on with a firm's own name: 'Moody's Investors Service',
'McDonald's Corp', 'Sainsbury's Group'; after 'Russia's' comes another name."""


def _firm_goes_on(words: list[str], index: int) -> bool:
    """Whether the possessive at `index` is inside a firm's name rather than ending a name."""
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    return following in _FIRM_AFTER_POSSESSIVE


def _before_title(part: list[str]) -> list[str]:
    """The words before a title without those that belong to it: 'Indonesian Energy Minister'
    leaves 'Indonesian', 'Saudi Arabian Oil Minister' leaves 'Saudi Arabian'."""
    end = len(part)
    while end > 0 and part[end - 1].lower() in PORTFOLIOS:
        end -= 1
    return part[:end]


def _joins(words: list[str], index: int, part: list[str]) -> bool:
    """Whether the joiner at `index` is inside one name rather than between two.

    Particles and '&' always are ('Ludwig van Beethoven'). 'of' is after an institution
    ('Bank of England') or a common word that is not a title ('Maria Full of Grace'). 'and' is
    when what follows it, up to the next joiner, ends an organisation's name after at most one
    other word ('Securities and Exchange Commission', not 'Paul Volcker and International
    Monetary Fund'); that look ahead stops at the next joiner, so each word is seen once.
    """
    word = words[index]
    if not part:
        return False
    if word in _PARTICLES:
        return True
    before = part[-1].lower()
    if word == "of":
        return before in INSTITUTIONS or (before in COMMON and before not in TITLES)
    if word in ("for", "on"):
        return before in INSTITUTIONS
    if word == "and" and words[index + 1 : index + 2] == part and not part[0].isupper():
        return True  # 'Saatchi and Saatchi', 'Johnson and Johnson': one firm
    after = index + 1
    while after + 1 < len(words) and words[after + 1] not in _JOINER_WORDS:
        after += 1
    between = [word for word in words[index + 1 : after] if word.lower() not in LEGAL_SUFFIXES]
    if after + 1 < len(words) and words[after + 1] in ("of", "for"):
        return before in COMMON or before in PORTFOLIOS  # not 'Edouard Balladur and Bank of France'
    if before in LEGAL_SUFFIXES or (len(part) == 1 and part[0].isupper()):
        return False  # 'Morgan Guaranty Trust Co and Lloyds Bank Plc', 'IMF and World Bank'
    if after == len(words) - 1 == index + 1 and {"of", "for", "on"} & set(part):
        return words[after].lower() in PORTFOLIOS  # '... for Cooperation and Development'
    last = words[after].lower().removesuffix("'s").removesuffix("’s")
    return after < len(words) and last in _AND_HEADS and len(between) <= 1


def _titles_before_names(words: list[str]) -> list[bool]:
    """For each word, whether it is a title followed, after any more titles, by a name.

    One pass from the end, carrying the first word after each position that is not a title.
    'General' opening a run of two words, or of a company's name, is no title ('General Motors').
    """
    flags = [False] * len(words)
    following = ""  # the lower-cased first non-title word after the current one; '' for none
    for index in range(len(words) - 1, -1, -1):
        lower = words[index].lower()
        if lower in TITLES:
            flags[index] = bool(following) and following not in INSTITUTIONS
        else:
            following = lower
    if words[0].lower() == "general" and (len(words) == 2 or words[-1].lower() in ORG_HEADS):
        flags[0] = False
    return flags


def _clean(words: list[str], at_start: bool, titled: bool = False) -> tuple[str, bool]:
    """Trim what is not part of the name; '' when nothing is left; and whether a title came
    before it (`titled`: one did, before the run was cut)."""
    words = [tidy(word) for word in words]
    lowers = [word.lower() for word in words]
    start, end = 0, len(words)
    company = bool(lowers) and lowers[-1] in LEGAL_SUFFIXES  # 'First Boston Corp' keeps 'First'
    leading = _LEADING if at_start and not company else _LEADING_INSIDE
    while end - start > 1 and lowers[start] in leading and not _general_company(lowers, start):
        titled = titled or lowers[start] in PERSON_TITLES
        start += 1
        at_start = False
    while end > start and lowers[end - 1] in _TRAILING:
        end -= 1
    if start == end or (end - start == 1 and lowers[start] in STOP):
        return "", False
    if end - start == 1:
        return single(words[start], at_start, titled), titled
    return several(words[start:end], lowers[start:end]), titled


def _general_company(lowers: list[str], start: int) -> bool:
    """'General' opening 'General Motors', 'General Electric Co' or 'General Agreement on
    Tariffs and Trade' is part of the name; before a person's name ('General Mark Milley') not."""
    if lowers[start] != "general":
        return False  # before the slice below: a run of 'The The The ...' stays linear
    rest = lowers[start + 1 :]
    return len(rest) == 1 or rest[-1] in ORG_HEADS or any(w in INSTITUTIONS for w in rest)


def _define(mentions: Mentions, run: str, acronym: str) -> None:
    """Note that `acronym` stands for the name the run ends with, when its initials spell it."""
    letters = acronym.replace(".", "").replace("&", "")
    split = run.split()
    capitals = [
        i for i, word in enumerate(split) if word not in _JOINER_WORDS and word[:1].isupper()
    ]
    if len(letters) < 2 or len(letters) > len(capitals):
        return
    tail = capitals[-len(letters) :]
    if "".join(split[i][0] for i in tail) != letters.upper():
        return
    full = next(_names_in_run(" ".join(split[tail[0] :]), False), ("", False))[0]
    if full and full != acronym and full in mentions.counts:
        mentions.defined.setdefault(acronym, full)
