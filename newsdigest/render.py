"""The site model into HTML, sitemap and robots.txt bytes, with Jinja2 layouts. Writes nothing.

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

from .config import SiteConfig
from .model import Article, Rendered
from .site import ARCHIVE_PATH, ATOM_PATH, RSS_PATH, Day, Site, relative_url


class LayoutError(Exception):
    """A layout that cannot be loaded or rendered; the message names the file and line."""


@dataclass(frozen=True)
class View:
    """What every page's `<head>` and header need to know about the page itself."""

    path: str
    """This page's site path ('' for home)."""
    title: str
    """The page's own title, without the site name."""
    description: str
    """Meta description."""
    kind: str
    """'home', 'article', 'day', 'archive', 'page' or 'not-found': a class on <body>."""

    @property
    def depth(self) -> int:
        return self.path.count("/")


def environment(layouts_dir: Path) -> jinja2.Environment:
    """Jinja2 over layouts/, autoescaping everything, failing on any undefined name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(layouts_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=long_date, clock=clock, iso=iso_date, month_day=month_day)
    return env


def long_date(moment: datetime | Any) -> str:
    """'Friday, March 14, 2025'."""
    return f"{moment:%A, %B} {moment.day}, {moment.year}"


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
    zone = site.config.zone
    for index, article in enumerate(site.articles):
        local = _localised(article, zone)
        newer = site.articles[index - 1] if index > 0 else None
        older = site.articles[index + 1] if index + 1 < len(site.articles) else None
        view = View(site.article_path(article), article.title, article.summary, "article")
        yield _page(env, site, "article.html", view, article=local, newer=newer, older=older)
    for home in site.home_pages:
        title = "Latest news" if home.number == 1 else f"Latest news, page {home.number}"
        yield _page(
            env,
            site,
            "index.html",
            View(home.path, title, site.config.description, "home"),
            home=home,
        )
    for day in site.days:
        yield _render_day(env, site, day)
    yield _page(
        env,
        site,
        "archive.html",
        View(ARCHIVE_PATH, "Archive", f"Every day of {site.config.title}.", "archive"),
    )
    for page in site.pages:
        yield _page(
            env, site, "page.html", View(page.url, page.title, page.description, "page"), page=page
        )
    yield _not_found(env, site)
    yield Rendered("sitemap.xml", sitemap(site))
    yield Rendered("robots.txt", robots(site.config))


def _render_day(env: jinja2.Environment, site: Site, day: Day) -> Rendered:
    label = long_date(day.date)
    description = f"{len(day.articles)} article{'s' if len(day.articles) != 1 else ''} on {label}."
    return _page(env, site, "day.html", View(day.path, label, description, "day"), day=day)


def _not_found(env: jinja2.Environment, site: Site) -> Rendered:
    """404.html is served at any depth, so its links are absolute paths rather than relative."""
    view = View("404.html", "Page not found", "There is no page at this address.", "not-found")
    base = site.config.base_path
    return _page(env, site, "404.html", view, link=lambda path: base + path)


def _page(env: jinja2.Environment, site: Site, layout: str, view: View, **context: Any) -> Rendered:
    """Render one layout to the file for view.path."""
    link: Callable[[str], str] = context.pop("link", None) or (
        lambda path: relative_url(view.path, path)
    )
    try:
        template = env.get_template(layout)
        html = template.render(site=site, view=view, link=link, feeds=_feeds(site), **context)
    except jinja2.TemplateSyntaxError as err:
        raise LayoutError(f"{err.filename or layout}:{err.lineno}: {err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise LayoutError(
            f"layouts/{err.name}: layout not found; restore it with 'newsdigest init'"
        ) from err
    except (jinja2.UndefinedError, TypeError, ValueError, AttributeError) as err:
        raise LayoutError(f"{_template_location(err, env, layout)}: {err}") from err
    output = view.path + "index.html" if view.path.endswith("/") or not view.path else view.path
    return Rendered(output, html.encode("utf-8"))


def _template_location(err: Exception, env: jinja2.Environment, layout: str) -> str:
    """File and line inside the layouts where rendering failed.

    Jinja2 rewrites tracebacks so that frames of template code carry the template's own file
    name and line; the innermost such frame is where the error happened.
    """
    loader = env.loader
    root = Path(loader.searchpath[0]) if isinstance(loader, jinja2.FileSystemLoader) else Path()
    trace = err.__traceback__
    location = f"{root / layout}"
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".html") and Path(filename).is_relative_to(root):
            location = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return location


@dataclass(frozen=True)
class Feed:
    """A feed to announce in every page's head."""

    title: str
    url: str
    mime: str


def _feeds(site: Site) -> tuple[Feed, ...]:
    title = site.config.title
    return (
        Feed(f"{title} (RSS)", site.config.absolute(RSS_PATH), "application/rss+xml"),
        Feed(f"{title} (Atom)", site.config.absolute(ATOM_PATH), "application/atom+xml"),
    )


def _localised(article: Article, zone: Any) -> Article:
    """The article with its date in the site's zone, as pages show it."""
    return replace(article, date=article.date.astimezone(zone))


def sitemap(site: Site) -> bytes:
    """sitemap.xml: every HTML page, with lastmod from the newest article it shows."""
    entries: list[tuple[str, datetime | None]] = [
        (site.article_path(a), a.date) for a in site.articles
    ]
    entries += [(home.path, _newest(home.days)) for home in site.home_pages]
    entries += [(day.path, day.articles[0].date) for day in site.days]
    entries += [(ARCHIVE_PATH, site.articles[0].date if site.articles else None)]
    entries += [(page.url, None) for page in site.pages]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, modified in sorted(entries, key=lambda entry: entry[0]):
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{xml_escape(site.config.absolute(path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def _newest(days: tuple[Day, ...]) -> datetime | None:
    return days[0].articles[0].date if days else None


def robots(config: SiteConfig) -> bytes:
    """robots.txt: everything may be crawled; here is the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('sitemap.xml')}\n".encode()
