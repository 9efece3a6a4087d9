"""The plan of a page: which layout shows which objects of the site model, at which address.

A page's plan key is a hash of its layout's name, its `View`, the structure of what it is handed
(which articles, by key, in which days, terms, lists and stories) and the few settings the
renderer itself uses. What the layouts then read of those objects (an article's text, a
setting, the site's lists, the layouts themselves) is recorded while rendering (`record.py`):
a page is up to date when its plan key is the same and nothing it read has changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from newsdigest.model import Article, Page
from newsdigest.site import Site
from newsdigest.site.paths import output_file
from newsdigest.site.taxonomy import Term

from .jobs import Dependency, Job, View
from .reads import stable_hash

__all__ = ["Fingerprints", "stable_hash", "structure"]


def structure(site: Site) -> str:
    """A digest of everything plan keys are made from: the settings, and each article's key,
    address, date, names, source and pin (in the site's order), the pages, stories and related lists.
    Equal digests mean equal plan keys for every page, so a build after an edit of a body or a
    headline (the commonest edits) can take them from the last build instead of computing
    18,000. Headlines and leads are left out: the one view made of them records that it read
    them (`made_from`)."""
    memo = site.story_memo
    articles = [
        (a.key, site.article_path(a), a.date, a.tags, a.entities, a.source, a.pinned)
        for a in site.articles
    ]
    pages = [(p.url, p.title, p.description, p.digest) for p in site.pages]
    if memo is not None:
        news: object = (memo.stories, memo.related)
    else:  # a site made by hand: its related lists, one by one
        news = (site.stories, [[r.key for r in site.related_to(a)] for a in site.articles])
    return stable_hash((site.config, site.search, articles, pages, news))


class Fingerprints:
    """Makes each Job's plan key from its layout, view and the shape of its context; takes it
    from `known` (the last build's, by output path) when the site's structure is the same."""

    def __init__(
        self,
        site: Site,
        known: Mapping[str, str] | None = None,
        up_to_date: Callable[[str, str], bool] | None = None,
    ) -> None:
        self._known = known or {}
        self._up_to_date = up_to_date
        config = site.config
        # what render_job reads itself: dates shown in the zone, feeds in <head>, 404's links
        self._common = (config.timezone, config.base_url, config.title, config.preview)
        self._terms: dict[tuple[str, str], str] = {}
        self._fields_of: dict[type, tuple[str, ...]] = {}

    def skips(self, site_path: str) -> bool:
        """Whether the page at a site path needs no job: its plan key is known and
        `up_to_date` says the page made with it is (then nothing of it is computed)."""
        if self._up_to_date is None:
            return False
        path = output_file(site_path)
        key = self._known.get(path)
        return key is not None and self._up_to_date(path, key)

    def job(
        self,
        layout: str,
        view: View,
        made_from: frozenset[Dependency] = frozenset(),
        **context: Any,
    ) -> Job:
        """A page's job. `made_from` is what the view's title and description were made from:
        recorded as read by the page instead of hashed into its plan key, so that an edit of
        a headline leaves the site's structure, and every plan key, as they were."""
        path = output_file(view.path)
        key = self._known.get(path)
        if key is None:
            shape = tuple((name, self._shape(context[name])) for name in sorted(context))
            planned = dataclasses.replace(view, title="", description="") if made_from else view
            key = stable_hash((self._common, layout, planned, shape))
        return Job(path, key, layout, view, context, made_from)

    def _shape(self, value: Any) -> object:
        """What identifies a value for the plan: articles by key, containers by their parts."""
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        if isinstance(value, Article):
            return value.key
        if isinstance(value, tuple):
            return tuple(self._shape(item) for item in value)
        if isinstance(value, Page):
            return (value.url, value.digest)
        if isinstance(value, Term):  # hashed once: it serves each of its pages, at any size
            key = (value.kind, value.slug)
            if key not in self._terms:
                self._terms[key] = stable_hash(self._fields(value))
            return self._terms[key]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._fields(value)
        if callable(value):  # link(): made from the view and the base URL, both in the key
            return "callable"
        return repr(value)

    def _fields(self, value: Any) -> object:
        kind = type(value)
        names = self._fields_of.get(kind)
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(value) if f.compare)
            self._fields_of[kind] = names
        return (kind.__name__, *(self._shape(getattr(value, name)) for name in names))
