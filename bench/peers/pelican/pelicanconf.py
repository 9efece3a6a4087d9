"""A minimal Pelican site equivalent to a newsdigest site, for bench/run.py --peers.

Article pages at /YYYY/MM/DD/slug/, a paginated home, tag pages, RSS (home and tags).
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Peer Digest"
SITEURL = "http://localhost:8000"
TIMEZONE = "Europe/Moscow"
DEFAULT_LANG = "en"
THEME = os.path.join(HERE, "theme")
DEFAULT_CATEGORY = "news"

ARTICLE_PATHS = [""]
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags"]

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "tag": None}

FEED_MAX_ITEMS = 50
FEED_ALL_RSS = "feed.xml"
TAG_FEED_RSS = "tags/{slug}/feed.xml"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

LOAD_CONTENT_CACHE = False
