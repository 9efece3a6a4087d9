"""Read the date lines news sites print into time-zone aware datetimes. Pure: no clock.

Takes 'March 14, 2025', 'Mar. 14, 2025', '14 March 2025', '2025-03-14',
'2025-03-14T09:30:00+03:00', 'Friday, March 14, 2025', 'March 14, 2025 10:32 am',
'14.03.2025', times before or after the date, and zones as offsets or common abbreviations.
Numeric dates that could be read two ways follow the site's `date_order`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo

# News dates outside this range are scraper noise; they would also overflow when converted.
YEARS = range(1800, 2200)

_MONTHS = MappingProxyType(
    {
        name: number
        for number, names in enumerate(
            [
                ("january", "jan"),
                ("february", "feb"),
                ("march", "mar"),
                ("april", "apr"),
                ("may",),
                ("june", "jun"),
                ("july", "jul"),
                ("august", "aug"),
                ("september", "sep", "sept"),
                ("october", "oct"),
                ("november", "nov"),
                ("december", "dec"),
            ],
            start=1,
        )
        for name in names
    }
)
# Abbreviations papers print after a time; ambiguous ones (IST, CST in Asia) take the US/EU sense.
_ZONE_HOURS = MappingProxyType(
    {
        "UTC": 0.0,
        "GMT": 0.0,
        "Z": 0.0,
        "WET": 0.0,
        "BST": 1.0,
        "WEST": 1.0,
        "CET": 1.0,
        "CEST": 2.0,
        "EET": 2.0,
        "EEST": 3.0,
        "MSK": 3.0,
        "EST": -5.0,
        "EDT": -4.0,
        "CST": -6.0,
        "CDT": -5.0,
        "MST": -7.0,
        "MDT": -6.0,
        "PST": -8.0,
        "PDT": -7.0,
        "IST": 5.5,
        "JST": 9.0,
        "KST": 9.0,
        "AEST": 10.0,
        "AEDT": 11.0,
    }
)
_PREFIX = re.compile(
    r"^(?:published|updated|posted|last updated|modified|date)(?:\s+on)?\s*:?\s+", re.IGNORECASE
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_CLOCK = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
)
_ZONE = r"(?:\s*\(?(?P<zone>[A-Z]{1,4}|[+-]\d{2}:?\d{2}|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?)\)?)?"
_TIME_AFTER = rf"(?:(?:,|\s+at|\s*[-–—|·•])?\s+{_CLOCK}{_ZONE})?"
_MONTH_FIRST = r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
_DAY_FIRST = (
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})"
)
_NUMERIC = r"(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{2,4})"
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for date in (_MONTH_FIRST, _DAY_FIRST, _NUMERIC)
    for pattern in (
        rf"^{_WEEKDAY}{date}{_TIME_AFTER}$",
        rf"^{_CLOCK}{_ZONE}(?:,|\s+on|\s*[-–—|·•])?\s+{_WEEKDAY}{date}$",
    )
)
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def parse_date(text: str, zone: ZoneInfo, date_order: str = "MDY") -> datetime | None:
    """Read a date line; None when the line is not a date we can read with confidence."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    text = _PREFIX.sub("", text)
    if len(text) > 80:
        return None
    found = _parse_iso(text, zone)
    for pattern in _PATTERNS if found is None else ():
        match = pattern.match(text)
        if match:
            found = _from_match(match, zone, date_order)
            break
    return found if found is not None and found.year in YEARS else None


def _parse_iso(text: str, zone: ZoneInfo) -> datetime | None:
    """ISO 8601 dates and times; a time without a zone is in the site's zone."""
    if not _ISO.match(text):
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _from_match(match: re.Match[str], zone: ZoneInfo, date_order: str) -> datetime | None:
    """Year, month and day from whichever form matched, then the time and zone."""
    fields = match.groupdict()
    if fields.get("month") is not None:
        month = _MONTHS.get(fields["month"].lower())
        if month is None:
            return None
        ymd: tuple[int, int, int] | None = (int(fields["year"]), month, int(fields["day"]))
    else:
        ymd = order_numeric(fields["a"], fields["b"], fields["c"], date_order)
    return _combine(ymd, fields, zone) if ymd else None


def order_numeric(a: str, b: str, c: str, date_order: str) -> tuple[int, int, int] | None:
    """Year, month, day from three numbers; a form that can be read only one way wins."""
    first, second, third = int(a), int(b), int(c)
    if len(a) == 4:
        return first, second, third
    if len(c) != 4 and date_order == "YMD":
        return 2000 + first, second, third
    year = third + 2000 if len(c) == 2 else third
    if first > 12:
        return year, second, first
    if second > 12:
        return year, first, second
    return (year, second, first) if date_order == "DMY" else (year, first, second)


def _combine(
    ymd: tuple[int, int, int], fields: dict[str, str | None], zone: ZoneInfo
) -> datetime | None:
    """The date with the optional time and zone; None for an impossible date or time."""
    hour = minute = second = 0
    if fields.get("hour"):
        hour, minute = int(fields["hour"] or 0), int(fields["minute"] or 0)
        second = int(fields.get("second") or 0)
        ampm = (fields.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm and not 1 <= hour <= 12:
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    named = zone_of(fields.get("zone"))
    if fields.get("zone") and named is None:
        return None
    try:
        return datetime(*ymd, hour, minute, second, tzinfo=named or zone)
    except ValueError:
        return None


def zone_of(text: str | None) -> tzinfo | None:
    """The zone a date line named: an abbreviation, an offset or 'UTC+3'; None if unknown."""
    if not text:
        return None
    upper = text.upper()
    if upper in _ZONE_HOURS:
        hours = _ZONE_HOURS[upper]
        return UTC if hours == 0 else timezone(timedelta(hours=hours))
    match = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", upper)
    if not match or int(match.group(2)) > 14 or int(match.group(3) or 0) > 59:
        return None
    sign = -1 if match.group(1) == "-" else 1
    offset = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    return timezone(sign * offset)
