"""sitemap.xml and robots.txt: the small files that are cheaper to make than to track."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape as xml_escape

from newsdigest.config import SiteConfig
from newsdigest.model import Article, Rendered
from newsdigest.site import Site
from newsdigest.site.paths import KINDS, PATHS


def render_extras(site: Site) -> list[Rendered]:
    """sitemap.xml and robots.txt, made afresh on every build."""
    return [Rendered(PATHS.sitemap, sitemap(site)), Rendered(PATHS.robots, robots(site.config))]


def sitemap(site: Site) -> bytes:
    """sitemap.xml: every HTML page, with lastmod from the newest article it shows.

    Pages that show no article of their own (hand-written pages, the feeds list, search) take
    the newest article's date: the last time the site changed, never the clock.
    """
    newest = site.articles[0].date if site.articles else None
    entries: list[tuple[str, datetime | None]] = [
        (site.article_path(a), a.date) for a in site.articles
    ]
    entries += [(home.path, _newest(home.articles)) for home in site.home_pages]
    entries += [(day.path, day.articles[0].date) for day in site.days]
    entries += [(month.path, month.days[0].articles[0].date) for month in site.months]
    entries += [(year.path, year.months[0].days[0].articles[0].date) for year in site.years]
    entries += [(f"{kind}/", newest) for kind in KINDS]
    entries += [
        (p.path, p.articles[0].date if p.articles else newest) for t in site.terms for p in t.pages
    ]
    entries += [(path, newest) for path in (PATHS.archive, PATHS.feeds)]
    entries += [(PATHS.search, newest)] if site.search else []
    entries += [(page.url, newest) for page in site.pages]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    base = xml_escape(site.config.base_url)
    for path, modified in sorted(entries, key=lambda entry: entry[0]):
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{base}{xml_escape(path)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def _newest(articles: tuple[Article, ...]) -> datetime | None:
    """The newest date of a home page's articles: not its first's, a pinned story leads."""
    return max((a.date for a in articles), default=None)


def robots(config: SiteConfig) -> bytes:
    """robots.txt: everything may be crawled; here is the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute(PATHS.sitemap)}\n".encode()
