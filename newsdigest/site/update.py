"""The site model updated in place after an edit that changes none of what it is computed from.

Assembling orders, groups, paginates and clusters every article: about half a second at 10,000
articles, and the same result again after the commonest edit, a change to an article's body.
The model reads only a few fields of an article (`ASSEMBLED_FIELDS`); when an edit leaves those
as they were, the new model is the old one with the edited articles swapped in wherever they
appear, which is what `assemble` itself would return.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from itertools import repeat
from operator import is_
from typing import Any

from newsdigest.config import SiteConfig
from newsdigest.model import Article

from .assemble import Site

_WITHOUT_ARTICLES = frozenset({"config", "search", "assets", "paths", "term_paths", "slugs"})
"""Fields of the site that hold no article: not walked. (story_memo holds keys, not articles.)"""

ASSEMBLED_FIELDS = ("source_path", "title", "date", "slug", "summary", "source", "tags", "entities")
"""The article fields the site model is computed from: its order, days, pages, topics, names,
sources, stories and related articles. tests/test_update.py holds `assemble` to it."""


def text_edits(before: Sequence[Article], after: Sequence[Article]) -> dict[str, Article] | None:
    """The edited articles by key, when `after` is `before` with only fields outside
    ASSEMBLED_FIELDS changed (in the same order); None when the model itself must change."""
    if len(before) != len(after):
        return None
    edited: dict[str, Article] = {}
    for old, new in zip(before, after, strict=True):
        if old is new:
            continue
        if any(getattr(old, name) != getattr(new, name) for name in ASSEMBLED_FIELDS):
            return None
        edited[new.key] = new
    return edited


def with_articles(site: Site, edited: Mapping[str, Article], config: SiteConfig) -> Site:
    """`site` with each article of `edited` (by key) in place of the one it replaces, and
    `config` (equal to the site's, perhaps another copy of it)."""
    if not edited:
        return dataclasses.replace(site, config=config) if site.config is not config else site
    swap = _Swap(site, edited)
    changes: dict[str, Any] = {"config": config}
    for field in dataclasses.fields(site):
        if field.name in _WITHOUT_ARTICLES or field.name == "story_memo":
            continue
        value = getattr(site, field.name)
        new = swap(value)
        if new is not value:
            changes[field.name] = new
    return dataclasses.replace(site, **changes)


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
        if value and isinstance(value[0], Article) and not self._holds_replaced(value):
            return value
        items = tuple(self(item) for item in value)
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return items

    def _holds_replaced(self, articles: tuple[Any, ...]) -> bool:
        return any(any(map(is_, articles, repeat(old))) for old in self._replaced)

    def _mapping(self, value: Mapping[Any, Any]) -> Mapping[Any, Any]:
        items = {key: self(item) for key, item in value.items()}
        if all(items[key] is item for key, item in value.items()):
            return value
        return items

    def _dataclass(self, value: Any) -> Any:
        names = self._fields.get(type(value))
        if names is None:
            names = self._fields[type(value)] = _fields_that_may_hold_articles(type(value))
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = self(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value


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
