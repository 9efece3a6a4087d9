"""How a static host maps a request to a file: paths that could leave the folder are 404,
folders get their index.html, and each file its Content-Type. Pure but for reading the disk."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote

TEXT_TYPES = MappingProxyType(
    {
        ".html": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".txt": "text/plain",
        ".xml": "application/xml",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".map": "application/json",
    }
)
"""Types of the text files a site holds, all sent with charset=utf-8."""
BINARY_TYPES = MappingProxyType(
    {".woff2": "font/woff2", ".woff": "font/woff", ".ico": "image/x-icon"}
)


@dataclass(frozen=True)
class Resolution:
    """What a request path maps to."""

    status: int
    """200 with a file, 301/302 with a location, or 404."""
    file: Path | None = None
    """The file to send, inside the served folder."""
    location: str = ""
    """Where a redirect points."""


def resolve(root: Path, base_path: str, target: str) -> Resolution:
    """Map a raw request target to a file under root; anything that could leave root is 404."""
    raw, _, query = target.partition("?")
    raw = raw.partition("#")[0]
    decoded = _decode(raw)
    if decoded is None:
        return Resolution(404)
    if not decoded.startswith(base_path):
        if decoded == "/" or decoded + "/" == base_path:
            return Resolution(302, location=base_path)
        return Resolution(404)
    parts = decoded[len(base_path) :].split("/")
    if any(p in (".", "..") or p.startswith(".") for p in parts) or "" in parts[:-1]:
        return Resolution(404)
    found = inside(root, root.joinpath(*parts))
    if found is not None and found.is_dir():
        if not raw.endswith("/"):
            return Resolution(301, location=raw + "/" + (f"?{query}" if query else ""))
        found = inside(root, found / "index.html")
    elif raw.endswith("/"):
        return Resolution(404)  # a file asked for as a folder
    if found is None or not found.is_file():
        return Resolution(404)
    return Resolution(200, file=found)


def _decode(raw: str) -> str | None:
    """The percent-decoded path; None for anything a static host would not map to a file."""
    lowered = raw.lower()
    if not raw.startswith("/") or raw.startswith("//") or "\\" in raw:
        return None
    if any(code in lowered for code in ("%2f", "%5c", "%00")):
        return None  # an encoded separator or NUL only exists to sneak past checks
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in decoded or "\\" in decoded else decoded


def inside(root: Path, path: Path) -> Path | None:
    """path with symlinks resolved, or None when it is missing or ends up outside root."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_relative_to(root.resolve()) else None


def content_type(path: Path) -> str:
    """The Content-Type header for a file, with charset=utf-8 for text."""
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    guessed = BINARY_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0]
    return guessed or "application/octet-stream"
