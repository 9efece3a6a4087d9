"""Pages into HTML bytes with Jinja2 layouts, in worker processes on a cold build. Writes nothing.

What pages there are, and what each shows, is planned in plan.py; this renders the plan.

Every layout gets the same typed context: `site` (the Site), `view` (what this page is),
`link(path)` (a URL to another site path that works from this page under any base path),
`feeds` (the feeds to announce in <head>), `paths` (the site's fixed paths), plus the page's
own objects (`article`, `day`, `home`, `page` and so on).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import tzinfo
from html.entities import html5 as named_references
from pathlib import Path

import jinja2

from newsdigest.model import Article
from newsdigest.parallel import map_items
from newsdigest.site import Site
from newsdigest.site.paths import MAIN_FEEDS, PATHS, relative_url

from . import theme
from .filters import FILTERS
from .jobs import Job, LayoutError, RenderedPage, View
from .plan import article_extras
from .reads import Reads, RecordingEnvironment, SiteView, track


def environment(layouts_dir: Path) -> RecordingEnvironment:
    """Jinja2 over layouts/ (then the default theme), autoescaping, failing on any undefined name.

    Layouts are compiled once and never checked again: an environment serves one build, or,
    in the preview, the builds for which `layouts_digest` stays the same.
    """
    env = RecordingEnvironment(
        loader=jinja2.FileSystemLoader([layouts_dir, theme.DEFAULT_LAYOUTS]),
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals["paths"] = PATHS
    return env


_Shared = tuple[RecordingEnvironment, Site, Sequence[Job]]
"""What every page needs: forked workers inherit it, so only job numbers travel."""


def _render_at(shared: _Shared, index: int) -> RenderedPage:
    env, site, jobs = shared
    return render_job(env, site, jobs[index])


def render_pages(
    env: RecordingEnvironment, site: Site, jobs: Sequence[Job], workers: int = 0
) -> Iterator[RenderedPage]:
    """Render the jobs in order, in worker processes when there are many (a cold build).

    A broken layout raises LayoutError naming the file and line, before anything is written.
    """
    yield from map_items(_render_at, range(len(jobs)), (env, site, jobs), workers)


def render_job(env: RecordingEnvironment, site: Site, job: Job) -> RenderedPage:
    """Render one page, noting what it read; a broken layout raises LayoutError naming the file
    and line."""
    reads: Reads = set(job.reads)
    context = dict(job.context)
    if "article" in context:  # pages show dates in the site's zone
        context["article"] = _localised(context["article"], site.config.zone)
    view = job.view
    link: Callable[[str], str] = context.pop("link", None) or (
        lambda path: relative_url(view.path, path)
    )
    tracked = {name: track(value, reads) for name, value in context.items()}
    site_view = SiteView(site, reads)
    if view.kind == "article":
        # JSON-LD gives the article's own offset, as it was published
        tracked.update(article_extras(site_view, track(job.context["article"], reads)))
    env.reads = reads
    try:
        template = env.get_template(job.layout)
        feeds = _feeds(site, view)
        html = template.render(site=site_view, view=view, link=link, feeds=feeds, **tracked)
    except jinja2.TemplateSyntaxError as err:
        raise LayoutError(f"{err.filename or job.layout}:{err.lineno}: {err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise LayoutError(
            f"layouts/{err.name}: no such layout here or in the default theme; check the name"
        ) from err
    except (jinja2.UndefinedError, TypeError, ValueError, AttributeError) as err:
        raise LayoutError(f"{_template_location(err, env, job.layout)}: {err}") from err
    except jinja2.TemplateError as err:
        raise LayoutError(f"{_template_location(err, env, job.layout)}: {err}") from err
    except (ArithmeticError, LookupError, RecursionError) as err:  # {{ 1/0 }}, a loop of extends
        raise LayoutError(f"{_template_location(err, env, job.layout)}: {_said(err)}") from err
    finally:
        env.reads = None
    return RenderedPage(job.path, html.encode("utf-8"), frozenset(reads))


def layouts_digest(layouts_dir: Path) -> str:
    """A digest of every file a layout can load, the site's own and the default theme's: while
    it stays the same, an environment's compiled layouts are still right (the preview keeps
    one between rebuilds)."""
    hashed = hashlib.blake2b(digest_size=16)
    for root in (layouts_dir, theme.DEFAULT_LAYOUTS):
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        hashed.update(f"\0{root}\0{len(files)}".encode())
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:  # unreadable now: a change, and the render will say what is wrong
                data = b"\0unreadable"
            hashed.update(f"\0{path.relative_to(root)}\0{len(data)}\0".encode() + data)
    return hashed.hexdigest()


def layout_source(env: jinja2.Environment, name: str) -> str:
    """The text of the layout a name resolves to now (the site's own, else the default
    theme's); a marker when there is none, so that adding it later counts as a change."""
    try:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        return "\0missing"
    return f"{filename}\n{source}"


def _said(err: Exception) -> str:
    """What went wrong, in words a layout's author can act on."""
    if isinstance(err, RecursionError):
        return "layouts include or extend each other in a loop; break the loop"
    return f"{type(err).__name__}: {err}"


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
    config = site.config
    own = (Feed(f"{view.title} (RSS)", config.absolute(view.feed), "application/rss+xml"),)
    main = (
        Feed(f"{config.title} ({f.short})", config.absolute(f.path), f.mime) for f in MAIN_FEEDS
    )
    return (*(own if view.feed else ()), *main)


def _localised(article: Article, zone: tzinfo) -> Article:
    """The article with its date in the site's zone, as pages show it."""
    return replace(article, date=article.date.astimezone(zone))


def minified(html: bytes) -> bytes:
    """A page with optional whitespace and tags removed; still valid HTML."""
    import minify_html  # only builds that ask for it pay for loading it

    text = minify_html.minify(
        html.decode("utf-8"),
        keep_html_and_head_opening_tags=True,
        keep_closing_tags=True,
        minify_css=True,
    )
    return _with_ampersands_escaped(text).encode("utf-8")


_RAW_TEXT = re.compile(r"(<(script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_AMPERSAND = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?")


def _with_ampersands_escaped(text: str) -> str:
    """The minifier's output with every '&' that does not start a character reference written
    '&amp;' again: it turns 'R&amp;D;' into 'R&D;', which HTML calls an ambiguous ampersand
    (an error for validators and the product's own check). Scripts and styles are raw text."""
    parts = _RAW_TEXT.split(text)
    # split gives text, a script or style, its tag name, text, ...: escape the text parts only
    for index in range(0, len(parts), 3):
        parts[index] = _AMPERSAND.sub(_reference_or_escaped, parts[index])
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)


def _reference_or_escaped(found: re.Match[str]) -> str:
    reference = found.group(1)
    if reference and (reference.startswith("#") or reference in named_references):
        return found.group(0)
    return "&amp;" + (reference or "")
