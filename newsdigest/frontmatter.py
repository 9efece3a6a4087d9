"""YAML front matter: split a page into its fields and body, and write one back. Pure text."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo
from typing import Any

import yaml

try:  # libyaml is ten times faster; the pure-Python classes are the fallback.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FENCE = "---"


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
        meta = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err)
        raise FrontMatterError(line, f"front matter is not valid YAML ({problem})") from err
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "front matter must be 'key: value' lines, not a list or text")
    return {str(key): value for key, value in meta.items()}


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
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), zone)
    return None
