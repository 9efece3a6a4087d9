"""YAML front matter: split a page into its fields and body, and write one back. Pure text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

import yaml

try:  # libyaml is ten times faster; the pure-Python classes are the fallback.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FENCE = "---"
EARLIEST_YEAR, LATEST_YEAR = 1000, 9998
"""Dates outside these years are refused: a page's day, month and neighbours must exist."""
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_MAX_DIGITS = 4300
"""Python refuses to convert longer digit strings to int (CVE-2020-10735)."""
_TOP_LEVEL_KEY = re.compile(r"^([^\s#:'\"\-?][^:]*?):(?:\s|$)", re.MULTILINE)


class _PageLoader(_Loader):
    """The safe loader, with dates left as text: `read_date` reads them, so that a date that
    does not exist (2025-13-45) is one field's problem, not a crash of the whole page."""


_PageLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    """Front matter that cannot be read; `line` is 1-based within the page."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def split(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (fields, body, line where the body starts); a page without a fence has no fields."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return {}, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return _load("\n".join(lines[1:index])), "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1, "front matter opened with '---' is never closed; add a '---' line")


def _load(block: str) -> dict[str, Any]:
    try:
        _refuse_aliases(block)
        meta = yaml.load(block, Loader=_PageLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err)
        raise FrontMatterError(line, f"front matter is not valid YAML ({problem})") from err
    except FrontMatterError:
        raise
    except ValueError as err:  # a number too long to convert
        line = _long_number_line(block)
        message = f"a number in the front matter has over {_MAX_DIGITS:,} digits; quote it"
        raise FrontMatterError(line, message) from err
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "front matter must be 'key: value' lines, not a list or text")
    return {str(key): value for key, value in meta.items()}


def _refuse_aliases(block: str) -> None:
    """Refuse YAML aliases ('*name'): a kilobyte of nested ones expands to gigabytes, and a
    page's fields never need them. Only a block with both '&' and '*' can hold one."""
    if "&" not in block or "*" not in block:
        return
    for event in yaml.parse(block, Loader=_PageLoader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 2 if event.start_mark else 1
            message = f"front matter uses a YAML alias (*{event.anchor}); write the value out"
            raise FrontMatterError(line, message)


def _long_number_line(block: str) -> int:
    """The page line of the first number too long for Python to convert; 1 if none is found."""
    root = yaml.compose(block, Loader=_PageLoader)
    for node in root.value if root is not None else ():
        value = node[1]
        if value.tag == _INT and len(value.value) > _MAX_DIGITS:
            return int(value.start_mark.line) + 2
    return 1


def repeated_keys(text: str) -> list[tuple[int, str]]:
    """(page line, key) of each top-level key given a second time: YAML keeps the last, which
    hides the first in silence. Pages without front matter have none."""
    text = text.removeprefix("\ufeff")
    end = text.find("\n" + FENCE, len(FENCE))
    lines = text[: end if end >= 0 else len(text)].split("\n")  # the front matter's lines
    if lines[0].rstrip() != FENCE:
        return []
    seen: set[str] = set()
    repeated: list[tuple[int, str]] = []
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in (FENCE, "..."):
            break
        key = _TOP_LEVEL_KEY.match(line)
        if key and key.group(1) in seen:
            repeated.append((number, key.group(1)))
        elif key:
            seen.add(key.group(1))
    return repeated


class _PageDumper(_Dumper):
    """Writes datetimes as ISO 8601 with a 'T', the form people expect in front matter."""


def _represent_datetime(dumper: _PageDumper, value: datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_PageDumper.add_representer(datetime, _represent_datetime)


def dump(meta: dict[str, Any], body: str) -> str:
    """Write fields in the given order, then the body, as one page ending in a newline."""
    block = yaml.dump(
        meta,
        Dumper=_PageDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    body = body.strip()
    return f"{FENCE}\n{block}{FENCE}\n" + (f"\n{body}\n" if body else "")


def read_date(value: object, zone: tzinfo) -> datetime | None:
    """A front matter date as an aware datetime; None when it is not one.

    YAML gives a timestamp, a bare date or text: ISO 8601 text is read too, a time without a
    zone is in `zone`, and a bare date is its midnight there. Ingest and the content loader
    both read dates through here, so the two can never disagree about a page's day.
    """
    if isinstance(value, str):
        value = _date_text(value.strip())
    if isinstance(value, datetime):
        found = value if value.tzinfo else value.replace(tzinfo=zone)
    elif isinstance(value, date):
        found = datetime.combine(value, time(), zone)
    else:
        return None
    return found if _within_range(found, zone) else None


def _date_text(text: str) -> date | None:
    """ISO 8601 text, or any other form of YAML timestamp ('2025-3-4 9:30:00 +3')."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        value = yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, ValueError, OverflowError):
        return None
    return value if isinstance(value, date) else None


def _within_range(moment: datetime, zone: tzinfo) -> bool:
    """Whether the moment, in UTC and in the site's zone, lies in the years a site can show."""
    try:
        years = (moment.astimezone(UTC).year, moment.astimezone(zone).year)
    except (OverflowError, ValueError):
        return False
    return all(EARLIEST_YEAR <= year <= LATEST_YEAR for year in years)
