"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) for the latest articles, with plain `json`.

feedgen has no JSON Feed. Required by the spec: `version`, `title`, and `items` each with a
unique, stable `id`; we add what readers use: `home_page_url`, `feed_url`, `url`,
`content_html`, `summary`, `date_published`, `authors`. Reproducible: sorted keys, no clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from newsdigest.model import Article
from newsdigest.site import Site
from newsdigest.site.paths import PATHS

VERSION = "https://jsonfeed.org/version/1.1"


ItemHtml = Callable[[Article, str], str]
"""An article's HTML as feed readers get it, given the article and its permalink."""


def json_feed(site: Site, content: ItemHtml) -> bytes:
    """feed.json with the latest feed_size articles, newest first."""
    config = site.config
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": config.title,
        "description": config.description,
        "home_page_url": config.base_url,
        "feed_url": config.absolute(PATHS.json_feed),
        "language": config.language,
        "authors": [{"name": config.author}],
        "items": [_item(site, article, content) for article in site.feed_articles],
    }
    text = json.dumps(feed, ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode()


def _item(site: Site, article: Article, content: ItemHtml) -> dict[str, Any]:
    """One article: its permalink is its id, so the id never changes while the URL stays."""
    permalink = site.permalink(article)
    item: dict[str, Any] = {
        "id": permalink,
        "url": permalink,
        "title": article.title,
        "summary": article.summary or article.title,
        "content_html": content(article, permalink),
        "date_published": article.date.isoformat(),
        "date_modified": article.date.isoformat(),
        "authors": [{"name": article.source or site.config.author}],
    }
    if article.source_url:
        item["external_url"] = article.source_url
    if article.tags:
        item["tags"] = list(article.tags)
    return item
