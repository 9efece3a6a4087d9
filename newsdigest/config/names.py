"""The editor's `names.toml`: never-a-name words, aliases and kinds, read line by line so
that a bad entry is a problem on its line and the rest still applies."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAME_KINDS = ("person", "place", "organisation", "other")
"""The kinds names.toml may give a name (names/kinds.py's, which config may not import)."""


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
