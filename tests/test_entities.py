"""newsdigest.site.entities: names merged across the site, given kinds, and the names index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdigest.config import NameSettings, SiteConfig
from newsdigest.model import Article
from newsdigest.site import assemble
from newsdigest.site.entities import (
    MIN_ARTICLES,
    MergedNames,
    merge_names,
    name_index,
    plurals_of,
)
from newsdigest.site.taxonomy import MIN_ENTITY_ARTICLES, entity_terms

NEWEST = datetime(2025, 3, 14, 12, tzinfo=UTC)


def article(slug: str, *entities: str, hours_ago: int = 0) -> Article:
    when = NEWEST - timedelta(hours=hours_ago)
    return Article(Path(f"{slug}.md"), slug, when, slug, "s", "<p>b</p>", 1, entities=entities)


NOTHING = NameSettings()


def merged(*articles: Article, settings: NameSettings = NOTHING) -> MergedNames:
    return merge_names(articles, settings, {})


def shown(names: MergedNames, name: str) -> str:
    """The name shown for the page a name of an article goes to; '' for none."""
    slug = names.term_of[name]
    return names.shown[slug] if slug else ""


def test_singular_and_plural_are_one_name_the_commoner_shown() -> None:
    names = merged(
        article("a", "Olympics"),
        article("b", "Olympics"),
        article("c", "Olympic"),
        article("d", "Tory"),
        article("e", "Tories"),
        article("f", "Tories"),
    )
    assert shown(names, "Olympic") == shown(names, "Olympics") == "Olympics"
    assert shown(names, "Tory") == shown(names, "Tories") == "Tories"


def test_a_plural_tied_with_its_singular_merges_into_it() -> None:
    names = merged(article("a", "Conservative"), article("b", "Conservatives"))
    assert shown(names, "Conservatives") == "Conservative"


def test_people_are_never_merged_as_plurals() -> None:
    """'William' (a prince) and 'Williams' (a surname) are two people."""
    names = merged(article("a", "Rowan William"), article("b", "Rowan Williams"))
    assert shown(names, "Rowan William") == "Rowan William"
    assert shown(names, "Rowan Williams") == "Rowan Williams"


def test_plurals_of_a_name() -> None:
    assert plurals_of("Tory") == ("Torys", "Tories")
    assert plurals_of("Olympic") == ("Olympics",)
    assert plurals_of("Olympics") == () and plurals_of("IMF") == ()


def test_a_surname_is_the_one_person_of_the_site_so_named() -> None:
    names = merged(article("a", "Gordon Brown"), article("b", "Brown"), article("c", "Brown"))
    assert shown(names, "Brown") == "Gordon Brown"
    assert names.kinds[names.term_of["Brown"]] == "person"


def test_a_surname_two_people_share_stays_apart() -> None:
    names = merged(article("a", "Gordon Brown"), article("b", "James Brown"), article("c", "Brown"))
    assert shown(names, "Brown") == "Brown"


def test_a_surname_that_is_a_place_is_not_merged_into_a_person() -> None:
    names = merged(article("a", "George Washington"), article("b", "Washington"))
    assert shown(names, "Washington") == "Washington"


def test_an_acronym_is_the_one_organisation_it_abbreviates() -> None:
    names = merged(
        article("a", "International Monetary Fund"),
        article("b", "IMF"),
        article("c", "MPC", "Monetary Policy Committee"),
    )
    assert shown(names, "IMF") == "International Monetary Fund"
    assert shown(names, "MPC") == "Monetary Policy Committee"


def test_an_acronym_two_names_share_stays_apart() -> None:
    names = merged(
        article("a", "European Commission"), article("b", "European Community"), article("c", "EC")
    )
    assert shown(names, "EC") == "EC"


def test_other_names_of_a_country_are_the_country() -> None:
    names = merged(article("a", "US"), article("b", "U.S."), article("c", "America"))
    assert {shown(names, n) for n in ("US", "U.S.", "America")} == {"United States"}
    assert names.kinds[names.term_of["US"]] == "place"


def test_a_state_s_abbreviation_is_the_state() -> None:
    names = merged(article("a", "Houston", "Tex"), article("b", "Texas"), article("c", "Tex"))
    assert shown(names, "Tex") == shown(names, "Texas") == "Texas"


def test_the_editor_s_aliases_win_over_every_rule() -> None:
    settings = NameSettings(aliases=(("Brown", "Gordon Brown"), ("Tories", "Conservative Party")))
    names = merged(
        article("a", "Gordon Brown"),
        article("b", "James Brown"),
        article("c", "Brown"),
        article("d", "Tory", "Tories"),
        settings=settings,
    )
    assert shown(names, "Brown") == "Gordon Brown"
    assert shown(names, "Tories") == shown(names, "Tory") == "Conservative Party"


def test_the_editor_s_never_list_leaves_a_name_out_with_what_merges_into_it() -> None:
    settings = NameSettings(never=("Century",))
    names = merged(article("a", "Century", "Centuries"), settings=settings)
    assert names.term_of["Century"] == "" and names.term_of["Centuries"] == ""
    assert "century" not in names.shown


def test_the_editor_s_kinds_win() -> None:
    settings = NameSettings(kinds=(("Jordan", "person"), ("Reuters", "other")))
    names = merged(
        article("a", "Jordan", "Reuters"), article("b", "Jordan", "Reuters"), settings=settings
    )
    assert names.kinds["jordan"] == "person" and names.kinds["reuters"] == "other"


def test_a_merged_name_takes_the_kind_a_spelling_gives() -> None:
    names = merged(article("a", "Ruritania Ltd", "Ruritania"), article("b", "Ruritania"))
    assert names.kinds[names.term_of["Ruritania"]] == "other"  # two things: not merged
    names = merged(article("a", "Upper Volta"), article("b", "Burkina Faso"))
    assert names.kinds["burkina-faso"] == "place"
    settings = NameSettings(aliases=(("U.S.", "Yankeeland"),))
    names = merged(article("a", "U.S."), article("b", "Yankeeland"), settings=settings)
    assert names.kinds["yankeeland"] == "place"


def test_the_editor_s_other_is_not_overruled_by_a_merged_spelling() -> None:
    settings = NameSettings(aliases=(("US", "Uncle Sam"),), kinds=(("Uncle Sam", "other"),))
    names = merged(article("a", "US"), article("b", "Uncle Sam"), settings=settings)
    assert names.kinds["uncle-sam"] == "other"


def test_only_names_that_may_get_a_page_get_a_kind() -> None:
    names = merged(article("a", "Gordon Brown"), article("b", "Angela Merkel"))
    assert names.kinds == {}
    assert MIN_ARTICLES == MIN_ENTITY_ARTICLES


def test_two_articles_make_a_page_only_once_merged() -> None:
    articles = (article("a", "Olympic"), article("b", "Olympics"), article("c", "Nordbahn"))
    names = merge_names(articles, NameSettings(), {})
    terms = entity_terms(articles, SiteConfig(root=Path("s")), names)
    assert [(t.name, len(t.articles), t.name_kind) for t in terms] == [("Olympic", 2, "other")]


def test_an_article_naming_one_thing_twice_counts_once() -> None:
    articles = (article("a", "US", "United States"), article("b", "Ruritania"))
    names = merge_names(articles, NameSettings(), {})
    assert entity_terms(articles, SiteConfig(root=Path("s")), names) == ()


def test_the_names_index_groups_by_kind_then_letter() -> None:
    articles = tuple(
        article(str(n), "Gordon Brown", "Bank of England", "Berlin", "Angela Merkel", "Olympics")
        for n in range(2)
    )
    names = merge_names(articles, NameSettings(), {})
    groups = name_index(entity_terms(articles, SiteConfig(root=Path("s")), names))
    assert [(g.kind, g.heading, g.count) for g in groups] == [
        ("person", "People", 2),
        ("place", "Places", 1),
        ("organisation", "Organisations", 1),
        ("other", "Other", 1),
    ]
    people = groups[0].letters
    assert [(x.letter, x.anchor, [t.name for t in x.terms]) for x in people] == [
        ("A", "person-a", ["Angela Merkel"]),
        ("G", "person-g", ["Gordon Brown"]),
    ]


def test_an_article_links_each_name_to_its_merged_page() -> None:
    config = SiteConfig(root=Path("s"), names=NameSettings(never=("Stay",)))
    articles = (
        article("a", "Gordon Brown", "Stay", hours_ago=1),
        article("b", "Brown", "Olympic"),
        article("c", "Olympics", "Olympic"),
    )
    site, problems = assemble(config, articles, ())
    assert problems == []
    assert site.term_label("entities", "Brown") == ("Gordon Brown", "entities/gordon-brown/")
    assert site.term_label("entities", "Olympic") == ("Olympic", "entities/olympic/")
    assert site.term_path("entities", "Olympics") == "entities/olympic/"
    assert site.term_label("entities", "Stay") is None
    assert [t.name for t in site.entities] == ["Gordon Brown", "Olympic"]


def test_names_toml_problems_are_warnings_naming_file_and_line() -> None:
    config = SiteConfig(root=Path("s"), names=NameSettings(problems=((4, "bad kind"),)))
    _, problems = assemble(config, (), ())
    assert [(p.path, p.line, p.message, p.severity) for p in problems] == [
        (Path("s/names.toml"), 4, "bad kind", "warning")
    ]


def test_the_surname_rule_trusts_only_a_surely_full_name() -> None:
    """'Amapa State' has a person's shape only loosely: 'State' is not its surname."""
    names = merged(article("a", "Hisham Nazer"), article("b", "Nazer"), article("c", "Amapa State"))
    assert shown(names, "Nazer") == "Nazer"
    names = merged(article("a", "John Johnstone Jr"), article("b", "Johnstone"))
    assert shown(names, "Johnstone") == "John Johnstone Jr"


def test_short_acronyms_and_roman_numerals_are_not_merged_by_initials() -> None:
    names = merged(article("a", "Daily Journal", "DJ"), article("b", "Ionic Industries Inc", "III"))
    assert shown(names, "DJ") == "DJ" and shown(names, "III") == "III"


def test_a_lone_word_of_no_kind_is_the_company_whose_name_has_it() -> None:
    names = merged(
        article("a", "Moody’s Investors Service Inc"),
        article("b", "Moody"),
        article("c", "Moody", "Standard and Poor’s Corp"),
        article("d", "Poor"),
        article("e", "Tasco Group Inc", "Tasco Leasing Inc", "Tasco Leasing Inc"),
        article("f", "Tasco"),
    )
    assert shown(names, "Moody") == "Moody’s Investors Service Inc"
    assert shown(names, "Poor") == "Standard and Poor’s Corp"
    assert shown(names, "Tasco") in ("Tasco Group Inc", "Tasco Leasing Inc")  # one firm's units


def test_a_lone_word_is_not_merged_into_a_company_it_may_not_be() -> None:
    names = merged(
        article("a", "First National Bank of Oslund Inc"),
        article("b", "Oslund"),
        article("c", "Vika Holdings Inc", "Lund Vika Ltd"),
        article("d", "Vika"),
        article("e", "Paris Mining Corp"),
        article("f", "Paris"),
        article("g", "Paris"),
    )
    assert shown(names, "Oslund") == "Oslund"  # after 'of': a place the bank is in
    assert shown(names, "Vika") == "Vika"  # two firms that begin apart
    assert shown(names, "Paris") == "Paris"  # a place, not a word of no kind
