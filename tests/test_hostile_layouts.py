"""Layouts that broke out of the build or out of Jinja2 (issue 13, items 7 and 8).

A layout is shared and copied from the web: its errors are named by file and line, and it
runs in Jinja2's sandbox, so it cannot reach Python's internals to run a command.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import REAL_SEED, make_site
from shipped import run

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('echo ESCAPED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ site.__class__.__init__.__globals__ }}",
    "{{ (site.articles|first).__reduce_ex__(2) }}",
]


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return run("build", "--site", str(site))


def site_with_index(tmp_path: Path, index: str) -> Path:
    site = make_site(tmp_path / "site", {"a.txt": REAL_SEED.read_text(encoding="utf-8")})
    (site / "layouts").mkdir(exist_ok=True)
    (site / "layouts" / "index.html").write_text(index, encoding="utf-8")
    return site


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_layout_cannot_reach_python_internals(tmp_path: Path, escape: str) -> None:
    site = site_with_index(
        tmp_path, f'{{% extends "base.html" %}}{{% block main %}}\n{escape}\n{{% endblock %}}'
    )
    result = build(site)
    assert result.returncode != 0
    assert "ESCAPED" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "layouts/index.html:2:" in result.stderr and "unsafe" in result.stderr
    assert not (site / "public").exists()


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
        ("{{ [1, 2].pop(5) }}", "IndexError: pop index out of range"),
        ("{{ site.articles[99] }}", "has no element 99"),
    ],
)
def test_a_layout_that_raises_is_named_by_file_and_line(
    tmp_path: Path, expression: str, said: str
) -> None:
    site = site_with_index(
        tmp_path, f'{{% extends "base.html" %}}{{% block main %}}\n{expression}\n{{% endblock %}}'
    )
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "build failed, nothing written: " in result.stderr
    assert "layouts/index.html:2: " in result.stderr and said in result.stderr


def test_a_layout_that_extends_itself_is_a_loop_not_a_crash(tmp_path: Path) -> None:
    site = site_with_index(tmp_path, '{% extends "index.html" %}')
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "layouts/index.html" in result.stderr
    assert "extend each other in a loop" in result.stderr
