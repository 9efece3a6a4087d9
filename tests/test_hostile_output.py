"""The output folder's journal and manifest are read back from disk, so they are input too
(issue 13, item 10): an entry naming a path outside the folder is never followed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsdigest.disk import beside
from newsdigest.output.write import OUTPUT_MANIFEST, recover, write_site

SECRET = b"root:x:0:0 -- a file outside the site"


def journal_path(out: Path) -> Path:
    return beside(out, "staging") / "journal.json"


def crafted_journal(out: Path, moves: object, removals: object = ()) -> None:
    staging = beside(out, "staging") / "999999.crafted"
    staging.mkdir(parents=True)
    journal = {"staging": staging.name, "moves": moves, "removals": list(removals)}  # type: ignore[call-overload]
    journal_path(out).write_text(json.dumps(journal), encoding="utf-8")


@pytest.mark.parametrize(
    "name", ["../../../secret.txt", "/abs/secret.txt", "..", "tmpabc.tmp/../../../secret.txt"]
)
def test_a_journal_move_from_outside_staging_is_not_made(tmp_path: Path, name: str) -> None:
    out = tmp_path / "site" / "public"
    write_site(out, [("index.html", b"home")])
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    crafted_journal(out, [[name, "stolen.txt"], [str(secret), "stolen2.txt"]])
    recover(out)
    assert not (out / "stolen.txt").exists() and not (out / "stolen2.txt").exists()
    assert secret.read_bytes() == SECRET
    assert not journal_path(out).exists()


def test_a_journal_move_to_outside_the_folder_is_not_made(tmp_path: Path) -> None:
    out = tmp_path / "site" / "public"
    write_site(out, [("index.html", b"home")])
    staging = beside(out, "staging") / "999999.crafted"
    crafted_journal(out, [["tmpabcdef.tmp", "../outside.txt"]])
    (staging / "tmpabcdef.tmp").write_bytes(b"planted")
    recover(out)
    assert not (tmp_path / "site" / "outside.txt").exists()


@pytest.mark.parametrize("moves", [None, "moves", [["a"]], [[1, 2]], {"a": "b"}])
def test_a_malformed_journal_is_dropped_not_a_crash(tmp_path: Path, moves: object) -> None:
    out = tmp_path / "site" / "public"
    write_site(out, [("index.html", b"home")])
    crafted_journal(out, moves, removals=[7, None])
    report = write_site(out, [("index.html", b"home2")])
    assert report.changed == ("index.html",)
    assert (out / "index.html").read_bytes() == b"home2"


def test_a_manifest_entry_through_a_link_out_of_the_folder_is_not_removed(tmp_path: Path) -> None:
    out = tmp_path / "site" / "public"
    write_site(out, [("index.html", b"home")])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_bytes(SECRET)
    os.symlink(elsewhere, out / "linked")
    manifest = json.loads((out / OUTPUT_MANIFEST).read_text(encoding="utf-8"))
    manifest["files"].append("linked/precious.txt")
    (out / OUTPUT_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    write_site(out, [("index.html", b"home")])
    assert (elsewhere / "precious.txt").read_bytes() == SECRET
