"""Site settings: one short typed file (`site.toml`), with every default in one place."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError
from .names import NAME_KINDS, NameSettings, load_names
from .tables import TABLES, normal_segment
from .theme import TABLE as THEME_TABLE
from .theme import NavLink, Theme

__all__ = [
    "CONFIG_NAME",
    "NAMES_NAME",
    "NAME_KINDS",
    "ConfigError",
    "NameSettings",
    "NavLink",
    "SiteConfig",
    "Theme",
    "load_config",
    "load_names",
    "normal_segment",
]

CONFIG_NAME = "site.toml"
NAMES_NAME = "names.toml"
DATE_ORDERS = ("MDY", "DMY", "YMD")
_TABLES = MappingProxyType({**TABLES, **THEME_TABLE})
"""Settings that are TOML tables, each with its checker; their problems are located by line."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything a build needs to know about one site, validated."""

    root: Path
    """The site folder: holds seeds/, content/, layouts/, static/ and site.toml."""
    title: str = "News Digest"
    """The digest's name, shown in every page header and in the feeds."""
    description: str = "The day's news, digested."
    """One sentence for the home page, meta descriptions and feeds."""
    base_url: str = "http://localhost:8000/"
    """Absolute URL the site is served from, ending in '/'; may carry a path."""
    language: str = "en"
    """BCP 47 language tag for `<html lang>` and the feeds."""
    timezone: str = "UTC"
    """IANA zone for dates that a seed gives without one, and for grouping by day."""
    author: str = "Newsdigest"
    """Who publishes the digest; the feeds' author."""
    feed_size: int = 50
    """How many of the latest articles each feed carries."""
    page_size: int = 20
    """How many articles a home or list page shows before it paginates."""
    default_source: str = ""
    """Publisher name used when a seed has no source URL; empty leaves it out."""
    max_seed_bytes: int = 5_000_000
    """Seeds larger than this are refused rather than ingested."""
    date_order: str = "MDY"
    """How to read ambiguous numeric dates such as 03.04.2025: MDY, DMY or YMD."""
    sections: tuple[tuple[str, str], ...] = ()
    """`[sections]`: URL path segment -> topic, over the default map of news URL shapes
    (content/topics.py); an empty topic drops a default segment. Sorted by segment."""
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """`[topics]`: topic -> the words and phrases that give an article that topic, in the
    file's order."""
    topic_mentions: int = 3
    """How many mentions of a topic's words give an article the topic; one in the headline
    counts twice, one in the lead once more than in the body."""
    theme: Theme = field(default_factory=Theme)
    """`[theme]`: the default layouts' accent colour, logo, extra navigation links and footer
    text (config/theme.py)."""
    preview: bool = False
    """Built for the local preview rather than for publishing; never set in site.toml."""
    names: NameSettings = field(default_factory=NameSettings)
    """What `names.toml` says about names; never set in site.toml."""

    @cached_property
    def zone(self) -> ZoneInfo:
        """The site's time zone object."""
        return ZoneInfo(self.timezone)

    @property
    def hash_assets(self) -> bool:
        """Publish static files under names that carry a hash of their bytes (cacheable for a
        year). Not in the preview, so that a stylesheet edit changes the stylesheet alone and
        open pages swap it in place."""
        return not self.preview

    @property
    def settings_file(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def names_file(self) -> Path:
        return self.root / NAMES_NAME

    @property
    def input_folders(self) -> tuple[Path, ...]:
        """Every folder a build reads: seeds/, content/, layouts/ and static/."""
        return (self.seeds_dir, self.content_dir, self.layouts_dir, self.static_dir)

    @property
    def input_paths(self) -> tuple[Path, ...]:
        """Every folder and file a build reads: what the preview watches for changes, and what
        the snapshot of an unchanged site covers."""
        return (*self.input_folders, self.settings_file, self.names_file)

    @property
    def base_path(self) -> str:
        """The path part of base_url, such as '/' or '/news/'."""
        return urlsplit(self.base_url).path

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def articles_dir(self) -> Path:
        """Where ingest writes one page per article; every page under it is an article."""
        return self.content_dir / "articles"

    @property
    def layouts_dir(self) -> Path:
        return self.root / "layouts"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    @property
    def public_dir(self) -> Path:
        """Where the site is built unless told otherwise."""
        return self.root / "public"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"

    @property
    def preview_dir(self) -> Path:
        """Where the preview builds: a folder of its own, so public/ only ever holds what
        `build` made for publishing."""
        return self.cache_dir / "preview"

    def absolute(self, site_path: str) -> str:
        """Turn a site path such as '2025/03/14/slug/' into an absolute URL."""
        return self.base_url + site_path.lstrip("/")


_KEYS = MappingProxyType(
    {f.name: f for f in fields(SiteConfig) if f.name not in ("root", "preview", "names")}
)


def load_config(root: Path, base_url: str | None = None, preview: bool = False) -> SiteConfig:
    """Read `root/site.toml` (missing means all defaults) and validate every key.

    `base_url` overrides the file's; `preview` makes the settings of the local preview.
    """
    path = root / CONFIG_NAME  # SiteConfig.settings_file, before there is a SiteConfig
    if not root.is_dir():
        raise ConfigError(f"{root}: no such site folder; make one with 'newsdigest init {root}'")
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: not valid TOML ({err}); fix the syntax") from err
    if base_url is not None:
        raw.pop("base_url", None)
    tables = {key: raw.pop(key) for key in _TABLES if key in raw}
    values = {key: _check(path, key, value) for key, value in raw.items()}
    if base_url is not None:  # a flag's mistake is the flag's, not the file's
        values["base_url"] = _check_base_url(Path("--base-url"), base_url)
    if tables:  # lines are looked up only for a file that has tables
        text = path.read_text(encoding="utf-8")
        values.update({key: _TABLES[key](path, text, table) for key, table in tables.items()})
    names = load_names(root / NAMES_NAME)
    return replace(SiteConfig(root=root, preview=preview, names=names), **values)


def _check(path: Path, key: str, value: Any) -> Any:
    """Validate one setting; raise ConfigError naming the key and what to do."""
    if key not in _KEYS:
        known = ", ".join(sorted(_KEYS))
        raise ConfigError(f"{path}: unknown key '{key}'; known keys are {known}")
    expected = int if _KEYS[key].type in ("int", int) else str
    if type(value) is not expected:
        raise ConfigError(f"{path}: '{key}' must be a {expected.__name__}, not {value!r}")
    checker = _CHECKS.get(key)
    return checker(path, value) if checker else value


def _check_base_url(path: Path, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"{path}: 'base_url' must be an absolute http(s) URL such as "
            f"'https://example.org/news/', not {value!r}"
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"{path}: 'base_url' must not have a query or fragment: {value!r}")
    unsafe = sorted({c for c in value if c in _UNSAFE_IN_URL or not c.isprintable()})
    if unsafe:
        shown = " ".join(repr(c) for c in unsafe)
        raise ConfigError(
            f"{path}: 'base_url' {value!r} holds {shown}, which a URL must encode; "
            "write them %-encoded (a space is %20)"
        )
    return value if value.endswith("/") else value + "/"


_UNSAFE_IN_URL = frozenset(' "<>\\^`{|}')
"""Characters RFC 3986 never allows raw in a URL: they would land raw in robots.txt and feeds."""


def _check_timezone(path: Path, value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ConfigError(
            f"{path}: 'timezone' {value!r} is not an IANA zone; use one like 'Europe/Moscow'"
        ) from err
    return value


def _check_positive(key: str) -> Any:
    def check(path: Path, value: int) -> int:
        if value < 1:
            raise ConfigError(f"{path}: '{key}' must be at least 1, not {value}")
        return value

    return check


def _check_date_order(path: Path, value: str) -> str:
    if value.upper() not in DATE_ORDERS:
        raise ConfigError(f"{path}: 'date_order' must be one of {', '.join(DATE_ORDERS)}")
    return value.upper()


def _check_nonempty(key: str) -> Any:
    def check(path: Path, value: str) -> str:
        if not value.strip():
            raise ConfigError(f"{path}: '{key}' must not be empty")
        return value.strip()

    return check


_CHECKS = MappingProxyType(
    {
        "base_url": _check_base_url,
        "timezone": _check_timezone,
        "feed_size": _check_positive("feed_size"),
        "page_size": _check_positive("page_size"),
        "max_seed_bytes": _check_positive("max_seed_bytes"),
        "date_order": _check_date_order,
        "topic_mentions": _check_positive("topic_mentions"),
        "title": _check_nonempty("title"),
        "description": _check_nonempty("description"),
        "language": _check_nonempty("language"),
    }
)
