"""The site model updated in place after an edit that changes none of what it is computed from.

Assembling orders, groups, paginates and clusters every article: about half a second at 10,000
articles, and the same result again after the commonest edit, a change to an article's body.
The model reads only a few fields of an article (`ASSEMBLED_FIELDS`); when an edit leaves those
as they were, the new model is the old one with the edited articles swapped in wherever they
appear, which is what `assemble` itself would return.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
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

    def __call__(self, value: Any) -> Any:
        if isinstance(value, Article):
            return self._edited.get(value.key, value)
        if isinstance(value, tuple):
            return self._tuple(value)
        if isinstance(value, Mapping):
            return self._mapping(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._dataclass(value)
        return value

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
            names = tuple(f.name for f in dataclasses.fields(value) if f.init)
            self._fields[type(value)] = names
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = self(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
