"""newsdigest.ingest.merge: a seed's change merged into a page a person edited."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.ingest.merge import Conflict, merge_pages

KEYS = ("title", "date", "slug", "source", "source_url", "correction", "seed")


def page(fields: dict[str, str], paragraphs: list[str]) -> str:
    """A page as ingest writes one: front matter, a blank line, paragraphs."""
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    body = "\n\n".join(paragraphs)
    return f"---\n{head}---\n" + (f"\n{body}\n" if body else "")


def paragraphs_of(text: str) -> list[str]:
    body = text.split("\n---\n", 1)[1].strip("\n")
    return [block for block in body.split("\n\n") if block]


BASE = page(
    {"title": "Storm closes the harbour", "date": "2025-03-14", "seed": "a.txt"},
    ["The harbour closed on Friday.", "Ferries stayed in port.", "It reopens on Monday."],
)


def test_what_the_person_did_not_touch_takes_the_seeds_version() -> None:
    ours = BASE.replace("seed: a.txt\n", "seed: a.txt\ntags: [weather]\n").replace(
        "It reopens on Monday.", "It reopens on Monday, the port says."
    )
    theirs = BASE.replace("Storm closes", "Storm shuts").replace("Friday", "Thursday")
    merged = merge_pages(BASE, ours, theirs)
    assert merged is not None and merged.conflicts == ()
    assert merged.text == ours.replace("Storm closes", "Storm shuts").replace("Friday", "Thursday")


def test_a_paragraph_both_changed_keeps_the_persons_and_says_where() -> None:
    ours = BASE.replace("Ferries stayed in port.", "Ferries stayed in port all day.")
    theirs = BASE.replace("Ferries stayed in port.", "No ferry sailed.")
    merged = merge_pages(BASE, ours, theirs)
    assert merged is not None and merged.text == ours
    line = ours.split("\n").index("Ferries stayed in port all day.") + 1
    assert merged.conflicts == (
        Conflict(
            line,
            "kept your edit of paragraph 2; the seed now says 'No ferry sailed.'; merge by hand",
        ),
    )


def test_a_conflict_quotes_the_seed_where_it_differs_and_braces_are_text() -> None:
    long = "The port authority said on Friday that all ferries would stay in {port} until"
    base = BASE.replace("Ferries stayed in port.", f"{long} Monday.")
    ours = base.replace("until Monday.", "until Monday at noon.")
    theirs = base.replace("until Monday.", "until Tuesday.")
    merged = merge_pages(base, ours, theirs)
    assert merged is not None and merged.text == ours
    assert [c.message for c in merged.conflicts] == [
        "kept your edit of paragraph 2; the seed now says '…would stay in {port} until "
        "Tuesday.'; merge by hand"
    ]


def test_a_field_both_changed_keeps_the_persons_and_says_where() -> None:
    ours = BASE.replace("title: Storm closes the harbour", "title: The harbour shuts")
    theirs = BASE.replace("title: Storm closes the harbour", "title: Storm shuts the harbour")
    merged = merge_pages(BASE, ours, theirs)
    assert merged is not None and merged.text == ours
    assert merged.conflicts == (
        Conflict(
            2,
            "kept your edit of 'title'; the seed now says 'Storm shuts the harbour'; merge by hand",
        ),
    )


def test_a_removal_the_seed_changed_stays_removed_with_a_warning() -> None:
    ours = BASE.replace("Ferries stayed in port.\n\n", "")
    theirs = BASE.replace("Ferries stayed in port.", "No ferry sailed.")
    merged = merge_pages(BASE, ours, theirs)
    assert merged is not None and merged.text == ours
    assert [c.message for c in merged.conflicts] == [
        "kept your removal of a paragraph; the seed now says 'No ferry sailed.'; merge by hand"
    ]


def test_the_persons_blank_lines_and_yaml_form_are_kept() -> None:
    ours = BASE.replace("seed: a.txt\n", "seed: a.txt  # from the wire\ntags:\n- weather\n")
    ours = ours.replace("port.\n\nIt", "port.\n\n\n\nIt")
    theirs = BASE.replace("Friday", "Thursday")
    merged = merge_pages(BASE, ours, theirs)
    assert merged is not None and merged.text == ours.replace("Friday", "Thursday")


def test_front_matter_that_cannot_be_cut_by_field_is_not_merged() -> None:
    ours = BASE.replace("seed: a.txt\n", "seed: a.txt\n{flow: mapping}\n")
    assert merge_pages(BASE, ours, BASE.replace("Friday", "Thursday")) is None
    assert merge_pages(BASE, "no front matter\n", BASE.replace("Friday", "Thursday")) is None


# Random edits: each side keeps, rewrites, removes or adds after each paragraph and field.
OPS = ("keep", "rewrite", "remove", "add")


@dataclass(frozen=True)
class Plan:
    """A base page and what each side does to each of its paragraphs and fields."""

    fields: dict[str, str]
    paragraphs: list[str]
    ours: list[str]
    theirs: list[str]
    field_ours: list[str]
    field_theirs: list[str]


def edited(paragraphs: list[str], ops: list[str], side: str) -> list[str]:
    out: list[str] = []
    for index, (text, op) in enumerate(zip(paragraphs, ops, strict=True)):
        if op in ("keep", "add"):
            out.append(text)
        if op == "rewrite":
            out.append(f"{text} As {side} wrote it.")
        if op == "add":
            out.append(f"A paragraph {side} added after {index}.")
    return out


def edited_fields(fields: dict[str, str], ops: list[str], side: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for (key, value), op in zip(fields.items(), ops, strict=True):
        if op in ("keep", "add"):
            out[key] = value
        if op == "rewrite":
            out[key] = f"{value} by {side}"
        if op == "add":
            out[f"{side}_{key}"] = f"added by {side}"
    return out


@st.composite
def plans(draw: st.DrawFn, apart: bool) -> Plan:
    """`apart`: no paragraph or field is changed by both sides, the merge needs no choice."""
    size = draw(st.integers(0, 7))
    paragraphs = [
        f"Paragraph {i} says {draw(st.sampled_from(['one', 'two']))}." for i in range(size)
    ]
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=len(KEYS)))
    fields = {key: f"{key} value" for key in keys}

    def ops(count: int) -> tuple[list[str], list[str]]:
        ours = draw(st.lists(st.sampled_from(OPS), min_size=count, max_size=count))
        theirs = draw(st.lists(st.sampled_from(OPS), min_size=count, max_size=count))
        if apart:
            theirs = [t if o == "keep" else "keep" for o, t in zip(ours, theirs, strict=True)]
        return ours, theirs

    return Plan(fields, paragraphs, *ops(size), *ops(len(fields)))


def pages_of(plan: Plan) -> tuple[str, str, str]:
    base = page(plan.fields, plan.paragraphs)
    ours = page(
        edited_fields(plan.fields, plan.field_ours, "ours"),
        edited(plan.paragraphs, plan.ours, "ours"),
    )
    theirs = page(
        edited_fields(plan.fields, plan.field_theirs, "theirs"),
        edited(plan.paragraphs, plan.theirs, "theirs"),
    )
    return base, ours, theirs


@settings(max_examples=400, deadline=None)
@given(plans(apart=False))
def test_nothing_a_person_wrote_is_ever_lost(plan: Plan) -> None:
    base, ours, theirs = pages_of(plan)
    merged = merge_pages(base, ours, theirs)
    assert merged is not None
    written = [p for p in paragraphs_of(ours) if p not in paragraphs_of(base)]
    remaining = iter(paragraphs_of(merged.text))
    assert all(p in remaining for p in written)  # all of them, in the person's order
    lines = set(merged.text.split("\n"))
    base_lines = set(base.split("\n"))
    assert {line for line in ours.split("\n") if line not in base_lines} <= lines


@settings(max_examples=400, deadline=None)
@given(plans(apart=True))
def test_untouched_parts_follow_the_seed(plan: Plan) -> None:
    base, ours, theirs = pages_of(plan)
    merged = merge_pages(base, ours, theirs)
    assert merged is not None and merged.conflicts == ()
    assert _same_paragraphs(merged.text, plan)
    field_lines = [line for line in merged.text.split("\n---\n")[0].split("\n")[1:]]
    for (key, value), mine, seeds in zip(
        plan.fields.items(), plan.field_ours, plan.field_theirs, strict=True
    ):
        op, side = (mine, "ours") if mine != "keep" else (seeds, "theirs")
        for want_key, want in edited_fields({key: value}, [op], side).items():
            assert f"{want_key}: {want}" in field_lines
        if op in ("rewrite", "remove"):
            assert f"{key}: {value}" not in field_lines


def _same_paragraphs(text: str, plan: Plan) -> bool:
    """The merged paragraphs are each paragraph's owner's version, in base order."""
    expected: list[str] = []
    for index, (para, mine, seeds) in enumerate(
        zip(plan.paragraphs, plan.ours, plan.theirs, strict=True)
    ):
        op, side = (mine, "ours") if mine != "keep" else (seeds, "theirs")
        edited_one = edited([para], [op], side)
        expected.extend(p.replace("after 0.", f"after {index}.") for p in edited_one)
    return paragraphs_of(text) == expected


@settings(max_examples=200, deadline=None)
@given(plans(apart=False))
def test_an_untouched_page_takes_the_seed_and_an_unchanged_seed_keeps_the_page(
    plan: Plan,
) -> None:
    base, ours, theirs = pages_of(plan)
    assert merge_pages(base, base, theirs) == merge_pages(base, theirs, theirs)
    unchanged = merge_pages(base, ours, base)
    assert unchanged is not None and unchanged.text == ours and unchanged.conflicts == ()
