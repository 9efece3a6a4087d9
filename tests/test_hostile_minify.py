"""`--minify` must keep pages valid (issue 13, item 14): the minifier writes 'R&amp;D;' as the
ambiguous ampersand 'R&D;', which validators and the product's own check refuse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, make_site

from newsdigest.render.html import minified

PAGE = """---
title: "AT&T and R&D; Co. agree, says Q&A"
date: 2025-03-14T09:00:00+03:00
---

AT&T bought R&D; Ltd for 5 < 6 dollars &copy; &notin; a&notb &amp;lt; [link](https://x.example/?a=1&b=2).
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"<p>AT&amp;T</p>", "<p>AT&amp;T</p>"),
        (b"<p>R&amp;D;</p>", "<p>R&amp;D;</p>"),
        (b"<p>&amp;copy;</p>", "<p>&amp;copy;</p>"),
        (b"<p>&#169; &#xA9;</p>", "<p>\u00a9 \u00a9</p>"),
        (b'<a href="?a=1&amp;b=2">x</a>', '<a href="?a=1&amp;b=2">x</a>'),
    ],
)
def test_minified_text_keeps_every_ampersand_a_reference(before: bytes, after: str) -> None:
    assert after in minified(b"<!doctype html><html><body>" + before + b"</body></html>").decode()


def test_scripts_keep_their_ampersands_raw() -> None:
    script = b'<script type="application/ld+json">{"name":"AT&T R&D;"}</script>'
    out = minified(b"<!doctype html><html><head>" + script + b"</head><body></body></html>")
    assert '{"name":"AT&T R&D;"}' in out.decode()


def test_a_minified_build_passes_the_product_s_own_check(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", settings='base_url = "https://example.org/"\n')
    (site / "content" / "articles" / "deal.md").write_text(PAGE, encoding="utf-8")
    build = [sys.executable, str(REPO / "build.py")]
    built = subprocess.run(
        [*build, "build", "--site", str(site), "--minify"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    checked = subprocess.run(
        [*build, "check", "--site", str(site)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stderr
