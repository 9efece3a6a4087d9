from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdigest.config import SiteConfig
from newsdigest.model import Article, Page
from newsdigest.site import assemble
from newsdigest.site.paths import relative_url


def article(slug: str, when: datetime, title: str = "") -> Article:
    return Article(Path(f"{slug}.md"), title or slug, when, slug, "s", "<p>b</p>", 1)


def test_articles_newest_first_grouped_by_local_day() -> None:
    config = SiteConfig(root=Path("."), timezone="Europe/Moscow", page_size=2)
    late = datetime(2025, 3, 14, 22, 0, tzinfo=UTC)  # already March 15 in Moscow
    items = (
        article("a", late - timedelta(hours=4)),
        article("b", late),
        article("c", late - timedelta(days=2)),
    )
    site, problems = assemble(config, items, ())
    assert not problems
    assert [a.slug for a in site.articles] == ["b", "a", "c"]
    assert [d.path for d in site.days] == ["2025/03/15/", "2025/03/14/", "2025/03/13/"]
    assert site.article_path(site.articles[0]) == "2025/03/15/b/"
    assert [h.path for h in site.home_pages] == ["", "page/2/"]
    assert site.home_pages[0].older_path == "page/2/" and site.home_pages[1].newer_path == ""
    assert [m.label for m in site.months] == ["March 2025"]


def test_empty_site_still_has_a_home_page() -> None:
    site, _ = assemble(SiteConfig(root=Path(".")), (), ())
    assert len(site.home_pages) == 1 and site.home_pages[0].days == ()


def test_same_url_keeps_one_and_reports_the_other() -> None:
    when = datetime(2025, 3, 14, 9, tzinfo=UTC)
    site, problems = assemble(
        SiteConfig(root=Path(".")), (article("a", when), article("a", when, "other")), ()
    )
    assert len(site.articles) == 1
    assert "same URL /2025/03/14/a/" in problems[0].message


def test_pages_cannot_take_the_digests_own_urls() -> None:
    pages = (Page(Path("archive.md"), "A", "archive/", ""), Page(Path("2025.md"), "Y", "2025/", ""))
    site, problems = assemble(SiteConfig(root=Path(".")), (), pages)
    assert site.pages == () and len(problems) == 2


def test_relative_urls_work_from_any_depth() -> None:
    assert relative_url("", "") == "./"
    assert relative_url("", "static/style.css") == "static/style.css"
    assert relative_url("2025/03/14/slug/", "") == "../../../../"
    assert relative_url("2025/03/14/slug/", "archive/") == "../../../../archive/"
    assert relative_url("page/2/", "page/3/") == "../../page/3/"
