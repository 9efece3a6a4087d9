"""`site.toml`'s `[theme]`: the accent colour, logo, extra navigation links and footer text of
the default layouts, so that a site need not copy a layout to change them. Each value ends up
in every page (the accent inside CSS), so each is checked strictly and located by its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .tables import table_error

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
MIN_CONTRAST = 4.5
"""WCAG AA for text: the accent colours dates, headings' kickers and links on hover."""
LIGHT_GROUNDS = ("#fbfaf7", "#f1eee7")
"""The default stylesheet's page and panel colours in the light scheme (--bg, --panel)."""
DARK_GROUNDS = ("#141414", "#1f1e1c")
"""The same in the dark scheme."""
FOOTER_LIMIT = 500
NAV_LIMIT = 12


@dataclass(frozen=True)
class NavLink:
    """One link that `[[theme.nav]]` adds to the header's navigation."""

    title: str
    """The link's text, plain."""
    url: str
    """A path in the site such as 'about/' (no leading '/'), or an absolute http(s) URL."""

    @property
    def external(self) -> bool:
        """Whether the link leaves the site (layouts link site paths relative to the page)."""
        return "://" in self.url


@dataclass(frozen=True)
class Theme:
    """`[theme]`, validated; every field empty means the default theme as it ships."""

    accent: str = ""
    """The accent as written, lower case '#rrggbb'; empty for the stylesheet's own."""
    accent_light: str = ""
    """The accent used in the light scheme: `accent` itself when it reads at 4.5:1 on the
    page and panel colours, else the nearest darker shade of it that does."""
    accent_dark: str = ""
    """The accent used in the dark scheme: `accent_dark` as written or else `accent`, made
    lighter until it reads at 4.5:1 on the dark page and panel colours."""
    logo: str = ""
    """The logo's name under static/ (such as 'logo.svg'), shown before the site's title."""
    nav: tuple[NavLink, ...] = ()
    """Links added after the header's own (Latest, Archive, ... and the site's pages)."""
    footer: str = ""
    """A line of plain text at the top of every page's footer (escaped, never markup)."""


def check_theme(path: Path, text: str, table: Any) -> Theme:
    """`[theme]` from site.toml: raise ConfigError with the file, line, problem and fix."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'theme' must be a table: [theme] then accent = \"#b00020\"")
    known = ("accent", "accent_dark", "logo", "nav", "footer")
    for key in table:
        if key not in known:
            raise _error(path, text, key, f"unknown key {key!r}; known keys are {', '.join(known)}")
    accent = _colour(path, text, "accent", table.get("accent", ""))
    dark = _colour(path, text, "accent_dark", table.get("accent_dark", "")) or accent
    return Theme(
        accent=accent,
        accent_light=readable(accent, LIGHT_GROUNDS, "#000000") if accent else "",
        accent_dark=readable(dark, DARK_GROUNDS, "#ffffff") if dark else "",
        logo=_logo(path, text, table.get("logo", "")),
        nav=_nav(path, text, table.get("nav", [])),
        footer=_footer(path, text, table.get("footer", "")),
    )


def _error(path: Path, text: str, key: str, message: str, nth: int = -1) -> ConfigError:
    """An error at the line of `key` in [theme], or of the nth [[theme.nav]]."""
    return table_error(path, text, "theme", "theme.nav" if nth >= 0 else key, message, nth)


def _colour(path: Path, text: str, key: str, value: Any) -> str:
    if value == "":
        return ""
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise _error(
            path,
            text,
            key,
            f"{key} {value!r} is not a colour newsdigest takes; write it as #rgb or #rrggbb, "
            'such as "#b00020"',
        )
    colour = value.strip().lower()
    return "#" + "".join(char * 2 for char in colour[1:]) if len(colour) == 4 else colour


def readable(colour: str, grounds: tuple[str, ...], towards: str) -> str:
    """`colour`, or the first mix of it with `towards` (black or white, by 1% steps) that
    reads at MIN_CONTRAST on every one of `grounds`: the same hue, as close as it can be."""
    for step in range(101):
        shade = _mix(colour, towards, step / 100)
        if all(contrast(shade, ground) >= MIN_CONTRAST for ground in grounds):
            return shade
    return towards


def _mix(colour: str, other: str, share: float) -> str:
    a, b = _rgb(colour), _rgb(other)
    mixed = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two '#rrggbb' colours, 1 to 21."""
    first, second = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (first + 0.05) / (second + 0.05)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _logo(path: Path, text: str, value: Any) -> str:
    """The logo's name under static/: a file of the site that the build publishes."""
    if value == "":
        return ""
    fix = 'put the file in the site\'s static/ folder and write logo = "static/logo.svg"'
    if not isinstance(value, str) or "\\" in value or value.startswith("/"):
        raise _error(path, text, "logo", f"logo {value!r} must be a path in the site; {fix}")
    parts = PurePosixPath(value).parts
    if len(parts) < 2 or parts[0] != "static" or any(p in ("..", ".") for p in parts):
        raise _error(path, text, "logo", f"logo {value!r} is not under static/; {fix}")
    if any(part.startswith(".") for part in parts):
        raise _error(path, text, "logo", f"logo {value!r} is hidden, so it is not published")
    if PurePosixPath(value).suffix.lower() not in LOGO_TYPES:
        kinds = ", ".join(LOGO_TYPES)
        raise _error(path, text, "logo", f"logo {value!r} must be an image: {kinds}")
    file, static = path.parent / value, (path.parent / "static").resolve()
    if not file.is_file() or not file.resolve().is_relative_to(static):
        raise _error(path, text, "logo", f"logo {value!r}: no such file in the site; {fix}")
    return "/".join(parts[1:])


def _nav(path: Path, text: str, value: Any) -> tuple[NavLink, ...]:
    example = '[[theme.nav]] then title = "About" and url = "about/"'
    if not isinstance(value, list) or len(value) > NAV_LIMIT:
        raise _error(path, text, "nav", f"nav must be up to {NAV_LIMIT} links: {example}")
    links = []
    for nth, entry in enumerate(value):

        def fail(message: str, nth: int = nth) -> ConfigError:
            return _error(path, text, "nav", f"nav link {nth + 1}: {message}", nth)

        if not isinstance(entry, dict) or set(entry) != {"title", "url"}:
            raise fail(f"give exactly a title and a url: {example}")
        title, url = entry["title"], entry["url"]
        if not isinstance(title, str) or not title.strip() or len(title) > 40:
            raise fail(f"title {title!r} must be text of 1 to 40 characters")
        links.append(NavLink(" ".join(title.split()), _nav_url(url, fail)))
    return tuple(links)


def _nav_url(url: Any, fail: Any) -> str:
    """A site path ('about/', '/about/' meaning the same) or an absolute http(s) URL: the
    rule for every link the site publishes; javascript:, data: and the like never pass."""
    fix = 'use a path in the site such as "about/" or an address such as "https://example.org/"'
    if not isinstance(url, str) or not url.strip() or any(c.isspace() for c in url):
        raise fail(f"url {url!r} is not a link; {fix}")
    unsafe = sorted({c for c in url if c in _UNSAFE or not c.isprintable()})
    if unsafe:
        raise fail(f"url {url!r} holds {' '.join(map(repr, unsafe))}; %-encode them")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as err:
        raise fail(f"url {url!r} is malformed; {fix}") from err
    if parts.scheme or url.startswith("//"):
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise fail(f"url {url!r} is not an http(s) address; {fix}")
        return url
    if ".." in PurePosixPath(parts.path).parts:
        raise fail(f"url {url!r} leaves the site; {fix}")
    return url.lstrip("/")


_UNSAFE = frozenset(' "<>\\^`{|}')


def _footer(path: Path, text: str, value: Any) -> str:
    if not isinstance(value, str) or len(value) > FOOTER_LIMIT:
        raise _error(
            path, text, "footer", f"footer must be plain text of at most {FOOTER_LIMIT} characters"
        )
    if any(not char.isprintable() and not char.isspace() for char in value):
        raise _error(path, text, "footer", "footer holds control characters; remove them")
    return " ".join(value.split())


TABLE = MappingProxyType({"theme": check_theme})
"""The table this module checks, for the settings' table of tables."""
