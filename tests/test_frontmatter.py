from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsdigest import frontmatter

MOSCOW = timezone(timedelta(hours=3))


def test_dump_then_split_gives_the_same_fields() -> None:
    meta = {
        "title": 'Café: «x» "y"',
        "date": datetime(2025, 3, 14, 9, 30, tzinfo=MOSCOW),
        "tags": [],
    }
    text = frontmatter.dump(meta, "Body *text*.")
    assert "date: 2025-03-14T09:30:00+03:00\n" in text
    fields, body, line = frontmatter.split(text)
    assert fields == {**meta, "date": "2025-03-14T09:30:00+03:00"}  # read by read_date
    assert frontmatter.read_date(fields["date"], MOSCOW) == meta["date"]
    assert body.strip() == "Body *text*."
    assert line == 6


def test_a_page_without_front_matter_is_all_body() -> None:
    assert frontmatter.split("# Hi\n") == ({}, "# Hi\n", 1)


def test_long_values_stay_on_one_line() -> None:
    text = frontmatter.dump({"summary": "word " * 100}, "")
    assert text.count("\n") == 3


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\ntitle: x\n", 1, "never closed"),
        ("---\ntitle: x\n  bad: [\n---\n", 3, "not valid YAML"),
        ("---\n- a\n- b\n---\n", 2, "must be 'key: value' lines"),
    ],
)
def test_errors_carry_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.split(text)
    assert caught.value.line == line
    assert fragment in caught.value.message
