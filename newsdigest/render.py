"""The site model into HTML, sitemap and robots.txt bytes, with Jinja2 layouts. Writes nothing.

What pages there are, and what each shows, is planned in plan.py; this renders the plan.

Every layout gets the same typed context: `site` (the Site), `view` (what this page is),
`link(path)` (a URL to another site path that works from this page under any base path),
plus the page's own object (`article`, `day`, `home`, `page`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import jinja2
import jinja2.meta
import jinja2.nodes

from .config import SiteConfig
from .model import Article, Rendered
from .plan import Job, LayoutError, View, long_date, plan_pages
from .site import (
    ARCHIVE_PATH,
    ATOM_PATH,
    FEEDS_PATH,
    JSON_FEED_PATH,
    RSS_PATH,
    SEARCH_PATH,
    Day,
    Site,
    relative_url,
)
from .taxonomy import KINDS

__all__ = ["Job", "LayoutError", "View", "long_date", "plan_pages"]


DEFAULT_LAYOUTS = Path(__file__).parent / "skeleton" / "layouts"
"""The default theme: a layout the site's own layouts/ lacks comes from here, so a site made
by an older version keeps building when a new version adds a page type."""


def environment(layouts_dir: Path) -> jinja2.Environment:
    """Jinja2 over layouts/ (then the default theme), autoescaping, failing on any undefined name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([layouts_dir, DEFAULT_LAYOUTS]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=long_date, clock=clock, iso=iso_date, month_day=month_day)
    return env


def month_day(moment: datetime | Any) -> str:
    """'March 14'."""
    return f"{moment:%B} {moment.day}"


def clock(moment: datetime) -> str:
    """'09:30', or '' for midnight, which seeds use when they give only a date."""
    return "" if (moment.hour, moment.minute, moment.second) == (0, 0, 0) else f"{moment:%H:%M}"


def iso_date(moment: datetime) -> str:
    return moment.isoformat()


def render_site(site: Site, env: jinja2.Environment) -> Iterator[Rendered]:
    """Every HTML page, the sitemap and robots.txt; raises LayoutError on a broken layout."""
    for job in plan_pages(site, env):
        yield render_job(env, site, job)
    yield from render_extras(site)


def render_extras(site: Site) -> list[Rendered]:
    """The small files that are cheaper to make than to track: sitemap.xml and robots.txt."""
    return [Rendered("sitemap.xml", sitemap(site)), Rendered("robots.txt", robots(site.config))]


def render_job(env: jinja2.Environment, site: Site, job: Job) -> Rendered:
    """Render one page; a broken layout raises LayoutError naming the file and line."""
    context = dict(job.context)
    if "article" in context:  # pages show dates in the site's zone
        context["article"] = _localised(context["article"], site.config.zone)
    view = job.view
    link: Callable[[str], str] = context.pop("link", None) or (
        lambda path: relative_url(view.path, path)
    )
    try:
        template = env.get_template(job.layout)
        feeds = _feeds(site, view)
        html = template.render(site=site, view=view, link=link, feeds=feeds, **context)
    except jinja2.TemplateSyntaxError as err:
        raise LayoutError(f"{err.filename or job.layout}:{err.lineno}: {err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise LayoutError(
            f"layouts/{err.name}: no such layout here or in the default theme; check the name"
        ) from err
    except (jinja2.UndefinedError, TypeError, ValueError, AttributeError) as err:
        raise LayoutError(f"{_template_location(err, env, job.layout)}: {err}") from err
    return Rendered(job.path, html.encode("utf-8"))


def _template_location(err: Exception, env: jinja2.Environment, layout: str) -> str:
    """File and line inside the layouts where rendering failed.

    Jinja2 rewrites tracebacks so that frames of template code carry the template's own file
    name and line; the innermost such frame is where the error happened.
    """
    loader = env.loader
    roots = (
        [Path(p) for p in loader.searchpath] if isinstance(loader, jinja2.FileSystemLoader) else []
    )
    trace = err.__traceback__
    location = f"{roots[0] / layout}" if roots else layout
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".html") and any(Path(filename).is_relative_to(r) for r in roots):
            location = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return location


@dataclass(frozen=True)
class Feed:
    """A feed to announce in every page's head."""

    title: str
    url: str
    mime: str


def _feeds(site: Site, view: View) -> tuple[Feed, ...]:
    """The site's feeds, and first the page's own when it has one."""
    title = site.config.title
    own = (Feed(f"{view.title} (RSS)", site.config.absolute(view.feed), "application/rss+xml"),)
    return (
        *(own if view.feed else ()),
        Feed(f"{title} (RSS)", site.config.absolute(RSS_PATH), "application/rss+xml"),
        Feed(f"{title} (Atom)", site.config.absolute(ATOM_PATH), "application/atom+xml"),
        Feed(f"{title} (JSON Feed)", site.config.absolute(JSON_FEED_PATH), "application/feed+json"),
    )


def _localised(article: Article, zone: Any) -> Article:
    """The article with its date in the site's zone, as pages show it."""
    return replace(article, date=article.date.astimezone(zone))


def sitemap(site: Site) -> bytes:
    """sitemap.xml: every HTML page, with lastmod from the newest article it shows.

    Pages that show no article of their own (hand-written pages, the feeds list, search) take
    the newest article's date: the last time the site changed, never the clock.
    """
    newest = site.articles[0].date if site.articles else None
    entries: list[tuple[str, datetime | None]] = [
        (site.article_path(a), a.date) for a in site.articles
    ]
    entries += [(home.path, _newest(home.days)) for home in site.home_pages]
    entries += [(day.path, day.articles[0].date) for day in site.days]
    entries += [(month.path, month.days[0].articles[0].date) for month in site.months]
    entries += [(year.path, year.months[0].days[0].articles[0].date) for year in site.years]
    entries += [(f"{kind}/", newest) for kind in KINDS]
    entries += [
        (p.path, p.articles[0].date if p.articles else newest) for t in site.terms for p in t.pages
    ]
    entries += [(path, newest) for path in (ARCHIVE_PATH, FEEDS_PATH)]
    entries += [(SEARCH_PATH, newest)] if site.search else []
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


def _newest(days: tuple[Day, ...]) -> datetime | None:
    return days[0].articles[0].date if days else None


def robots(config: SiteConfig) -> bytes:
    """robots.txt: everything may be crawled; here is the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('sitemap.xml')}\n".encode()
