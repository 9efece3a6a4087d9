"""RSS 2.0 and Atom 1.0 bytes for the latest articles, with feedgen. Writes nothing.

feedgen 1.0.0 has traps, each handled here: entries are prepended unless order='append';
fe.id() alone gives RSS a guid that is not a permalink; the RSS channel <link> is the last
link added; feed dates default to the current time; naive datetimes are refused.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape, unescape
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .model import Article, Rendered
from .site import ATOM_PATH, RSS_PATH, Site

# Characters XML 1.0 forbids; feed content must stay well-formed whatever the input.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# markdown-it writes every URL attribute double-quoted and escapes '"' in text, so this
# pattern finds exactly the URLs of a rendered body.
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def xml_safe(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _XML_FORBIDDEN.sub("", text)


def render_feeds(site: Site, fallback_updated: datetime) -> list[Rendered]:
    """feed.xml (RSS 2.0) and atom.xml (Atom 1.0) with the latest feed_size articles.

    `fallback_updated` dates a feed with no articles, so that even an empty site builds
    reproducibly; otherwise the newest article dates the feed.
    """
    rss = _generator(site, RSS_PATH, fallback_updated).rss_str(pretty=True)
    atom = _generator(site, ATOM_PATH, fallback_updated).atom_str(pretty=True)
    return [Rendered(RSS_PATH, rss), Rendered(ATOM_PATH, atom)]


def _generator(site: Site, self_path: str, fallback_updated: datetime) -> FeedGenerator:
    config = site.config
    articles = site.feed_articles
    updated = max((a.date for a in articles), default=fallback_updated)
    feed = FeedGenerator()
    feed.id(config.base_url)
    feed.title(xml_safe(config.title))
    feed.subtitle(xml_safe(config.description))
    feed.description(xml_safe(config.description))
    feed.language(config.language)
    feed.author({"name": xml_safe(config.author)})
    feed.generator("newsdigest", uri="https://pypi.org/project/newsdigest/")
    feed.link(href=config.absolute(self_path), rel="self")
    feed.link(href=config.base_url, rel="alternate")  # last: it becomes the RSS <link>
    feed.updated(updated)
    feed.lastBuildDate(updated)
    feed.pubDate(updated)
    for article in articles:  # newest first, kept in that order
        _add_entry(feed, site, article)
    return feed


def _add_entry(feed: FeedGenerator, site: Site, article: Article) -> None:
    permalink = site.permalink(article)
    entry = feed.add_entry(order="append")
    entry.id(permalink)
    entry.guid(permalink, permalink=True)
    entry.title(xml_safe(article.title))
    entry.link(href=permalink, rel="alternate")
    entry.published(article.date)
    entry.updated(article.date)
    entry.author({"name": xml_safe(article.source or site.config.author)})
    entry.summary(xml_safe(article.summary) or xml_safe(article.title))
    # RSS readers render <description> as HTML: plain text must be escaped, or a seed's
    # '&lt;script&gt;' (plain '<script>' in the summary) would run in the reader.
    entry.description(xml_safe(escape(article.summary or article.title)))
    entry.content(xml_safe(absolute_urls(full_content(article), permalink)), type="html")
    for tag in article.tags:
        entry.category(term=xml_safe(tag))


def full_content(article: Article) -> str:
    """The body as a feed reader shows it: body, correction note, link to the original."""
    parts = [article.body_html]
    if article.correction:
        parts.append(f"<p><em>Correction: {escape(article.correction)}</em></p>")
    if article.source_url:
        name = escape(article.source or "the original")
        parts.append(f'<p>Read it at <a href="{escape(article.source_url)}">{name}</a>.</p>')
    return "\n".join(parts)


def absolute_urls(html: str, page_url: str) -> str:
    """Relative href and src made absolute against their page: readers show content off-site."""
    return _URL_ATTRIBUTE.sub(
        lambda m: f'{m[1]}="{escape(urljoin(page_url, unescape(m[2])))}"', html
    )
