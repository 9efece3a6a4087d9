from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import load_content, make_site, render_site

from newsdigest.config import SiteConfig, load_config
from newsdigest.model import Article
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


def dated(title: str, when: str, tags: str) -> str:
    return f"---\ntitle: {title}\ndate: {when}\ntags: [{tags}]\n---\n\n{title}, said the council.\n"


def test_lists_show_the_year_when_they_span_years_or_are_not_this_years(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {}, 'timezone = "UTC"\n')
    articles = site / "content" / "articles"
    articles.joinpath("a.md").write_text(
        dated("Bridge opens", "2004-07-01T09:00:00+00:00", "Bridges")
    )
    articles.joinpath("b.md").write_text(
        dated("Bridge closes", "2005-06-30T09:00:00+00:00", "Bridges, Roads")
    )
    articles.joinpath("c.md").write_text(dated("Road opens", "2005-07-01T09:00:00+00:00", "Roads"))
    pages = render(load_config(site))
    bridges = pages["topics/bridges/index.html"]
    assert ">June 30, 2005, 09:00</time>" in bridges and ">July 1, 2004, 09:00</time>" in bridges
    roads = pages["topics/roads/index.html"]  # every date in 2005, the newest article's year
    assert ">July 1, 09:00</time>" in roads and ">June 30, 09:00</time>" in roads


def test_a_day_page_links_to_the_next_and_previous_day_and_its_month(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {}, 'timezone = "UTC"\n')
    articles = site / "content" / "articles"
    for name, when in (("a", "2004-12-31"), ("b", "2005-01-03"), ("c", "2005-01-09")):
        articles.joinpath(f"{name}.md").write_text(dated(name, f"{when}T09:00:00+00:00", "x"))
    pages = render(load_config(site))
    middle = pages["2005/01/03/index.html"]
    assert '<a rel="prev" href="../../../2004/12/31/">← Previous day</a>' in middle
    assert '<a href="../../../2005/01/">January 2005</a>' in middle
    assert '<a rel="next" href="../../../2005/01/09/">Next day →</a>' in middle
    newest = pages["2005/01/09/index.html"]
    assert 'rel="next"' not in newest and 'href="../../../2005/01/03/">← Previous day' in newest


THEME = """
[theme]
accent = "#ffcc00"
logo = "static/logo.svg"
footer = "Made <b>by</b> us & co"

[[theme.nav]]
title = "Who we are"
url = "/about/"

[[theme.nav]]
title = "Paper <i>"
url = "https://example.org/paper?a=1&b=2"
"""


def test_the_theme_settings_reach_every_page_header_and_footer(site_dir: Path) -> None:
    (site_dir / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    article_file = site_dir / "content" / "articles" / "2025-03-14-x.md"
    article_file.write_text("---\ntitle: X\ndate: 2025-03-14T09:05:00+03:00\n---\n\nBody.\n")
    settings = site_dir / "site.toml"
    settings.write_text(settings.read_text() + THEME, encoding="utf-8")
    config = load_config(site_dir)
    pages = render(config)
    home, article = pages["index.html"], pages["2025/03/14/x/index.html"]
    light, dark = config.theme.accent_light, config.theme.accent_dark
    assert light != "#ffcc00" and dark == "#ffcc00"
    for page, up in ((home, ""), (article, "../../../../")):
        assert f"<style>:root {{ --accent: {light}; }}" in page
        assert f"@media (prefers-color-scheme: dark) {{ :root {{ --accent: {dark}; }} }}" in page
        assert f'<img class="brand-logo" src="{up}static/logo.svg" alt="">' in page
        assert f'<li><a href="{up}about/">Who we are</a></li>' in page
        assert '<a href="https://example.org/paper?a=1&amp;b=2">Paper &lt;i&gt;</a>' in page
        assert '<p class="footer-note">Made &lt;b&gt;by&lt;/b&gt; us &amp; co</p>' in page
    assert (
        '<li><a href="../about/" aria-current="page">Who we are</a></li>'
        in pages["about/index.html"]
    )


def test_without_a_theme_pages_carry_none_of_it(site_dir: Path) -> None:
    home = render(load_config(site_dir))["index.html"]
    assert "<style>" not in home and "brand-logo" not in home and "footer-note" not in home


def test_the_topics_and_sources_indexes_show_each_ones_article_count() -> None:
    def story(n: int, tags: tuple[str, ...], source: str) -> Article:
        when = datetime(2025, 3, 14, tzinfo=UTC) - timedelta(hours=n)
        return Article(
            Path(f"a{n}.md"), f"S{n}", when, f"a{n}", "s", "<p>b</p>", 1, source=source, tags=tags
        )

    items = (story(0, ("Oil",), "Wire"), story(1, ("Oil", "Farming"), "Wire"), story(2, (), "Post"))
    site, _ = assemble(SiteConfig(root=Path(".")), items, ())
    pages = render_site(site)
    topics, sources = pages["topics/index.html"], pages["sources/index.html"]
    assert '>Oil</a> <span class="count">2 articles</span>' in topics
    assert '>Farming</a> <span class="count">1 article</span>' in topics
    assert '>Wire</a> <span class="count">2 articles</span>' in sources
    assert '>Post</a> <span class="count">1 article</span>' in sources
