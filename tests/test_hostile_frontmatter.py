"""Hand-written front matter that once crashed or hung the build (issue 13, items 3, 4, 19).

Each bad page must come out as `file:line: what; what to do`, while the other pages of the
site are still loaded and built: no traceback, no memory blow-up.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, make_site

from newsdigest import frontmatter
from newsdigest.config import load_config
from newsdigest.content.load import load_file

BAD_DATES = [
    "2025-13-45",
    "2025-03-14 25:00:00",
    "0000-01-01",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "2025-02-30",
]

ALIAS_BOMB = "\n".join(
    [
        '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefg", "bcdefgh", strict=True)
        ),
        "title: *h\ndate: 2025-01-01\n---\n\nBody.\n",
    ]
)


def page(front: str, body: str = "Body.") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


def load(tmp_path: Path, name: str, text: str) -> tuple[object, list[str]]:
    site = make_site(tmp_path / "site")
    path = site / "content" / "articles" / name
    path.write_text(text, encoding="utf-8")
    loaded = load_file(load_config(site), path)
    return loaded.article, [f"{p.line}: {p.severity}: {p.message}" for p in loaded.problems]


@pytest.mark.parametrize("value", BAD_DATES)
def test_an_impossible_date_is_a_problem_on_its_line(tmp_path: Path, value: str) -> None:
    article, problems = load(tmp_path, "a.md", page(f"title: T\ndate: {value}"))
    assert article is None
    assert len(problems) == 1 and problems[0].startswith("3: error: 'date'")
    assert value in problems[0] and "ISO 8601" in problems[0]


@pytest.mark.parametrize(
    "value", ["2025-3-4 9:30:00", "2025-03-14", "2025-03-14T09:30:00+03:00", "'2025-03-14'"]
)
def test_every_form_of_yaml_date_is_still_read(tmp_path: Path, value: str) -> None:
    article, problems = load(tmp_path, "a.md", page(f"title: T\ndate: {value}"))
    assert problems == [] and article is not None


def test_a_five_thousand_digit_number_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    article, problems = load(tmp_path, "a.md", page(f"date: 2025-01-01\ntitle: {'9' * 5000}"))
    assert article is None
    assert problems == ["3: error: a number in the front matter has over 4,300 digits; quote it"]


def test_yaml_aliases_are_refused_before_they_expand(tmp_path: Path) -> None:
    article, problems = load(tmp_path, "bomb.md", ALIAS_BOMB)
    assert article is None
    assert problems == ["3: error: front matter uses a YAML alias (*a); write the value out"]


def test_an_asterisk_and_an_ampersand_in_text_are_not_aliases() -> None:
    meta, _, _ = frontmatter.split(page("title: 'AT&T * Verizon'\nsummary: Q&A *draft*"))
    assert meta == {"title": "AT&T * Verizon", "summary": "Q&A *draft*"}


def test_a_key_given_twice_is_a_warning_on_the_second(tmp_path: Path) -> None:
    text = page("title: First\ndate: 2025-01-01\ntitle: Second\nrelated:\n- One headline")
    article, problems = load(tmp_path, "a.md", text)
    assert problems == [
        "4: warning: 'title' is given twice; the last one is used, so remove the other"
    ]
    assert getattr(article, "title", None) == "Second"


def test_a_page_that_cannot_be_read_is_a_problem(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    path = site / "content" / "articles" / "gone.md"
    path.symlink_to(tmp_path / "nowhere.md")
    loaded = load_file(load_config(site), path)
    assert loaded.article is None
    assert [p.message for p in loaded.problems] == [
        "cannot be read (No such file or directory); check its permissions"
    ]


def test_a_build_of_every_bad_page_names_each_and_builds_the_rest(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    articles = site / "content" / "articles"
    for number, value in enumerate(BAD_DATES):
        (articles / f"bad-{number}.md").write_text(page(f"title: T\ndate: {value}"), "utf-8")
    (articles / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    (articles / "long.md").write_text(page(f"date: 2025-01-01\ntitle: {'9' * 5000}"), "utf-8")
    (articles / "fine.md").write_text(page("title: Fine\ndate: 2025-01-02"), "utf-8")
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--no-ingest"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    for name in [*(f"bad-{n}.md" for n in range(len(BAD_DATES))), "bomb.md", "long.md"]:
        assert f"content/articles/{name}:" in result.stderr.replace("\\", "/")
    assert (site / "public" / "2025" / "01" / "02" / "fine" / "index.html").is_file()
