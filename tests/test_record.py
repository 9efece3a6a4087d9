"""newsdigest.ingest.record: ingest's record of the pages it wrote, read and written as JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsdigest.ingest.record import VERSION, Entry, parse_record, record_bytes, safe_page_name

ENTRY = Entry("a.txt", "seedhash", "pagehash", "some-title", ("https://x.example/a", "some title"))
NOTED = Entry("b.txt", "s2", "p2", "other", ("other",), ((3, "warning: no date"), (7, "note")))


def record_text(pages: dict[str, Any], version: object = VERSION) -> str:
    return json.dumps({"version": version, "pages": pages})


def raw(entry: Entry) -> dict[str, Any]:
    return json.loads(record_bytes({"x.md": entry}))["pages"]["x.md"]  # type: ignore[no-any-return]


def test_a_missing_record_is_empty_and_missing() -> None:
    assert parse_record(None) == ({}, "missing")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "{",
        "null",
        "[]",
        '"pages"',
        '{"version": 3}',
        '{"version": 3, "pages": []}',
        '{"version": 3, "pages": {"a.md": "text"}}',
        '{"version": 3, "pages": {"a.md": {"seed": "a.txt"}}}',
        '{"version": 3, "pages": {"a.md": {"seed": "a", "seed_sha256": "", "page_sha256": "",'
        ' "slug": "a", "identity": 5}}}',
        '{"version": 3, "pages": {"a.md": {"seed": "a", "seed_sha256": "", "page_sha256": "",'
        ' "slug": "a", "identity": [], "notes": [["x", "y"]]}}}',
    ],
)
def test_garbage_is_unreadable(text: str) -> None:
    assert parse_record(text) == ({}, "unreadable")


def test_record_bytes_round_trip() -> None:
    entries = {"2025-03-14-some-title.md": ENTRY, "2025-03-14-other.md": NOTED}
    assert parse_record(record_bytes(entries).decode("utf-8")) == (entries, "ok")


def test_record_bytes_are_stable_whatever_the_order() -> None:
    forward = record_bytes({"a.md": ENTRY, "b.md": NOTED})
    backward = record_bytes({"b.md": NOTED, "a.md": ENTRY})
    assert forward == backward
    assert forward.endswith(b"}\n")
    assert list(json.loads(forward)["pages"]) == ["a.md", "b.md"]
    assert json.loads(forward)["version"] == VERSION


def test_notes_are_written_only_when_there_are_some() -> None:
    assert "notes" not in raw(ENTRY)
    assert raw(NOTED)["notes"] == [[3, "warning: no date"], [7, "note"]]


def test_non_ascii_stays_readable() -> None:
    entry = Entry("путин.txt", "s", "p", "putin", ("Путин",))
    assert "путин.txt".encode() in record_bytes({"putin.md": entry})


@pytest.mark.parametrize("version", [VERSION - 1, None, "3"])
def test_another_version_keeps_entries_but_forgets_the_seed_hashes(version: object) -> None:
    text = record_text({"a.md": raw(ENTRY), "b.md": raw(NOTED)}, version)
    entries, status = parse_record(text)
    assert status == "ok"
    assert entries["a.md"].seed_sha256 == "" and entries["b.md"].seed_sha256 == ""
    assert entries["a.md"].page_sha256 == "pagehash"
    assert entries["a.md"].slug == "some-title"
    assert entries["b.md"].notes == NOTED.notes


def test_the_current_version_keeps_the_seed_hashes() -> None:
    entries, _ = parse_record(record_text({"a.md": raw(ENTRY)}))
    assert entries["a.md"].seed_sha256 == "seedhash"


UNSAFE = [
    "../x.md",
    "../../etc/passwd.md",
    "sub/x.md",
    "/abs.md",
    "a\\b.md",
    "..\\x.md",
    ".hidden.md",
    ".md",
    "x.txt",
    "x.md.bak",
    "",
]


@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_page_names_are_dropped(name: str) -> None:
    entries, status = parse_record(record_text({name: raw(ENTRY), "kept.md": raw(ENTRY)}))
    assert status == "ok"
    assert list(entries) == ["kept.md"]


@pytest.mark.parametrize("name", ["kept.md", "2025-03-14-title.md", "a.b.md", "путин.md"])
def test_safe_page_names(name: str) -> None:
    assert safe_page_name(name)
