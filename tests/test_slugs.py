"""newsdigest.slugs: readable ASCII slugs, suffixes within MAX_SLUG, slugs from file names."""

from __future__ import annotations

import re

import pytest

from newsdigest.slugs import MAX_SLUG, slug_from_file_name, slugify, suffixed

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Trump Claims 'Very Good Chance'", "trump-claims-very-good-chance"),
        ("Putin's Meeting", "putins-meeting"),
        ("Café Society Reopens", "cafe-society-reopens"),
        ("Zürich: 5 Ways — Ranked!", "zurich-5-ways-ranked"),
        ("Ελλάδα", "ellada"),
        ("北京", "bei-jing"),
        ("东京Olympics", "dong-jing-olympics"),
        ("  --Spaced   out--  ", "spaced-out"),
        ("COVID-19", "covid-19"),
    ],
)
def test_slugify(title: str, expected: str) -> None:
    assert slugify(title) == expected


def test_a_long_title_is_cut_at_a_hyphen_within_max_slug() -> None:
    title = " ".join(["Kremlin"] + ["negotiations"] * 10)  # 7 + 10 * 13 characters as a slug
    full = re.sub(r"\s+", "-", title.lower())
    slug = slugify(title)
    assert len(slug) <= MAX_SLUG
    assert full.startswith(slug + "-")  # whole words only
    assert slug == "kremlin-" + "-".join(["negotiations"] * 5)


def test_a_title_of_exactly_max_slug_is_kept_whole() -> None:
    title = "a" * (MAX_SLUG - 2) + " b"
    assert slugify(title) == "a" * (MAX_SLUG - 2) + "-b"


def test_a_single_word_longer_than_max_slug_is_cut_at_max_slug() -> None:
    assert slugify("x" * 200) == "x" * MAX_SLUG


@pytest.mark.parametrize("title", ["", "   ", "!!!", "—", "«»"])
def test_never_empty(title: str) -> None:
    slug = slugify(title)
    assert re.fullmatch(r"article-[0-9a-f]{8}", slug)
    assert slugify(title) == slug


def test_titles_without_letters_get_different_slugs() -> None:
    assert slugify("!!!") != slugify("???")


@pytest.mark.parametrize("title", ["Ünïcödé", "日本語のニュース", "Москва", "a\u0301b", "x" * 81])
def test_always_safe(title: str) -> None:
    slug = slugify(title)
    assert slug.isascii() and SAFE.fullmatch(slug) and len(slug) <= MAX_SLUG


@pytest.mark.parametrize(
    ("slug", "suffix", "expected"),
    [
        ("same-title", "2", "same-title-2"),
        ("same-title", "a1b2c3", "same-title-a1b2c3"),
        ("a" * MAX_SLUG, "2", "a" * (MAX_SLUG - 2) + "-2"),
        ("a" * 75 + "-" + "b" * 10, "abc", "a" * 75 + "-abc"),  # no '--' where the cut meets
    ],
)
def test_suffixed(slug: str, suffix: str, expected: str) -> None:
    result = suffixed(slug, suffix)
    assert result == expected
    assert len(result) <= MAX_SLUG


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("2025-03-14-Some-Title", "some-title"),
        ("Some-Title", "some-title"),
        ("2025-03-14-2025-03-15-twice", "2025-03-15-twice"),
        ("2025-3-14-short-date", "2025-3-14-short-date"),
        ("2025-03-14", "2025-03-14"),
        ("draft-2025-03-14-x", "draft-2025-03-14-x"),
    ],
)
def test_slug_from_file_name(stem: str, expected: str) -> None:
    assert slug_from_file_name(stem) == expected
