"""newsdigest.site.update: the site model after a text edit, without assembling it again."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.pipeline.recorded import RecordedDependencies
from newsdigest.render.jobs import Dependency
from newsdigest.render.reads import Carried, Dependencies
from newsdigest.site import Site, assemble
from newsdigest.site.update import (
    ASSEMBLED_FIELDS,
    HEADLINE_FIELDS,
    text_edits,
    updated,
    with_articles,
)

CONFIG = SiteConfig(root=Path("site"), page_size=2)
START = datetime(2025, 3, 10, 6, tzinfo=UTC)
NAMES = ["Rotterdam", "Antwerp", "Maersk", "Jane Doe"]
WORDS = ["port", "strike", "dockers", "cranes", "talks", "ends"]

ARTICLES = st.lists(
    st.builds(
        lambda hours, title, names, tags, source: (hours, title, names, tags, source),
        st.integers(0, 96),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
        st.lists(st.sampled_from(NAMES), max_size=3, unique=True).map(tuple),
        st.lists(st.sampled_from(["business", "world"]), max_size=2, unique=True).map(tuple),
        st.sampled_from(["Wire", "Herald", ""]),
    ),
    min_size=1,
    max_size=9,
)
TEXT_FIELD_EDITS = [
    ("body_html", "<p>Edited.</p>"),
    ("word_count", 4321),
    ("image_caption", "A crane at dawn."),
    ("image_credit", "Photo desk"),
    ("correction", "An earlier version misspelt a name."),
    ("related", ("Dockers vote",)),
    ("source_url", "https://example.org/x"),
    ("seed", "other.txt"),
    ("digest", "edited"),
]
MODEL_FIELD_EDITS = {
    "source_path": Path("content/moved.md"),
    "title": "Another headline",
    "date": START - timedelta(days=3),
    "slug": "renamed",
    "summary": "Another lead.",
    "terms": "crane vote",
    "source": "Gazette",
    "tags": ("sport",),
    "entities": ("Oslo",),
    "pinned": True,
}
TEXT_EDITS = st.lists(
    st.tuples(st.integers(0, 8), st.sampled_from(TEXT_FIELD_EDITS)), min_size=1, max_size=4
)


def make_articles(
    specs: list[tuple[int, str, tuple[str, ...], tuple[str, ...], str]],
) -> list[Article]:
    return [
        Article(
            Path(f"content/a{index}.md"),
            title.capitalize(),
            START + timedelta(hours=hours),
            f"a{index}",
            f"{title} today.",
            f"<p>{title}</p>",
            100 + index,
            source=source,
            tags=tags,
            entities=names,
            terms=title,
            digest=f"d{index}",
        )
        for index, (hours, title, names, tags, source) in enumerate(specs)
    ]


def whole(site: Site) -> tuple[object, ...]:
    """Every field of the model, the ones left out of its == too."""
    return tuple(getattr(site, field.name) for field in dataclasses.fields(site))


def text_edited(
    specs: list[tuple[int, str, tuple[str, ...], tuple[str, ...], str]],
    edits: list[tuple[int, tuple[str, object]]],
) -> tuple[Site, list[Article], dict[str, Article]]:
    """A site assembled from `specs`, the articles after `edits` to text fields, and the
    edited ones by key (as text_edits finds them)."""
    original = make_articles(specs)
    articles = list(original)
    before, _ = assemble(CONFIG, tuple(articles), ())
    for index, (name, value) in edits:
        if index < len(articles):
            articles[index] = dataclasses.replace(articles[index], **{name: value})
    edited = text_edits(original, articles)
    assert edited is not None
    return before, articles, edited


@settings(max_examples=80, deadline=None)
@given(ARTICLES, TEXT_EDITS)
def test_a_text_edit_in_place_equals_assembling_again(specs, edits) -> None:  # type: ignore[no-untyped-def]
    before, articles, edited = text_edited(specs, edits)
    expected, _ = assemble(CONFIG, tuple(articles), (), story_memo=before.story_memo)
    assert whole(with_articles(before, edited, CONFIG)) == whole(expected)


@given(ARTICLES, st.integers(0, 8), st.sampled_from(sorted(MODEL_FIELD_EDITS)))
def test_an_edit_of_what_the_model_is_made_from_is_not_a_text_edit(specs, index, name) -> None:  # type: ignore[no-untyped-def]
    before = make_articles(specs)
    after = list(before)
    index %= len(after)
    after[index] = dataclasses.replace(after[index], **{name: MODEL_FIELD_EDITS[name]})
    assert text_edits(before, after) is None


HEADLINE_EDITS = st.lists(
    st.tuples(
        st.integers(0, 8),
        st.sampled_from(HEADLINE_FIELDS),
        st.lists(st.sampled_from([*WORDS, "crane", "vote"]), min_size=1, max_size=4).map(" ".join),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=120, deadline=None)
@given(ARTICLES, HEADLINE_EDITS, TEXT_EDITS)
def test_a_headline_edit_in_place_equals_assembling_again(specs, headlines, texts) -> None:  # type: ignore[no-untyped-def]
    """Headlines and leads order articles of one moment and weigh in stories and related
    lists: updated in place when those come out the same, else assembled again."""
    original = make_articles(specs)
    before, _ = assemble(CONFIG, tuple(original), ())
    articles = list(original)
    for index, name, words in headlines:
        if index < len(articles):
            articles[index] = dataclasses.replace(articles[index], **{name: words.capitalize()})
    for index, (name, value) in texts:
        if index < len(articles):
            articles[index] = dataclasses.replace(articles[index], **{name: value})
    expected, _ = assemble(CONFIG, tuple(articles), (), story_memo=before.story_memo)
    update = updated(before, original, articles, CONFIG)
    if update is None:  # only when the shape did change
        assert [a.key for a in expected.articles] != [a.key for a in before.articles] or (
            expected.story_memo.stories,  # type: ignore[union-attr]
            expected.story_memo.related,  # type: ignore[union-attr]
        ) != (before.story_memo.stories, before.story_memo.related)  # type: ignore[union-attr]
        return
    site, swapped = update
    assert whole(site) == whole(expected)
    assert swapped == {
        new.key for old, new in zip(original, articles, strict=True) if old is not new
    }


def test_every_article_field_is_either_a_model_field_or_tried_as_a_text_edit() -> None:
    """A new field of Article must be put on one side: then the tests above cover it."""
    text = {name for name, _ in TEXT_FIELD_EDITS}
    assert set(ASSEMBLED_FIELDS) == set(MODEL_FIELD_EDITS)
    assert text | set(ASSEMBLED_FIELDS) == {f.name for f in dataclasses.fields(Article)}


def test_unchanged_articles_are_no_edit_and_keep_the_model() -> None:
    articles = make_articles([(1, "port strike", ("Rotterdam",), (), "Wire")])
    site, _ = assemble(CONFIG, tuple(articles), ())
    assert text_edits(articles, list(articles)) == {}
    assert with_articles(site, {}, CONFIG) is site
    assert text_edits(articles, [*articles, *articles]) is None


def every_dependency(site: Site) -> list[Dependency]:
    """Every dependency a page of the site could read (see render/reads.py)."""
    keys = [a.key for a in site.articles]
    per_article = [
        (kind, key) for key in keys for kind in ("article", "body", "related", "reports")
    ]
    terms = [("term", term.kind, term.name) for term in site.terms]
    settings = [("setting", f.name) for f in dataclasses.fields(SiteConfig)]
    facets = [("site", facet) for facet in ("articles", "pages", "search", "assets")]
    paths = [("path", key) for key in keys]
    return [*per_article, *terms, *settings, *facets, *paths, ("layout", "base.html")]


@settings(max_examples=60, deadline=None)
@given(ARTICLES, TEXT_EDITS)
def test_values_carried_over_a_text_edit_equal_values_computed_again(specs, edits) -> None:  # type: ignore[no-untyped-def]
    """The preview keeps the last build's values after an edit swapped in place, computing
    only the suspects': what it ends with must be what computing every value gives."""
    before, _, edited = text_edited(specs, edits)
    after = with_articles(before, edited, CONFIG)
    known = tuple(every_dependency(after))
    then = Dependencies(before, lambda name: name).values(set(known))
    values = tuple(then[dependency] for dependency in known)
    computed = RecordedDependencies(known, values, Dependencies(after, lambda name: name))
    suspects = Carried(frozenset(edited)).suspects(known)
    current = Dependencies(after, lambda name: name)
    taken = RecordedDependencies(known, values, current, suspects)
    assert (taken.changed, taken.saved()) == (computed.changed, computed.saved())
