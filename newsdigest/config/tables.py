"""`site.toml`'s tables, `[sections]` and `[topics]`: checked entry by entry, each problem
located by its line in the file."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError

_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_WORDS = re.compile(r"^[^\W_](?:[\w'’.&-]| (?! ))*?(?:[^\W_]\*?)?$")
"""A keyword rule's word or phrase: words of letters and digits (with ' . & - inside) joined
by single spaces, perhaps ending in '*' for any ending ('merger*')."""


def normal_segment(segment: str) -> str:
    """A URL path segment as the section map knows it: lower case, '_' as '-'."""
    return segment.lower().replace("_", "-")


def line_in(text: str, table: str, key: str, nth: int = -1) -> int:
    """The line of `key = ...` in `[table]` (or of the table itself), or with `nth` >= 0 of
    the nth `[[key]]` array of tables, for messages; 0 if not found."""
    current, header, arrays = "", 0, -1
    wanted = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.lstrip("[").split("]", 1)[0].strip()
            header = number if current == table else header
            if stripped.startswith("[[") and current == key:
                arrays += 1
                if arrays == nth:
                    return number
        elif nth < 0 and current == table and wanted.match(line):
            return number
    return header


def table_error(
    path: Path, text: str, table: str, key: str, message: str, nth: int = -1
) -> ConfigError:
    """A setting's error, at its line (`line_in`) when it can be found."""
    line = line_in(text, table, key or table, nth)
    where = f"{path}:{line}" if line else str(path)
    return ConfigError(f"{where}: [{table}] {message}")


def _check_sections(path: Path, text: str, table: Any) -> tuple[tuple[str, str], ...]:
    """`[sections]`: each key a URL path segment, each value the topic it gives ('' for
    none)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'sections' must be a table: [sections] then segment = topic")
    found: dict[str, str] = {}
    for segment, topic in table.items():
        if not _SEGMENT.match(normal_segment(segment)):
            raise table_error(
                path,
                text,
                "sections",
                segment,
                f"{segment!r} is not a URL path segment; use letters, digits, '-' or '_', "
                "such as uk_politics",
            )
        if not isinstance(topic, str) or (topic.strip() and not _names_a_topic(topic)):
            raise table_error(
                path,
                text,
                "sections",
                segment,
                f'{segment!r} must give a topic name such as "Politics" (or "" for none), '
                f"not {topic!r}",
            )
        found[normal_segment(segment)] = " ".join(topic.split())
    return tuple(sorted(found.items()))


def _names_a_topic(name: str) -> bool:
    return len(name) <= 60 and any(char.isalnum() for char in name)


def _check_topics(path: Path, text: str, table: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`[topics]`: each key a topic name, each value a list of words and phrases."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'topics' must be a table: [topics] then topic = [words]")
    found: list[tuple[str, tuple[str, ...]]] = []
    for topic, words in table.items():

        def fail(message: str, topic: str = topic) -> ConfigError:
            return table_error(path, text, "topics", topic, message)

        if not _names_a_topic(" ".join(topic.split())):
            raise fail(f"{topic!r} is not a topic name; use up to 60 letters, digits and spaces")
        if not isinstance(words, list) or not words:
            raise fail(f'{topic!r} must be a list of words, such as ["oil", "crude"]')
        for word in words:
            if not isinstance(word, str) or not _WORDS.match(" ".join(word.split())):
                raise fail(
                    f"{topic!r}: {word!r} is not a word or phrase; use letters and digits "
                    "(' . & - inside), single spaces, and '*' only at the end"
                )
            if word.endswith("*") and len(word.strip()) < 4:
                raise fail(f"{topic!r}: {word!r} is too short for '*': give 3 letters or more")
        found.append((" ".join(topic.split()), tuple(" ".join(w.split()) for w in words)))
    return tuple(found)


TABLES = MappingProxyType({"sections": _check_sections, "topics": _check_topics})
"""Settings that are TOML tables; their problems are located by line."""
