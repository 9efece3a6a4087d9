"""Site settings: one short typed file (`site.toml`), with every default in one place."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CONFIG_NAME = "site.toml"
NAMES_NAME = "names.toml"
DATE_ORDERS = ("MDY", "DMY", "YMD")
NAME_KINDS = ("person", "place", "organisation", "other")
"""The kinds names.toml may give a name (names/kinds.py's, which config may not import)."""


class ConfigError(Exception):
    """A setting that cannot be used; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class NameSettings:
    """The editor's word on names, from `names.toml`: applied when the site is assembled, so
    that no page is edited for it. Sorted tuples: equal files, equal settings and stamps."""

    never: tuple[str, ...] = ()
    """Never a name: no page, no link, whatever the articles say ('Century', 'Stay')."""
    aliases: tuple[tuple[str, str], ...] = ()
    """(alias, canonical name): 'Brown' is 'Gordon Brown' on this site."""
    kinds: tuple[tuple[str, str], ...] = ()
    """(name, kind): the kind the editor gives a name, one of NAME_KINDS."""
    problems: tuple[tuple[int, str], ...] = ()
    """(line, message) for each entry left out; the site reports them as Problems."""


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
    preview: bool = False
    """Built for the local preview rather than for publishing; never set in site.toml."""
    names: NameSettings = NameSettings()
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
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: not valid TOML ({err}); fix the syntax") from err
    if base_url is not None:
        raw["base_url"] = base_url
    values = {key: _check(path, key, value) for key, value in raw.items()}
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
    return value if value.endswith("/") else value + "/"


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
        "title": _check_nonempty("title"),
        "language": _check_nonempty("language"),
    }
)

_NAME_TABLES = ("never", "aliases", "kinds")
_TOML_LINE = re.compile(r"at line (\d+)")
_MAX_SKIPPED_LINES = 50


def load_names(path: Path) -> NameSettings:
    """Read `names.toml` (missing means nothing to say). Never raises: each bad line or entry
    becomes a problem naming its line, and the rest is applied."""
    if not path.exists():
        return NameSettings()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return NameSettings(problems=((0, f"cannot be read ({err}); save it as UTF-8"),))
    raw, problems = _parse_skipping_bad_lines(text)
    lines = text.splitlines()
    for key in raw:
        if key not in _NAME_TABLES:
            problems.append(
                (
                    _line_of(lines, key),
                    f"unknown key '{key}'; known keys are {', '.join(_NAME_TABLES)}",
                )
            )
    never = _names_list(raw.get("never", []), lines, problems)
    kinds = _name_table(raw.get("kinds", {}), "kinds", lines, problems, _check_name_kind)
    aliases = _name_table(raw.get("aliases", {}), "aliases", lines, problems, _check_alias)
    aliases = _without_cycles(aliases, lines, problems)
    return NameSettings(
        tuple(sorted(set(never))),
        tuple(sorted(aliases.items())),
        tuple(sorted(kinds.items())),
        tuple(sorted(problems)),
    )


def _parse_skipping_bad_lines(text: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """Parse the TOML; a line it cannot read is reported and left out, and parsing goes on."""
    problems: list[tuple[int, str]] = []
    lines = text.splitlines()
    for _ in range(_MAX_SKIPPED_LINES):
        try:
            return tomllib.loads("\n".join(lines)), problems
        except tomllib.TOMLDecodeError as err:
            found = _TOML_LINE.search(str(err))
            line = int(found.group(1)) if found else 0
            problems.append((line, f"not valid TOML ({err}); this line is left out"))
            if not 0 < line <= len(lines) or not lines[line - 1].strip():
                break
            lines[line - 1] = ""
    problems.append((0, "too many lines that are not TOML; nothing of the file is applied"))
    return {}, problems


def _line_of(lines: list[str], name: str, table: str = "", as_key: bool = True) -> int:
    """The 1-based line that gives `name` (as a key, or as a quoted string), looked for after
    the `[table]` header when there is one; 0 if not found."""
    quoted = re.escape(name)
    pattern = rf"^\s*(?:\"{quoted}\"|'{quoted}'|{quoted})\s*=" if as_key else rf"[\"']{quoted}[\"']"
    wanted, header = re.compile(pattern), re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
    start = next((n for n, line in enumerate(lines) if table and header.match(line)), 0)
    found = (n for n, line in enumerate(lines[start:], start + 1) if wanted.search(line))
    return next(found, 0)


def _names_list(value: Any, lines: list[str], problems: list[tuple[int, str]]) -> list[str]:
    if not isinstance(value, list):
        problems.append((_line_of(lines, "never"), "'never' must be a list of names"))
        return []
    kept = [name.strip() for name in value if isinstance(name, str) and name.strip()]
    if len(kept) != len(value):
        problems.append(
            (
                _line_of(lines, "never"),
                "'never' holds something not a name; "
                'write each name in quotes: never = ["Century"]',
            )
        )
    return kept


def _name_table(
    value: Any,
    table: str,
    lines: list[str],
    problems: list[tuple[int, str]],
    check: Any,
) -> dict[str, str]:
    """The entries of [aliases] or [kinds] that `check` accepts (it returns a message or '')."""
    if not isinstance(value, dict):
        problems.append((_line_of(lines, table), f"'{table}' must be a table: [{table}]"))
        return {}
    kept: dict[str, str] = {}
    for name, target in value.items():
        message = check(name, target)
        if message:
            problems.append((_line_of(lines, name, table), f"[{table}] '{name}': {message}"))
        else:
            kept[name.strip()] = target.strip()
    return kept


def _check_name_kind(name: str, kind: Any) -> str:
    if not isinstance(kind, str) or kind.strip() not in NAME_KINDS:
        return f"the kind must be one of {', '.join(NAME_KINDS)}, not {kind!r}; entry left out"
    return "" if name.strip() else "an empty name; entry left out"


def _check_alias(alias: str, canonical: Any) -> str:
    if not isinstance(canonical, str) or not canonical.strip() or not alias.strip():
        return f'must name the name it stands for: "{alias}" = "Full Name"; entry left out'
    if canonical.strip() == alias.strip():
        return "is an alias of itself; entry left out"
    return ""


def _without_cycles(
    aliases: dict[str, str], lines: list[str], problems: list[tuple[int, str]]
) -> dict[str, str]:
    """Aliases whose chain ends at a name; an alias in a loop ('A' = 'B', 'B' = 'A') is left
    out, each of the loop's entries reported."""
    kept: dict[str, str] = {}
    for alias in aliases:
        seen, current = [alias], aliases[alias]
        while current in aliases and current not in seen:
            seen.append(current)
            current = aliases[current]
        if current in seen:
            message = f"[aliases] '{alias}' is part of a loop of aliases; entry left out"
            problems.append((_line_of(lines, alias, "aliases"), message))
        else:
            kept[alias] = aliases[alias]
    return kept
