"""How the host will resolve the URLs a built site uses, and what a check finding is."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

_NOT_FILES = ("mailto:", "tel:", "javascript:", "data:", "#")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with one output file, and what to do about it."""

    path: str
    """The file, relative to the output folder ('about/index.html')."""
    problem: str
    """What is wrong."""
    fix: str
    """What to change so that it is right."""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}; {self.fix}"


@dataclass(frozen=True)
class Ref:
    """One URL that a page uses: a link, an image, a stylesheet, a script."""

    url: str
    """As written in the attribute."""
    kind: str
    """'link', 'image', 'script' and so on, for the message."""
    target: Target | None
    """The output file it names; None for other sites, mail and fragments."""


@dataclass(frozen=True)
class Target:
    """Where an internal URL leads: a file path in the output, or outside the base path."""

    path: str
    """The output file the URL names, such as 'about/index.html'."""
    inside: bool
    """False when the URL is on the site's host but above its base path."""


class Resolver:
    """Turns URLs found in a file into output files, the way the host will serve them."""

    def __init__(self, base_url: str, files: frozenset[str] = frozenset()) -> None:
        self.base_url = base_url
        self.files = files
        base = urlsplit(base_url)
        self._origin = (base.scheme, base.netloc)
        self._base_path = base.path

    def url_of(self, path: str) -> str:
        """The absolute URL of an output file; pretty URLs drop 'index.html'."""
        return self.base_url + (path[: -len("index.html")] if _is_index(path) else path)

    def target(self, from_path: str, url: str) -> Target | None:
        """The output file a URL in from_path names; None for other sites and non-files."""
        if not url or url.startswith(_NOT_FILES):
            return None
        parts = urlsplit(urljoin(self.url_of(from_path), url))
        if (parts.scheme, parts.netloc) != self._origin:
            return None
        if not parts.path.startswith(self._base_path):
            return Target(parts.path, inside=False)
        path = unquote(parts.path[len(self._base_path) :])
        return Target(path + "index.html" if path.endswith("/") or not path else path, True)

    def problem(self, from_path: str, ref: Ref) -> Finding | None:
        """A finding when ref names a file the output does not have."""
        target = ref.target
        if target is None or (target.inside and target.path in self.files):
            return None
        if not target.inside:
            fix = f"link inside the base path {self._base_path}, relative links are safest"
            return Finding(from_path, f"{ref.kind} {ref.url} leads outside the site", fix)
        if f"{target.path}/index.html" in self.files:
            fix = "end the URL with '/' so that every host serves the page"
            return Finding(from_path, f"{ref.kind} {ref.url} names a folder", fix)
        fix = "fix the URL or add the file"
        return Finding(from_path, f"{ref.kind} {ref.url} leads to missing {target.path}", fix)


def _is_index(path: str) -> bool:
    return path == "index.html" or path.endswith("/index.html")
