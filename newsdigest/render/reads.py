"""What a page read while it rendered, noted through the objects its layouts are handed.

Layouts get views, not the site model itself: `site` is a `SiteView`, each article a
`TrackedArticle`, each day, month, term or story a `Tracked` wrapper whose attributes are
tracked in turn, and the Jinja2 environment notes every layout it loads (extends, include,
import, from the site's layouts/ or the default theme). However a layout reaches the model (an
alias, a macro, a loop, a custom filter) it goes through a view, so nothing it reads escapes
the record. A dependency is a small tuple; `Dependencies` gives its current value, and a page
is out of date exactly when the value of something it read has changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

import jinja2
import jinja2.sandbox

from newsdigest.config import SiteConfig
from newsdigest.model import TEXT_FIELDS, Article, Page
from newsdigest.site import Site
from newsdigest.site.calendar import Day, Month, Year
from newsdigest.site.front import Front, TopicBlock
from newsdigest.site.pages import ListPage
from newsdigest.site.stories import Story
from newsdigest.site.taxonomy import Term

from .jobs import Dependency

# A Dependency is ('layout', name), ('article', key), ('body', key), ('page', url),
# ('path', key), ('setting', name),
# ('site', facet), ('term', kind, name), ('related', key) or ('reports', key).

Reads = set[Dependency]


_INTERNAL_TYPES = (
    *(types.FunctionType, types.MethodType, type, types.CodeType, types.TracebackType),
    *(types.FrameType, types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType),
)
"""The types whose public attributes the sandbox also guards (jinja2.sandbox)."""


class RecordingEnvironment(jinja2.sandbox.SandboxedEnvironment):
    """A Jinja2 environment that notes, in `reads`, every layout a render loads.

    Sandboxed: themes are shared and copied from the web, and a layout must not reach
    Python's internals (`cycler.__init__.__globals__.os`) to run commands at build time."""

    reads: Reads | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        """The sandbox's lookup, with a shorter way for the model's views: their public names
        are data or their own methods, never Python's internals, which all start with '_'."""
        if isinstance(obj, _View) and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """The sandbox's rule, answered at once for the common case: a public name of an
        object that is not a function, method, class, frame or generator."""
        if not attr.startswith("_") and not isinstance(obj, _INTERNAL_TYPES):
            return True
        return super().is_safe_attribute(obj, attr, value)

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        if self.reads is not None:
            self.reads.add(("layout", str(name)))
        return super()._load_template(name, globals)


def unwrap(value: Any) -> Any:
    """The model object behind a view (or the value itself)."""
    return value._target if isinstance(value, _View) else value


class _View:
    """A stand-in for a model object that notes what is read through it.

    A view lives for one page: the first read of a name is noted and its value kept on the
    view, so that reading it again costs what reading a plain attribute costs.
    """

    _target: Any
    _reads: Reads

    def __init__(self, target: Any, reads: Reads) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_reads", reads)

    def __eq__(self, other: object) -> bool:
        return bool(self._target == unwrap(other))

    def __hash__(self) -> int:
        return hash(self._target)

    def __repr__(self) -> str:
        return repr(self._target)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


class TrackedArticle(_View):
    """An article: reading its body (or digest) depends on its whole text, reading anything
    else (headline, date, lead, names) on everything but the body, so that a list showing
    headlines is not drawn again for an edit of a body."""

    def __getattr__(self, name: str) -> Any:
        target = self._target
        if name in TEXT_FIELDS:
            self._reads.add(("body", target.key))
            return _keep(self, name, getattr(target, name))
        self._reads.add(("article", target.key))
        # one read of its headline fields notes them all: keep them all on the view at once
        headline = {k: v for k, v in vars(target).items() if k not in TEXT_FIELDS}
        vars(self).update(headline)
        return headline[name] if name in headline else _keep(self, name, getattr(target, name))


class TrackedPage(_View):
    """A hand-written page reached through site.pages (the header's links): its address and
    title are the `pages` facet, its body a dependency of its own."""

    def __getattr__(self, name: str) -> Any:
        if name in TEXT_FIELDS:
            self._reads.add(("page", self._target.url))
        return _keep(self, name, getattr(self._target, name))


class Tracked(_View):
    """A day, month, year, list page, term, story or label: its articles come back tracked."""

    def __getattr__(self, name: str) -> Any:
        return _keep(self, name, track(getattr(self._target, name), self._reads))


def _keep(view: _View, name: str, value: Any) -> Any:
    """Keep a value read through a view on the view: the next read is a plain lookup."""
    object.__setattr__(view, name, value)
    return value


def track(value: Any, reads: Reads) -> Any:
    """The value as layouts should see it: model objects behind views, plain values as they are."""
    if isinstance(value, Article):
        return TrackedArticle(value, reads)
    if isinstance(value, Page):  # a page's own text is part of its plan
        return value
    if isinstance(value, tuple):
        return TrackedTuple(value, reads) if value else value
    if isinstance(value, _CONTAINERS):
        return Tracked(value, reads)
    return value


_CONTAINERS = (Day, Month, Year, ListPage, Term, Story, Front, TopicBlock)
"""The parts of the site model that hold articles; anything else a page is handed (labels,
feed links, strings) is plain data, wholly in its plan key."""


class TrackedTuple(Sequence[Any]):
    """A tuple of the model whose items are wrapped only when a layout takes them: counting a
    term's 3,000 articles on each of its pages must not wrap 3,000 articles each time."""

    __slots__ = ("_items", "_reads")

    def __init__(self, items: tuple[Any, ...], reads: Reads) -> None:
        self._items = items
        self._reads = reads

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> TrackedTuple: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return TrackedTuple(self._items[index], self._reads)
        return track(self._items[index], self._reads)

    def __iter__(self) -> Iterator[Any]:
        return (track(item, self._reads) for item in self._items)

    def __contains__(self, value: object) -> bool:
        return unwrap(value) in self._items

    def __eq__(self, other: object) -> bool:
        mine = self._items
        return mine == (other._items if isinstance(other, TrackedTuple) else other)

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return repr(self._items)


class ConfigView(_View):
    """The site's settings: a layout that reads one depends on it."""

    def __getattr__(self, name: str) -> Any:
        self._reads.add(("setting", _SETTING_OF.get(name, name)))
        return _keep(self, name, getattr(self._target, name))


_SETTING_OF = MappingProxyType(
    {"absolute": "base_url", "base_path": "base_url", "zone": "timezone", "hash_assets": "preview"}
)
"""Derived settings, by the setting they come from."""

_FACETS = MappingProxyType(
    {
        "pages": "pages",
        "search": "search",
        "assets": "assets",
        "asset": "assets",
        "current_year": "current_year",
    }
)
"""Site attributes with a value of their own; any other (articles, days, terms, stories and
the rest) is derived from every article, so reading it depends on them all."""


class SiteView(_View):
    """The site model as layouts see it."""

    def __init__(self, target: Site, reads: Reads) -> None:
        super().__init__(target, reads)
        _keep(self, "config", ConfigView(target.config, reads))

    def article_path(self, article: Any) -> str:
        article = unwrap(article)
        self._reads.add(("path", article.key))
        return str(self._target.article_path(article))

    def permalink(self, article: Any) -> str:
        article = unwrap(article)
        self._reads.add(("path", article.key))
        self._reads.add(("setting", "base_url"))
        return str(self._target.permalink(article))

    def day_path(self, article: Any) -> str:
        article = unwrap(article)
        self._reads.add(("article", article.key))
        return str(self._target.day_path(article))

    def term_path(self, kind: str, name: str) -> str | None:
        self._reads.add(("term", kind, name))
        return self._target.term_path(kind, name)  # type: ignore[no-any-return]

    def term_label(self, kind: str, name: str) -> tuple[str, str | None] | None:
        self._reads.add(("term", kind, name))
        return self._target.term_label(kind, name)  # type: ignore[no-any-return]

    def related_to(self, article: Any) -> Any:
        key = unwrap(article).key
        self._reads.add(("related", key))
        return track(self._target.related_to(unwrap(article)), self._reads)

    def other_reports(self, article: Any) -> Any:
        key = unwrap(article).key
        self._reads.add(("reports", key))
        return track(self._target.other_reports(unwrap(article)), self._reads)

    def __getattr__(self, name: str) -> Any:
        self._reads.add(("site", _FACETS.get(name, "articles")))
        value = getattr(self._target, name)
        if name == "pages":
            value = tuple(TrackedPage(page, self._reads) for page in value)
        return _keep(self, name, value)


@dataclasses.dataclass(frozen=True)
class Carried:
    """What may have changed in a site model that is the last build's updated in place (see
    site/update.py: the text, headline or lead of `edited` articles changed, their order,
    stories and related lists did not): those articles' own values, the digest of all articles
    and the layouts. Every other dependency keeps the last build's value, and the site's
    structure (fingerprints.py), made only of what such an edit keeps, is the same."""

    edited: frozenset[str]
    """Keys of the edited articles."""

    def suspects(self, known: Iterable[Dependency]) -> list[Dependency]:
        """Of the dependencies `known`, those whose value may have changed."""
        edited = [(kind, key) for key in sorted(self.edited) for kind in ("article", "body")]
        layouts = [dependency for dependency in known if dependency[0] == "layout"]
        return [*edited, ("site", "articles"), *layouts]


class Dependencies:
    """The current value of any dependency in one build's site: equal values, equal pages."""

    def __init__(self, site: Site, layout_source: Callable[[str], str]) -> None:
        self._site = site
        self._layout_source = layout_source
        self._values: dict[Dependency, str] = {}
        self._facets: dict[str, str] = {}

    def value(self, dependency: Dependency) -> str:
        found = self._values.get(dependency)
        if found is None:
            found = self._values[dependency] = self._compute(dependency)
        return found

    def values(
        self, dependencies: Mapping[Dependency, str] | set[Dependency]
    ) -> dict[Dependency, str]:
        return {dependency: self.value(dependency) for dependency in dependencies}

    def _compute(self, dependency: Dependency) -> str:
        kind, *rest = dependency
        site = self._site
        if kind == "article":
            found = site.by_key.get(rest[0])
            return found.headline_digest if found else "gone"
        if kind == "body":
            found = site.by_key.get(rest[0])
            return found.digest if found else "gone"
        if kind == "page":
            return next((p.digest for p in site.pages if p.url == rest[0]), "gone")
        if kind == "path":
            return site.paths.get(rest[0], "gone")
        if kind == "layout":
            return stable_hash(self._layout_source(rest[0]))
        if kind == "setting":
            return _setting_value(site.config, rest[0])
        if kind == "term":
            return repr(site.term_label(rest[0], rest[1]))
        if kind in ("related", "reports"):
            subject = site.by_key.get(rest[0])
            if subject is None:
                return "gone"
            others = site.related_to(subject) if kind == "related" else site.other_reports(subject)
            return repr([a.key for a in others])
        return self._facet(rest[0])

    def _facet(self, name: str) -> str:
        if name not in self._facets:
            self._facets[name] = stable_hash(_facet_value(self._site, name))
        return self._facets[name]


def stable_hash(value: object) -> str:
    """A short hash of a value's repr: equal inputs always give the same fingerprint."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def _setting_value(config: SiteConfig, name: str) -> str:
    try:
        value = getattr(config, name)
    except AttributeError:
        return "none"
    if callable(value):  # a method of the settings: depends on all of them
        return repr([getattr(config, f.name) for f in dataclasses.fields(config)])
    return repr(value)


def _facet_value(site: Site, name: str) -> str:
    if name == "pages":
        return repr([(p.url, p.title, p.description, p.source_path) for p in site.pages])
    if name == "search":
        return repr(site.search)
    if name == "assets":
        return repr(sorted(site.assets.items()))
    if name == "current_year":
        return repr(site.current_year)
    paths = site.paths  # every article's, but for a model made by hand
    return "\n".join(
        f"{a.key}\t{paths.get(a.key) or site.article_path(a)}\t{a.digest}" for a in site.articles
    )
