"""What a name is: a person, a place or an organisation, from the name alone. Pure.

The site sees names, not sentences: a title before a name ('President ...') is not there to
read. So the rules work from the name's own words and general tables: the gazetteer
(`places.py`), words that organisations are named with ('Bank', 'Party', 'Inc'), acronyms
(organisations, unless a known place such as 'US' or 'UAE'), and for people, two or more
capitalised words whose first is a common given name (`given.py`) or whose shape says person
('John F. Kennedy', 'Mikhail Gorbachev'). When no rule speaks, the kind is OTHER: shown under
its own heading rather than guessed.
"""

from __future__ import annotations

import re
from typing import Final

from newsdigest.text import word_list

from .given import GIVEN_NAMES
from .places import COUNTRY_ALIASES, PLACE_ACRONYMS, PLACES, STATE_ALIASES

PERSON: Final = "person"
PLACE: Final = "place"
ORGANISATION: Final = "organisation"
OTHER: Final = "other"
KINDS = (PERSON, PLACE, ORGANISATION, OTHER)
"""Every kind, in the order the names index shows them."""

_ORGANISATION_WORDS = frozenset(
    word_list(
        """
    bank banks party ministry department committee fund council union association inc corp
    corporation co company companies ltd limited plc llc ag sa nv gmbh group holdings
    airlines airline airways university college school institute institution commission
    agency authority board bureau office organisation organization federation league club
    foundation trust society church army navy force forces police court parliament congress
    senate assembly government cabinet administration exchange markets securities
    industries international systems technologies motors petroleum oil energy electric
    telecom communications partners capital investments bancorp financial insurance transit
    transport media studios pictures records laboratories software pharmaceuticals chemicals
    foods stores brands ventures enterprises banque banco banca industrie compagnie societe
    gruppo groupe guard spa telegraph
    railways railway news times post journal herald press television radio broadcasting
    network reuters museum hospital service services secretariat alliance coalition front
    movement brigade brigades worldwide
    """
    )
)
"""Words that name an organisation wherever they stand in a name: 'Bank of England'."""

_ORGANISATION_NAMES = frozenset(
    word_list(
        """
    labour tory tories conservative conservatives democrat democrats republican republicans
    liberal liberals socialist socialists communist communists greens nato opec otan
    unesco unicef unhcr fifa uefa nasa interpol eurostat eurozone gatt comecon asean
    mercosur hamas hezbollah taliban pentagon kremlin
    """
    )
)
"""Organisations named by one word that carries no organisation word: parties as people call
them ('Labour', 'the Tories'), and international bodies spelt as words ('Nato', 'Opec')."""

_PLACE_WORDS = frozenset(
    word_list(
        """
    river sea ocean island islands isles mountains mountain valley gulf bay strait straits
    lake peninsula province county city town village district region coast desert
    canal street avenue square heights plain plains hills delta basin republic kingdom
    emirate territory territories station quay pier harbour harbor port bridge park road lane
    market hall stadium arena centre center tower castle palace cathedral airport wharf dock
    docks beach falls forest house
    """
    )
)
"""Last words of place names: 'Red Sea', 'Gaza Strip', 'Hubei Province'."""

_DIRECTIONS = frozenset(
    word_list("north south east west northern southern eastern western central greater upper")
)
_PARTICLES = frozenset(word_list("van von de da del der di du la le bin ibn al el ben mac"))
_FAMILY_PARTICLES = frozenset(word_list("van von de da der bin ibn ben"))
"""Inside a name, these say a family name follows: 'Ludwig van Beethoven', 'Osama bin Laden'."""
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$|^[A-Z][A-Z0-9&]{1,6}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_CAPITALISED = re.compile(r"^[A-Z][a-z'’-]*[a-z]$|^(?:Mc|Mac|O')[A-Z][a-z]+$")
_SURNAME_ENDINGS = re.compile(
    r"(?:ov|ova|ev|eva|sky|ski|ska|enko|ovic|evic|escu|opoulos|idis|sson|sen|stein|berg"
    r"|mann|ez|shvili|yan)$"
)

_ENGLISH_WORD = re.compile(
    r"(?:al|ment|ments|tion|tions|sion|ing|ings|ity|ics|ance|ence|ive|ary|ery|ous|ful|ness"
    r"|ship|ure|ures|age|ism|ist|ists|ors|ers|ies|ed|ly|est)$|^(?:new|old|big|fed|first|"
    r"great|high|low|top|free|open|royal|grand|home|world|global|prime|best|data|net)$"
)
"""Words that read as English rather than as someone's name: the endings of common nouns and
adjectives ('National', 'Management'), and short words news capitalises in names of things.
Two capitalised words with none of them are taken for a person's names ('Hisham Nazer')."""

_ADJECTIVE = re.compile(
    r"(?:ican|ian|ean|ese|ish|ch|ic)$|^(?:thai|saudi|iraqi|israeli|pakistani|kuwaiti|yemeni"
    r"|omani|qatari|bangladeshi|somali|nepali|afghani|emirati|azeri|bahraini)$"
)
"""Endings of nationality words, which open names of things: 'French Treasury', 'Thai Airways'."""


def kind_of(name: str) -> str:
    """PERSON, PLACE, ORGANISATION or OTHER for a name as the site shows it."""
    words = name.replace(",", " ").split()
    if not words:
        return OTHER
    lowered = [word.lower().strip(".") for word in words]
    if is_place(name):
        return PLACE
    if any(word in _ORGANISATION_WORDS for word in lowered) or lowered[-1] in _ORGANISATION_NAMES:
        return ORGANISATION
    if len(words) == 1 and len(name) > 6 and lowered[0].endswith("bank"):  # 'Bundesbank'
        return ORGANISATION
    if is_acronym(name):
        return PLACE if _bare(name) in PLACE_ACRONYMS else ORGANISATION
    if _shaped_as_place(words, lowered):
        return PLACE
    if _shaped_as_person(words, lowered):
        return PERSON
    return OTHER


def is_place(name: str) -> bool:
    """Whether the gazetteer names it: a country (or its usual short name), capital, US
    state, continent, big region or big city. 'The' in front and a last dot are ignored."""
    trimmed = name.removeprefix("The ").removesuffix(".")
    return trimmed in PLACES or _bare(name) in PLACE_ACRONYMS


def is_acronym(name: str) -> bool:
    """'IMF', 'U.N.', 'G7': capitals (and dots or digits) only, two to six letters."""
    return " " not in name and bool(_ACRONYM.match(name))


def country_of(name: str) -> str | None:
    """The country, or US state, another name of it stands for: 'US' -> 'United States',
    'Tex' -> 'Texas'; None otherwise."""
    return (
        COUNTRY_ALIASES.get(name)
        or COUNTRY_ALIASES.get(_dotted(name))
        or COUNTRY_ALIASES.get(name + ".")  # 'U.K' where a sentence ate the last dot
        or STATE_ALIASES.get(name.rstrip("."))
    )


def initials(name: str) -> str:
    """The acronym a name of capitalised words would have: 'International Monetary Fund' ->
    'IMF'; joining words ('of', 'and', 'the') are left out. Empty for a one-word name, and
    for one holding an acronym or an initial ('EST Feb', 'E.F. Hutton'): no acronym of it."""
    words = [w for w in name.split() if w[:1].isupper()]
    if len(words) < 2 or any(not any(c.islower() for c in w) for w in words):
        return ""
    return "".join(w[0] for w in words)


def _bare(name: str) -> str:
    return name.replace(".", "")


def _dotted(name: str) -> str:
    """'US' -> 'U.S.', so either spelling finds the table's entry."""
    return "".join(f"{char}." for char in name) if name.isalpha() and name.isupper() else name


def _shaped_as_place(words: list[str], lowered: list[str]) -> bool:
    """'Red Sea', 'Province of Hubei', 'Northern California', 'Republic of Chad'."""
    if len(words) < 2 or (len(words) == 2 and lowered[0] in GIVEN_NAMES):  # 'John Tower'
        return False
    if lowered[-1] in _PLACE_WORDS or (lowered[0] in _PLACE_WORDS and lowered[1] == "of"):
        return True
    return lowered[0] in _DIRECTIONS and is_place(" ".join(words[1:]))


def is_full_name(name: str) -> bool:
    """Whether a name of two to four words is surely a person's full name: its first word a
    given name, or an initial or family particle in the middle ('John F. Kennedy', 'Osama bin
    Laden'), or its last word a surname's ending ('Mikhail Gorbachev'). The site's surname
    rule trusts only these."""
    words = name.split()
    return 2 <= len(words) <= 4 and _names_a_person(words, [w.lower() for w in words], False)


def _shaped_as_person(words: list[str], lowered: list[str]) -> bool:
    """A full name (see is_full_name), two capitalised words that read as no English word
    ('Hisham Nazer'), or one word with a surname's ending ('Gorbachev')."""
    if len(words) == 1:
        return _looks_like_surname(words[0])
    return 2 <= len(words) <= 4 and _names_a_person(words, lowered, True)


def _names_a_person(words: list[str], lowered: list[str], loosely: bool) -> bool:
    for word, low in zip(words, lowered, strict=True):
        if not (_CAPITALISED.match(word) or _INITIAL.match(word) or low in _PARTICLES):
            return False
    if lowered[0] in GIVEN_NAMES:
        return True
    middle_initial = len(words) == 3 and bool(_INITIAL.match(words[1]))
    family_particle = any(low in _FAMILY_PARTICLES for low in lowered[1:-1])
    if middle_initial or family_particle or _SURNAME_ENDINGS.search(lowered[-1]):
        return True
    if not loosely or len(words) != 2 or any(_ADJECTIVE.search(low) for low in lowered):
        return False
    placed = any(w in PLACES or low in _PLACE_WORDS for w, low in zip(words, lowered, strict=True))
    return not placed and not any(_ENGLISH_WORD.search(low) for low in lowered)


def _looks_like_surname(word: str) -> bool:
    """One word with a surname ending of several languages: 'Gorbachev', 'Kowalski'."""
    return bool(_CAPITALISED.match(word)) and len(word) > 5 and bool(_SURNAME_ENDINGS.search(word))
