from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_content, render_site

from newsdigest.config import SiteConfig
from newsdigest.render.filters import clock, long_date
from newsdigest.render.jobs import LayoutError
from newsdigest.site import assemble

HOSTILE = """---
title: "<script>alert(1)</script> & <b>bold</b>"
date: 2025-03-14T09:05:00+03:00
source: "<img src=x onerror=alert(1)>"
source_url: https://example.org/?a=1&b="x"
image_caption: "<iframe src=x>"
related: ["<svg onload=alert(1)>"]
correction: "<a href='javascript:alert(1)'>x</a>"
summary: "<style>*{}</style>"
tags: ["<em>t</em>"]
---

Body with <script>alert(2)</script>.
"""


def render(config: SiteConfig) -> dict[str, str]:
    content = load_content(config)
    site, _ = assemble(config, content.articles, content.pages)
    return render_site(site)


def test_every_field_from_front_matter_is_escaped(site_dir: Path) -> None:
    (site_dir / "content" / "articles" / "2025-03-14-x.md").write_text(HOSTILE, encoding="utf-8")
    pages = render(SiteConfig(root=site_dir, timezone="Europe/Moscow"))
    article = pages["2025/03/14/x/index.html"]
    for raw in (
        "<script>",
        "<img",
        "<iframe",
        "<svg",
        "<style>",
        "<em>t",
        "href='javascript",
        "<b>bold",
    ):
        for html in pages.values():
            assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in article
    assert 'href="https://example.org/?a=1&amp;b=&#34;x&#34;"' in article
    assert "09:05" in article


def test_a_broken_layout_names_file_and_line(site_dir: Path) -> None:
    (site_dir / "content" / "articles" / "2025-03-14-x.md").write_text(HOSTILE, encoding="utf-8")
    layout = site_dir / "layouts" / "article.html"
    layout.write_text(
        layout.read_text().replace("{{ article.title }}", "{{ article.no_such_field }}", 1)
    )
    with pytest.raises(LayoutError, match=r"article.html:6: .*no_such_field"):
        render(SiteConfig(root=site_dir))
    layout.write_text("{% extends 'base.html' %}\n{% block main %}{% if %}{% endblock %}\n")
    with pytest.raises(LayoutError, match=r"article.html:2: "):
        render(SiteConfig(root=site_dir))


def test_pages_link_relatively_and_404_absolutely(site_dir: Path) -> None:
    pages = render(SiteConfig(root=site_dir, base_url="https://example.org/news/"))
    assert 'href="static/style.css"' in pages["index.html"]
    assert 'href="../static/style.css"' in pages["about/index.html"]
    assert 'href="/news/static/style.css"' in pages["404.html"]
    assert (
        '<link rel="canonical" href="https://example.org/news/about/">' in pages["about/index.html"]
    )
    assert (
        'type="application/atom+xml" title="Test Digest (Atom)" href="https://example.org/news/atom.xml"'
        in (pages["index.html"].replace("News Digest", "Test Digest"))
    )


def test_dates_read_like_a_newspaper() -> None:
    from datetime import datetime

    assert long_date(datetime(2025, 3, 4)) == "Tuesday, March 4, 2025"
    assert clock(datetime(2025, 3, 4, 9, 5)) == "09:05"
    assert clock(datetime(2025, 3, 4)) == ""


def test_a_layout_the_site_lacks_comes_from_the_default_theme(site_dir: Path) -> None:
    (site_dir / "content" / "articles" / "2025-03-14-x.md").write_text(HOSTILE, encoding="utf-8")
    (site_dir / "layouts" / "day.html").unlink()  # a site made before a version added a page type
    pages = render(SiteConfig(root=site_dir, timezone="Europe/Moscow"))
    assert "<h1" in pages["2025/03/14/index.html"]
    (site_dir / "layouts" / "archive.html").write_text(
        "{% extends 'base.html' %}{% block main %}<h1>Mine</h1>{% endblock %}"
    )
    assert "<h1>Mine</h1>" in render(SiteConfig(root=site_dir))["archive/index.html"]
