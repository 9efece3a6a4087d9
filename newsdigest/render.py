"""The site model into HTML, sitemap and robots.txt bytes, with Jinja2 layouts. Writes nothing.

Every layout gets the same typed context: `site` (the Site), `view` (what this page is),
`link(path)` (a URL to another site path that works from this page under any base path),
plus the page's own object (`article`, `day`, `home`, `page`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import jinja2
import jinja2.meta
import jinja2.nodes

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


@dataclass(frozen=True)
class Job:
    """One page to render: where it goes, what it is made from, and with which layout."""

    path: str
    """Output path relative to the output folder."""
    fingerprint: str
    """Hash of everything the page shows: equal fingerprints render equal bytes."""
    layout: str
    view: View
    context: dict[str, Any]
    """The layout's own variables (article, day, home, page, link)."""


def render_site(site: Site, env: jinja2.Environment) -> Iterator[Rendered]:
    """Every HTML page, the sitemap and robots.txt; raises LayoutError on a broken layout."""
    for job in plan_pages(site, env):
        yield render_job(env, site, job)
    yield from render_extras(site)


def render_extras(site: Site) -> list[Rendered]:
    """The small files that are cheaper to make than to track: sitemap.xml and robots.txt."""
    return [Rendered("sitemap.xml", sitemap(site)), Rendered("robots.txt", robots(site.config))]


def plan_pages(site: Site, env: jinja2.Environment) -> list[Job]:
    """Every HTML page the site has, with its fingerprint; nothing is rendered yet."""
    fingerprints = _Fingerprints(site, env)
    jobs = [*_article_jobs(site, fingerprints), *_list_jobs(site, fingerprints)]
    for page in site.pages:
        view = View(page.url, page.title, page.description, "page")
        jobs.append(fingerprints.job("page.html", view, (page.digest,), page=page))
    view = View("404.html", "Page not found", "There is no page at this address.", "not-found")
    base = site.config.base_path  # 404.html is served at any depth: absolute paths, not relative
    jobs.append(fingerprints.job("404.html", view, (), link=lambda path: base + path))
    return jobs


def _article_jobs(site: Site, fingerprints: _Fingerprints) -> Iterator[Job]:
    articles = site.articles
    for index, article in enumerate(articles):
        newer = articles[index - 1] if index > 0 else None
        older = articles[index + 1] if index + 1 < len(articles) else None
        view = View(site.article_path(article), article.title, article.summary, "article")
        shown = (article.digest, *(_headline(site, other) for other in (newer, older)))
        yield fingerprints.job(
            "article.html", view, shown, article=article, newer=newer, older=older
        )


def _list_jobs(site: Site, fingerprints: _Fingerprints) -> Iterator[Job]:
    for home in site.home_pages:
        title = "Latest news" if home.number == 1 else f"Latest news, page {home.number}"
        view = View(home.path, title, site.config.description, "home")
        shown = (home.number, home.count, *(a.digest for day in home.days for a in day.articles))
        yield fingerprints.job("index.html", view, shown, home=home)
    for day in site.days:
        label = long_date(day.date)
        count = len(day.articles)
        description = f"{count} article{'s' if count != 1 else ''} on {label}."
        view = View(day.path, label, description, "day")
        yield fingerprints.job("day.html", view, tuple(a.digest for a in day.articles), day=day)
    view = View(ARCHIVE_PATH, "Archive", f"Every day of {site.config.title}.", "archive")
    yield fingerprints.job(
        "archive.html", view, tuple((d.path, len(d.articles)) for d in site.days)
    )


def _headline(site: Site, article: Article | None) -> tuple[str, str] | None:
    return (site.article_path(article), article.title) if article else None


# Attributes of `site` that list articles: a layout that reads them depends on every article.
_ARTICLE_LISTS = frozenset({"articles", "days", "months", "home_pages", "feed_articles"})


class _Fingerprints:
    """Makes each Job's fingerprint from the layouts it uses, the settings and what it shows."""

    def __init__(self, site: Site, env: jinja2.Environment) -> None:
        self._site = site
        self._env = env
        self._layouts: dict[str, str] = {}
        config = [getattr(site.config, f.name) for f in fields(site.config) if f.name != "root"]
        self._common = _hash((config, [(p.url, p.title) for p in site.pages]))
        self._all_articles = ""

    def job(self, layout: str, view: View, shown: tuple[Any, ...], **context: Any) -> Job:
        parts = (self._common, self._layout(layout), view, shown)
        output = view.path + "index.html" if view.path.endswith("/") or not view.path else view.path
        return Job(output, _hash(parts), layout, view, context)

    def _layout(self, name: str) -> str:
        """Hash of a layout and every layout it extends, imports or includes."""
        if name not in self._layouts:
            sources, reads_lists = _layout_sources(self._env, name)
            extra = self._every_article() if reads_lists else ""
            self._layouts[name] = _hash((sources, extra))
        return self._layouts[name]

    def _every_article(self) -> str:
        if not self._all_articles:
            self._all_articles = _hash([(a.digest, a.slug) for a in self._site.articles])
        return self._all_articles


def _layout_sources(env: jinja2.Environment, name: str) -> tuple[list[str], bool]:
    """The sources of a layout and its dependencies, and whether any reads an article list."""
    seen: dict[str, str] = {}
    reads_lists = False
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            tree = env.parse(source, current, filename)
        except jinja2.TemplateNotFound:
            seen[current] = ""  # rendering reports it, with a message
            continue
        except jinja2.TemplateSyntaxError as err:
            raise LayoutError(f"{err.filename or current}:{err.lineno}: {err.message}") from err
        seen[current] = source
        referenced = list(jinja2.meta.find_referenced_templates(tree))
        if None in referenced:  # a computed name: it may use any layout
            referenced = list(env.list_templates(extensions=["html", "xml"]))
        pending.extend(ref for ref in referenced if ref)
        reads_lists = reads_lists or _reads_article_lists(tree)
    return [f"{key}\n{seen[key]}" for key in sorted(seen)], reads_lists


def _reads_article_lists(tree: jinja2.nodes.Template) -> bool:
    """True when the layout reads site.articles, site.days and the like."""
    for node in tree.find_all(jinja2.nodes.Getattr):
        if _is_site(node.node) and node.attr in _ARTICLE_LISTS:
            return True
    for item in tree.find_all(jinja2.nodes.Getitem):
        key = item.arg.value if isinstance(item.arg, jinja2.nodes.Const) else None
        if _is_site(item.node) and key in _ARTICLE_LISTS:
            return True
    return False


def _is_site(node: jinja2.nodes.Node) -> bool:
    return isinstance(node, jinja2.nodes.Name) and node.name == "site"


def _hash(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


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
        html = template.render(site=site, view=view, link=link, feeds=_feeds(site), **context)
    except jinja2.TemplateSyntaxError as err:
        raise LayoutError(f"{err.filename or job.layout}:{err.lineno}: {err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise LayoutError(
            f"layouts/{err.name}: layout not found; restore it with 'newsdigest init'"
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
