"""Readable ASCII slugs for titles in any script, safe on every static host. Pure."""

from __future__ import annotations

import hashlib
import re

from anyascii import anyascii

MAX_SLUG = 80


def slugify(title: str) -> str:
    """A readable ASCII slug, at most 80 characters, never empty; safe on every static host."""
    spaced = "".join(f" {char} " if _is_ideograph(char) else char for char in title)
    words = anyascii(spaced).lower().replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:MAX_SLUG]
    return slug.strip("-") or "article-" + hashlib.sha256(title.encode()).hexdigest()[:8]


def _is_ideograph(char: str) -> bool:
    """Han characters, each one a word: spaced so '中国' reads 'zhong-guo', not 'zhongguo'."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def suffixed(slug: str, suffix: str) -> str:
    """The slug with '-suffix', shortened so that the whole stays within MAX_SLUG."""
    return f"{slug[: MAX_SLUG - len(suffix) - 1].rstrip('-')}-{suffix}"


_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def slug_from_file_name(stem: str) -> str:
    """'2025-03-14-Some-Title' gives 'some-title': a page's slug when its front matter has none."""
    return _DATE_PREFIX.sub("", stem).lower()
