"""RSS 2.0 and Atom 1.0 bytes for the latest articles, with feedgen. Writes nothing.

Besides the main feeds: an RSS feed per topic, entity and source (the latest TERM_FEED_SIZE
articles, summaries only, so that thousands of them stay small and quick), the JSON Feed
(jsonfeed.py) and an OPML list of the topic feeds.

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

from newsdigest.model import Article, Rendered
from newsdigest.site import Site
from newsdigest.site.paths import PATHS
from newsdigest.site.taxonomy import Term

from .jsonfeed import json_feed

TERM_FEED_SIZE = 20
"""Articles in each topic's, entity's and source's feed."""

# Characters XML 1.0 forbids; feed content must stay well-formed whatever the input.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# markdown-it writes every URL attribute double-quoted and escapes '"' in text, so this
# pattern finds exactly the URLs of a rendered body.
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def xml_safe(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _XML_FORBIDDEN.sub("", text)


def render_feeds(site: Site, fallback_updated: datetime) -> list[Rendered]:
    """feed.xml (RSS 2.0), atom.xml (Atom 1.0) and feed.json with the latest feed_size articles,
    and feeds.opml; each term's own feed comes from term_feed.

    `fallback_updated` dates a feed with no articles, so that even an empty site builds
    reproducibly; otherwise the newest article dates the feed.
    """
    rss = _generator(site, PATHS.rss, fallback_updated).rss_str(pretty=True)
    atom = _generator(site, PATHS.atom, fallback_updated).atom_str(pretty=True)
    return [
        Rendered(PATHS.rss, rss),
        Rendered(PATHS.atom, atom),
        Rendered(
            PATHS.json_feed, json_feed(site, lambda a, url: absolute_urls(full_content(a), url))
        ),
        Rendered(PATHS.opml, opml(site)),
    ]


MAIN_FEED_PATHS = (PATHS.rss, PATHS.atom, PATHS.json_feed, PATHS.opml)
"""What render_feeds makes."""


def main_feed_inputs(site: Site) -> tuple[object, ...]:
    """What the main feeds show besides the settings and the fields of the articles they
    carry (which the build records as their reads): which articles, where, and the topics."""
    shown = [(a.key, site.article_path(a)) for a in site.feed_articles]
    newest = site.articles[0].date if site.articles else None
    return (shown, newest, [(t.name, t.path, t.feed_path) for t in site.topics])


def term_feed_inputs(site: Site, term: Term) -> tuple[object, ...]:
    """What a term's feed shows besides the settings and the fields of the articles it
    carries: which articles, where."""
    shown = term.articles[:TERM_FEED_SIZE]
    return (term.name, term.path, term.feed_path, [(a.key, site.article_path(a)) for a in shown])


def term_feed(site: Site, term: Term) -> bytes:
    """RSS 2.0 for one topic, entity or source: its latest articles, with their summaries."""
    title = f"{term.name} · {site.config.title}"
    description = f"The latest articles on {term.name} in {site.config.title}."
    feed = _channel(site, term.feed_path, term.path, title, description, term.articles[0].date)
    for article in term.articles[:TERM_FEED_SIZE]:
        _add_entry(feed, site, article, full=False)
    result: bytes = feed.rss_str(pretty=True)
    return result


def _generator(site: Site, self_path: str, fallback_updated: datetime) -> FeedGenerator:
    config = site.config
    articles = site.feed_articles
    updated = max((a.date for a in articles), default=fallback_updated)
    feed = _channel(site, self_path, "", config.title, config.description, updated)
    for article in articles:  # newest first, kept in that order
        _add_entry(feed, site, article)
    return feed


def _channel(
    site: Site, self_path: str, home_path: str, title: str, description: str, updated: datetime
) -> FeedGenerator:
    """A feed with its own metadata and no entries; dated by its newest article."""
    config = site.config
    feed = FeedGenerator()
    feed.id(config.absolute(home_path))
    feed.title(xml_safe(title))
    feed.subtitle(xml_safe(description))
    feed.description(xml_safe(description))
    feed.language(config.language)
    feed.author({"name": xml_safe(config.author)})
    feed.load_extension("dc", atom=False, rss=True)  # RSS's <author> wants an e-mail address
    feed.generator("newsdigest", uri="https://pypi.org/project/newsdigest/")
    feed.link(href=config.absolute(self_path), rel="self")
    feed.link(href=config.absolute(home_path), rel="alternate")  # last: it becomes the RSS <link>
    feed.updated(updated)
    feed.lastBuildDate(updated)
    feed.pubDate(updated)
    return feed


def _add_entry(feed: FeedGenerator, site: Site, article: Article, full: bool = True) -> None:
    permalink = site.permalink(article)
    entry = feed.add_entry(order="append")
    entry.id(permalink)
    entry.guid(permalink, permalink=True)
    entry.title(xml_safe(article.title))
    entry.link(href=permalink, rel="alternate")
    entry.published(article.date)
    entry.updated(article.date)
    entry.author({"name": xml_safe(article.source or site.config.author)})
    entry.dc.dc_creator(xml_safe(article.source or site.config.author))
    entry.summary(xml_safe(article.summary) or xml_safe(article.title))
    # RSS readers render <description> as HTML: plain text must be escaped, or a seed's
    # '&lt;script&gt;' (plain '<script>' in the summary) would run in the reader.
    entry.description(xml_safe(escape(article.summary or article.title)))
    if full:
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


def opml(site: Site) -> bytes:
    """OPML 2.0 listing the main feed and every topic's feed: subscribe to all topics at once."""
    config = site.config
    newest = site.articles[0].date.strftime("%a, %d %b %Y %H:%M:%S %z") if site.articles else ""
    outline = '    <outline type="rss" text="{0}" title="{0}" xmlUrl="{1}" htmlUrl="{2}"/>'
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_attr(config.title)} feeds</title>",
        *([f"    <dateModified>{newest}</dateModified>"] if newest else []),
        "  </head>",
        "  <body>",
        outline.format(
            _attr(config.title), _attr(config.absolute(PATHS.rss)), _attr(config.base_url)
        ),
        '    <outline text="Topics" title="Topics">',
        *(
            "  "
            + outline.format(
                _attr(t.name), _attr(config.absolute(t.feed_path)), _attr(config.absolute(t.path))
            )
            for t in site.topics
        ),
        "    </outline>",
        "  </body>",
        "</opml>",
    ]
    return ("\n".join(lines) + "\n").encode()


def _attr(text: str) -> str:
    """Text safe inside a double-quoted XML attribute."""
    return escape(xml_safe(text), quote=True)
