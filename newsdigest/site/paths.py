"""Where everything lives on the site: the one place that names its paths. Pure.

Site paths are relative to the base URL, never start with '/', and end in '/' for pages
('2025/03/14/slug/') or a file name for other outputs ('feed.xml'). '' is the home page.
Layouts reach these names as `paths` (`link(paths.archive)`), never as literals.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from datetime import tzinfo

from newsdigest.model import Article

KINDS = ("topics", "entities", "sources")
"""The kinds of term, each one a folder of the site: /topics/<slug>/ and so on."""


@dataclass(frozen=True)
class SitePaths:
    """The fixed paths of the digest's own pages and feeds."""

    home: str = ""
    archive: str = "archive/"
    topics: str = "topics/"
    entities: str = "entities/"
    sources: str = "sources/"
    feeds: str = "feeds/"
    """The page that lists every feed."""
    search: str = "search/"
    search_script: str = "pagefind/pagefind.js"
    """Pagefind's script, which the search page loads (output/search.py writes the bundle)."""
    rss: str = "feed.xml"
    atom: str = "atom.xml"
    json_feed: str = "feed.json"
    opml: str = "feeds.opml"
    sitemap: str = "sitemap.xml"
    robots: str = "robots.txt"
    not_found: str = "404.html"


PATHS = SitePaths()
PAGE_SEGMENT = "page/"
"""Where a paginated list goes on: page/2/ for the home, topics/x/page/2/ for a topic."""

RESERVED = frozenset(
    {
        *(path.split("/")[0] for path in astuple(PATHS) if path),
        PAGE_SEGMENT.rstrip("/"),
        "static",
        "assets",
        *KINDS,
    }
)
"""First path segments the digest itself uses: a hand-written page may not take them."""


@dataclass(frozen=True)
class FeedFormat:
    """One of the main feeds: where it is and how to name it."""

    path: str
    name: str
    """The format's full name, for the feeds page: 'RSS 2.0'."""
    short: str
    """Its short name, for a page's <head>: 'RSS'."""
    mime: str


MAIN_FEEDS = (
    FeedFormat(PATHS.rss, "RSS 2.0", "RSS", "application/rss+xml"),
    FeedFormat(PATHS.atom, "Atom", "Atom", "application/atom+xml"),
    FeedFormat(PATHS.json_feed, "JSON Feed", "JSON Feed", "application/feed+json"),
)
"""The site's own feeds of the latest articles, in the order pages list them."""


def article_path(article: Article, zone: tzinfo) -> str:
    """'2025/03/14/slug/': under the article's day in the site's zone."""
    return f"{article.date.astimezone(zone):%Y/%m/%d}/{article.slug}/"


def day_path(article: Article, zone: tzinfo) -> str:
    """'2025/03/14/': the page of the article's day in the site's zone."""
    return f"{article.date.astimezone(zone):%Y/%m/%d}/"


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at from_path to to_path that works under any base path and on file://."""
    return "../" * from_path.count("/") + to_path or "./"


def output_file(site_path: str) -> str:
    """The file a site path is written to: pages are folders with an index.html."""
    return site_path + "index.html" if site_path.endswith("/") or not site_path else site_path


def asset_paths(files: list[tuple[str, bytes]], hashed: bool) -> dict[str, str]:
    """Where layouts link each static file. With `hashed`, a copy under assets/ whose name carries
    a hash of its bytes, so a host may cache it for a year and a changed file gets a new name;
    every file is also published under static/ by its own name, for links written by hand."""
    paths = {}
    for name, data in files:
        if not hashed:
            paths[name] = f"static/{name}"
            continue
        stem, dot, suffix = name.rpartition(".")
        tag = hashlib.blake2b(data, digest_size=5).hexdigest()
        paths[name] = (
            f"assets/{stem}.{tag}.{suffix}" if dot and "/" not in suffix else f"assets/{name}.{tag}"
        )
    return paths
