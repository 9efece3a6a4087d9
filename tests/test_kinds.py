"""newsdigest.names.kinds: a person, a place or an organisation, from the name alone."""

from __future__ import annotations

import pytest

from newsdigest.config import NAME_KINDS
from newsdigest.names.kinds import (
    KINDS,
    ORGANISATION,
    OTHER,
    PERSON,
    PLACE,
    country_of,
    initials,
    is_acronym,
    is_place,
    kind_of,
)


@pytest.mark.parametrize(
    "name",
    [
        "France",
        "The Netherlands",
        "Burma",
        "Kiev",
        "Abu Dhabi",
        "Ohio",
        "New Hampshire",
        "Calif.",
        "N.J",
        "Middle East",
        "Latin America",
        "Shanghai",
    ],
)
def test_the_gazetteer_s_places(name: str) -> None:
    assert kind_of(name) == PLACE and is_place(name)


@pytest.mark.parametrize(
    "name",
    [
        "Red Sea",
        "Gaza Strip",
        "Hubei Province",
        "Northern California",
        "Republic of Chad",
        "Central Station",
        "Fish Quay",
    ],
)
def test_the_shape_of_a_place_name(name: str) -> None:
    assert kind_of(name) == PLACE


@pytest.mark.parametrize(
    "name",
    [
        "Bank of England",
        "Labour Party",
        "Ministry of Defence",
        "Monetary Policy Committee",
        "International Monetary Fund",
        "Acme Widgets Inc",
        "Harbour Freight Ltd",
        "British Airways",
        "University of Leeds",
        "Securities and Exchange Commission",
        "Labour",
        "the Tories",
        "Nato",
    ],
)
def test_words_that_name_organisations(name: str) -> None:
    assert kind_of(name) == ORGANISATION


@pytest.mark.parametrize("name", ["IMF", "NATO", "U.N.", "BBC", "G7"])
def test_acronyms_are_organisations(name: str) -> None:
    assert is_acronym(name) and kind_of(name) == ORGANISATION


@pytest.mark.parametrize("name", ["US", "U.S.", "UK", "UAE", "USSR"])
def test_acronyms_of_places_are_places(name: str) -> None:
    assert kind_of(name) == PLACE


@pytest.mark.parametrize(
    "name",
    [
        "Gordon Brown",
        "Angela Merkel",
        "George W Bush",
        "John F. Kennedy",
        "Mikhail Gorbachev",
        "Ludwig van Beethoven",
        "Ngozi Okonjo",
        "Gorbachev",
        "Kowalski",
    ],
)
def test_the_shape_of_a_person_s_name(name: str) -> None:
    assert kind_of(name) == PERSON


@pytest.mark.parametrize(
    "name", ["Olympics", "Brown", "National Lottery Draw", "Official Bulletin", "Eurovision", ""]
)
def test_when_no_rule_speaks_the_kind_is_other(name: str) -> None:
    assert kind_of(name) == OTHER


def test_a_given_name_alone_is_no_person() -> None:
    """'Jordan' or 'Georgia' alone may be places: one word needs a surname's shape."""
    assert kind_of("Gordon") == OTHER
    assert kind_of("Georgia") == PLACE


def test_an_organisation_word_beats_a_given_name() -> None:
    assert kind_of("Ted Bates Worldwide") == ORGANISATION
    assert kind_of("Victoria Hospital") == ORGANISATION


def test_a_given_name_beats_a_place_word() -> None:
    """'Tower' ends place names, but John Tower was a senator."""
    assert kind_of("John Tower") == PERSON
    assert kind_of("Tower Bridge") == PLACE


def test_a_gazetteer_place_beats_an_organisation_word() -> None:
    """'Bank' names banks, but the West Bank is a place."""
    assert kind_of("West Bank") == PLACE


def test_other_names_of_countries() -> None:
    assert country_of("US") == country_of("U.S.") == country_of("America") == "United States"
    assert country_of("Burma") == "Myanmar" and country_of("U.K") == "United Kingdom"
    assert country_of("France") is None and country_of("Soviet Union") is None


def test_a_state_s_dateline_abbreviation_is_the_state() -> None:
    assert country_of("Tex") == country_of("Tex.") == "Texas"
    assert country_of("Calif") == "California" and country_of("N.J") == "New Jersey"
    assert country_of("Penn") is None  # also a surname: left alone


def test_initials_leave_out_joining_words() -> None:
    assert initials("International Monetary Fund") == "IMF"
    assert initials("Bank of England") == "BE"
    assert initials("Reuters") == ""


def test_config_knows_the_same_kinds() -> None:
    """config may not import names/, so it keeps its own list for names.toml."""
    assert NAME_KINDS == KINDS


def test_a_nationality_word_first_is_no_person() -> None:
    assert kind_of("French Treasury") == OTHER
    assert kind_of("Latin American") == OTHER and kind_of("North American") == OTHER


def test_two_unknown_words_with_a_place_in_them_are_no_person() -> None:
    """Two words that read as no English word are taken for a person, unless one is a place
    or ends place names: 'Gulf War', 'Coast Watch'."""
    assert kind_of("Gulf War") == OTHER and kind_of("Coast Watch") == OTHER
    assert kind_of("Banque Paribas") == ORGANISATION
    assert kind_of("Hisham Nazer") == PERSON


def test_no_initials_for_a_name_holding_an_acronym() -> None:
    assert initials("EST Feb") == "" and initials("Jean-Claude Paye") == "JP"
