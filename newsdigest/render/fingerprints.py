"""Fingerprints of pages: a hash of the layouts a page uses, the site-wide settings and
everything it shows (`shown`). The build cache skips rendering a page whose fingerprint is
unchanged; a page that shows something missing from its `shown` would go stale."""

from __future__ import annotations

import hashlib
from dataclasses import fields
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes

from newsdigest.site import Site
from newsdigest.site.paths import output_file

from .jobs import Job, LayoutError, View

# Attributes of `site` that list articles: a layout that reads them depends on every article.
# Methods that look up other articles count too: a layout should get their results in its context.
_ARTICLE_LISTS = frozenset(
    {
        "articles",
        "days",
        "months",
        "home_pages",
        "feed_articles",
        "years",
        "topics",
        "entities",
        "sources",
        "terms",
        "stories",
        "top_stories",
        "term_paths",
        "term_path",
        "story_of",
        "other_reports",
        "related",
        "related_to",
    }
)


class Fingerprints:
    """Makes each Job's fingerprint from the layouts it uses, the settings and what it shows."""

    def __init__(self, site: Site, env: jinja2.Environment) -> None:
        self._site = site
        self._env = env
        self._layouts: dict[str, str] = {}
        config = [getattr(site.config, f.name) for f in fields(site.config) if f.name != "root"]
        pages = [(p.url, p.title) for p in site.pages]
        self._common = stable_hash((config, pages, site.search, sorted(site.assets.items())))
        self._all_articles = ""

    def job(self, layout: str, view: View, shown: tuple[Any, ...], **context: Any) -> Job:
        parts = (self._common, self._layout(layout), view, shown)
        return Job(output_file(view.path), stable_hash(parts), layout, view, context)

    def _layout(self, name: str) -> str:
        """Hash of a layout and every layout it extends, imports or includes."""
        if name not in self._layouts:
            sources, reads_lists = _layout_sources(self._env, name)
            extra = self._every_article() if reads_lists else ""
            self._layouts[name] = stable_hash((sources, extra))
        return self._layouts[name]

    def _every_article(self) -> str:
        if not self._all_articles:
            self._all_articles = stable_hash([(a.digest, a.slug) for a in self._site.articles])
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


def stable_hash(value: object) -> str:
    """A short hash of a value's repr: equal inputs always give the same fingerprint."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()
