"""The site model updated in place after an edit that leaves its shape as it was.

Assembling orders, groups, paginates and clusters every article: two seconds at 10,000
articles, and the same result again after the commonest edits, to an article's body, headline
or lead. The model's shape is made from a few fields of an article (`MODEL_FIELDS`); when an
edit leaves those as they were, and the articles' order, stories and related lists come out as
they were (headlines, leads and the body's key terms weigh in those), the new model is the old
one with the edited articles swapped in wherever they appear: what `assemble` itself would
return.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, tzinfo
from itertools import accumulate, chain, compress, count, repeat
from operator import is_
from typing import Any

from newsdigest.config import SiteConfig
from newsdigest.model import Article

from .assemble import Site, article_order
from .calendar import Day
from .pages import ListPage
from .stories import stories_and_related
from .taxonomy import Term

_WITHOUT_ARTICLES = frozenset(
    {"config", "search", "assets", "paths", "term_paths", "slugs", "entity_slugs", "entity_names"}
)
"""Fields of the site that hold no article: not walked. (story_memo holds keys, not articles.)"""

MODEL_FIELDS = ("source_path", "date", "slug", "source", "tags", "entities", "pinned")
"""The article fields the model's shape is computed from: its days, pages, topics, names and
sources, the front page (and its order, with the headline)."""
HEADLINE_FIELDS = ("title", "summary", "terms")
"""Article fields that only order articles of the same moment and weigh in stories and related
articles: an edit of them keeps the model when those come out the same. (A body edit changes
`terms` only when it changes the body's commonest words.)"""
ASSEMBLED_FIELDS = (*MODEL_FIELDS, *HEADLINE_FIELDS)
"""Every article field `assemble` reads. tests/test_update.py holds it to them."""


def text_edits(
    before: Sequence[Article], after: Sequence[Article], fields: Sequence[str] = ASSEMBLED_FIELDS
) -> dict[str, Article] | None:
    """The edited articles by key, when `after` is `before` with none of `fields` changed (in
    the same order); None when the model itself must change."""
    if len(before) != len(after):
        return None
    edited: dict[str, Article] = {}
    for old, new in zip(before, after, strict=True):
        if old is new:
            continue
        if any(getattr(old, name) != getattr(new, name) for name in fields):
            return None
        edited[new.key] = new
    return edited


def updated(
    site: Site, before: Sequence[Article], after: Sequence[Article], config: SiteConfig
) -> tuple[Site, frozenset[str]] | None:
    """`site`, assembled from `before`, updated in place for `after`, with the keys of the
    articles swapped in; None when `after` must be assembled: the model's shape changed."""
    edited = text_edits(before, after, MODEL_FIELDS)
    if edited is None:
        return None
    headlines = [new for new in edited.values() if _headline_changed(site.by_key.get(new.key), new)]
    if not headlines:
        return with_articles(site, edited, config), frozenset(edited)
    if site.story_memo is None or len(site.articles) != len(after):  # one was left out
        return None
    articles = tuple(edited.get(a.key, a) for a in site.articles)
    if [a.key for a in sorted(articles, key=article_order, reverse=True)] != [
        a.key for a in articles
    ]:
        return None
    _, _, memo = stories_and_related(articles, site.story_memo)
    if (memo.stories, memo.related) != (site.story_memo.stories, site.story_memo.related):
        return None
    return replace(with_articles(site, edited, config), story_memo=memo), frozenset(edited)


def _headline_changed(old: Article | None, new: Article) -> bool:
    return old is None or any(getattr(old, n) != getattr(new, n) for n in HEADLINE_FIELDS)


def with_articles(site: Site, edited: Mapping[str, Article], config: SiteConfig) -> Site:
    """`site` with each article of `edited` (by key) in place of the one it replaces, and
    `config` (equal to the site's, perhaps another copy of it)."""
    if not edited:
        return replace(site, config=config) if site.config is not config else site
    swap = _Swap(site, edited)
    changes: dict[str, Any] = {"config": config}
    for field in dataclasses.fields(site):
        if field.name in _WITHOUT_ARTICLES or field.name == "story_memo":
            continue
        value = getattr(site, field.name)
        new = swap(value)
        if new is not value:
            changes[field.name] = new
    return replace(site, **changes)


class _Swap:
    """Rebuilds only the containers an edited article is in; the rest are kept as they are.

    Lists of articles are searched for the replaced objects by identity, in C (`map(is_)`):
    at 10,000 articles the model holds some 400,000 references, too many to visit one by one.
    """

    def __init__(self, site: Site, edited: Mapping[str, Article]) -> None:
        self._edited = edited
        self._replaced = tuple(site.by_key[key] for key in edited if key in site.by_key)
        self._fields: dict[type, tuple[str, ...]] = {}
        self._kinds: dict[type, str] = {}
        """How each type met is walked: seven fields of 7,000 name pages are 50,000 values."""
        self._done: dict[int, Any] = {}
        """What each object reached twice became, by id (the site holds every one of them
        throughout): a story is in `stories` and in `story_of`, and stays one object."""

    def __call__(self, value: Any) -> Any:
        kind = self._kinds.get(type(value))
        if kind is None:
            kind = self._kinds[type(value)] = _kind_of(value)
        if kind == "leaf":
            return value
        if kind == "article":
            return self._edited.get(value.key, value)
        if kind == "tuple":
            return self._tuple(value)
        if kind == "mapping":
            return self._mapping(value)
        done = self._done.get(id(value))
        if done is None:
            done = self._done[id(value)] = self._dataclass(value)
        return done

    def _tuple(self, value: tuple[Any, ...]) -> tuple[Any, ...]:
        if value and isinstance(value[0], Article):  # found by identity, in C if many
            at = (
                [(i, old) for i, item in enumerate(value) for old in self._replaced if item is old]
                if len(value) <= _SHORT
                else [
                    (i, old) for old in self._replaced for i in compress(count(), _is(value, old))
                ]
            )
            if not at:
                return value
            swapped = list(value)
            for index, old in at:
                swapped[index] = self._edited[old.key]
            return tuple(swapped)
        swapped = list(value)
        for index in self._may_hold(value):
            swapped[index] = self(value[index])
        if all(new is old for new, old in zip(swapped, value, strict=True)):
            return value
        return tuple(swapped)

    def _holds_replaced(self, articles: tuple[Any, ...]) -> bool:
        return any(any(_is(articles, old)) for old in self._replaced)

    def _mapping(self, value: Mapping[Any, Any]) -> Mapping[Any, Any]:
        keys, items = list(value), list(value.values())
        changes = {}
        for index in self._may_hold(items):
            new = self(items[index])
            if new is not items[index]:
                changes[keys[index]] = new
        return {**value, **changes} if changes else value

    def _may_hold(self, items: Sequence[Any]) -> Iterable[int]:
        """Positions of the items that may hold an edited article. Articles, tuples of
        articles and _HOLDS_ALL types are searched together, in C; other items are all
        walked."""
        if all(map(isinstance, items, repeat(Article))):
            return self._found([tuple(items)], ends=False)
        if all(map(isinstance, items, repeat(tuple))):
            groups = list(items)
        else:
            kind = type(items[0]) if items else None
            every = _HOLDS_ALL.get(kind) if kind is not None else None
            if every is None or not all(type(item) is kind for item in items):
                return range(len(items))
            groups = [getattr(item, every) for item in items]
        if not all(map(isinstance, chain.from_iterable(groups), repeat(Article))):
            return range(len(items))
        return self._found(groups)

    def _found(self, groups: list[tuple[Any, ...]], ends: bool = True) -> set[int]:
        """Which groups hold an edited article (with `ends`), else where in the one group."""
        flat = list(chain.from_iterable(groups))
        hits = [i for old in self._replaced for i in compress(count(), _is(flat, old))]
        if not ends or not hits:
            return set(hits)
        bounds = list(accumulate(map(len, groups)))
        return {bisect_right(bounds, hit) for hit in hits}

    def _dataclass(self, value: Any) -> Any:
        kind = type(value)
        names = self._fields.get(kind)
        if names is None:
            names = self._fields[kind] = _fields_that_may_hold_articles(kind)
        every = _HOLDS_ALL.get(kind)
        if every is not None and not self._holds_replaced(getattr(value, every)):
            return value
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = self(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value


_SHORT = 8
"""Tuples of articles this short (related lists) are searched in Python: quicker to set up."""

_HOLDS_ALL: Mapping[type, str] = {Term: "articles", ListPage: "articles", Day: "articles"}
"""Types whose one field holds every article any other field of theirs holds (a name's pages
are slices of its articles): when that field holds no edited article, nothing of it does.
Tuples of them, such as 7,000 names or a name's 400 pages, are so searched in C."""


def _is(articles: Sequence[Any], old: Article) -> Iterator[bool]:
    return map(is_, articles, repeat(old))


def _kind_of(value: Any) -> str:
    """How the walk treats values of this one's type: it is the same for all of them."""
    if isinstance(value, Article):
        return "article"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, Mapping):
        return "mapping"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return "dataclass"
    return "leaf"


_PLAIN = (str, int, float, bool, type(None), tzinfo, date)
"""Types a field annotated with only these (in a union too) holds no article."""


def _fields_that_may_hold_articles(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass worth walking: all but those whose annotation says they hold
    plain values, such as `path: str` or `newer_path: str | None` of each list page."""
    try:
        hints = typing.get_type_hints(kind)
    except (NameError, TypeError):  # an annotation that cannot be read: walk every field
        hints = {}
    return tuple(
        f.name for f in dataclasses.fields(kind) if f.init and not _plain(hints.get(f.name, Any))
    )


def _plain(hint: Any) -> bool:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return all(_plain(arg) for arg in typing.get_args(hint))
    return isinstance(hint, type) and issubclass(hint, _PLAIN)
