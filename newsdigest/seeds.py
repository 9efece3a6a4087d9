"""Read one raw seed, as a scraper saved it, into a clean `SeedArticle`. Pure: no disk, no clock.

A seed looks like this (blank lines between blocks; every part but the title may be missing):

    ## Headline
    March 14, 2025
    Caption of the lead image. credit.example
    Body paragraphs, with <u>link texts</u> and stray HTML...
    Related article: <u>Another headline</u>
    An earlier version of this article said... (a correction note)
    ## Original url:
    https://publisher.example/2025/03/14/story
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from .inline import (
    clean_control_chars,
    convert_inline,
    escape_block_starts,
    first_sentences,
)
from .model import Problem


@dataclass(frozen=True)
class SeedArticle:
    """What a seed says, cleaned: the fields of a generated Markdown page."""

    title: str
    """Headline, plain text, exactly as the article wrote it."""
    date: datetime
    """Publication time, time-zone aware."""
    body_markdown: str
    """Every body paragraph in order, as safe Markdown."""
    summary: str
    """The lead's first sentence or two, plain text, at most about 300 characters."""
    source: str = ""
    """Publisher name derived from the source URL."""
    source_url: str = ""
    """The original's URL, repaired; only http or https."""
    image_caption: str = ""
    """Lead image caption, plain text."""
    image_credit: str = ""
    """Lead image credit."""
    related: tuple[str, ...] = ()
    """Related headlines the original linked to."""
    correction: str = ""
    """Correction note, plain text."""


@dataclass(frozen=True)
class SeedSettings:
    """The site settings that parsing a seed depends on."""

    zone: ZoneInfo
    """Zone for dates given without one."""
    date_order: str = "MDY"
    """Order of ambiguous numeric dates: MDY, DMY or YMD."""
    default_source: str = ""
    """Publisher name when there is no source URL."""
    max_bytes: int = 5_000_000
    """Larger seeds are refused."""


@dataclass(frozen=True)
class _Block:
    """A run of non-blank lines, joined, with the line it starts on."""

    text: str
    line: int


def parse_seed(
    path: Path, data: bytes, settings: SeedSettings, fallback_date: datetime
) -> tuple[SeedArticle | None, list[Problem]]:
    """Parse seed bytes; return the article (None when refused) and every problem found."""
    problems: list[Problem] = []
    text = _decode(path, data, settings, problems)
    if text is None:
        return None, problems
    lines = clean_control_chars(text).split("\n")
    title_index = _find_title(lines)
    if title_index is None:
        problems.append(_no_title(path, lines))
        return None, problems
    title = convert_inline(_heading_text(lines[title_index])).plain
    if not title:
        problems.append(
            Problem(path, title_index + 1, "the title line is empty; write a headline after '## '")
        )
        return None, problems
    url_index = _find_url_marker(lines, title_index + 1)
    blocks = _blocks(lines, title_index + 1, url_index)
    source_url = _source_url(path, lines, url_index, problems)
    return _assemble(path, title, blocks, source_url, settings, fallback_date, problems), problems


def _decode(path: Path, data: bytes, settings: SeedSettings, problems: list[Problem]) -> str | None:
    """Bytes to text: refuse empty, huge and binary seeds; fall back from UTF-8 to Windows-1252."""
    if len(data) > settings.max_bytes:
        problems.append(
            Problem(
                path,
                0,
                f"the seed is {len(data):,} bytes, over the limit of {settings.max_bytes:,}; "
                "split it, or raise 'max_seed_bytes' in site.toml",
            )
        )
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                "the seed holds NUL bytes, so it is binary, not text; remove it from seeds/",
            )
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: err.start].count(b"\n") + 1
            problems.append(
                Problem(
                    path, line, "the seed is neither UTF-8 nor Windows-1252 text; save it as UTF-8"
                )
            )
            return None
        line = data[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                "the seed is not UTF-8; read it as Windows-1252, save it as UTF-8 to be sure",
                "warning",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        what = "empty" if not text else "only whitespace"
        problems.append(
            Problem(path, 0, f"the seed is {what}; remove it or give it a '## Title' line and text")
        )
        return None
    return text


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_URL_MARKER = re.compile(
    r"^\s{0,3}#{1,6}\s*(original\s+)?(url|source)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)


def _find_title(lines: list[str]) -> int | None:
    """Index of the title: the first non-blank line, which must be a '## Heading'."""
    for index, line in enumerate(lines):
        if line.strip():
            is_title = _HEADING.match(line) and not _URL_MARKER.match(line)
            return index if is_title else None
    return None


def _no_title(path: Path, lines: list[str]) -> Problem:
    line = next((i + 1 for i, text in enumerate(lines) if text.strip()), 1)
    return Problem(
        path,
        line,
        "the seed does not start with a title line; put the headline first, as '## Headline'",
    )


def _heading_text(line: str) -> str:
    match = _HEADING.match(line)
    return match.group("text") if match else line.strip()


def _find_url_marker(lines: list[str], start: int) -> int:
    """Index of the '## Original url:' line, or len(lines) when there is none."""
    for index in range(start, len(lines)):
        if _URL_MARKER.match(lines[index]):
            return index
    return len(lines)


def _blocks(lines: list[str], start: int, stop: int) -> list[_Block]:
    """Split lines[start:stop] at blank lines; lines inside a block are joined by a space."""
    blocks: list[_Block] = []
    current: list[str] = []
    first = start
    for index in range(start, stop):
        line = lines[index].strip()
        if line:
            if not current:
                first = index
            current.append(line)
        elif current:
            blocks.append(_Block(" ".join(current), first + 1))
            current = []
    if current:
        blocks.append(_Block(" ".join(current), first + 1))
    return blocks


def _source_url(path: Path, lines: list[str], marker: int, problems: list[Problem]) -> str:
    """Join everything after the URL marker, drop whitespace, and keep it only if http(s)."""
    if marker >= len(lines):
        return ""
    match = _URL_MARKER.match(lines[marker])
    rest = [match.group("rest")] if match else []
    url = "".join("".join(rest + lines[marker + 1 :]).split())
    if not url:
        return ""
    if not re.match(r"^https?://[^/?#\s]+\.[^/?#\s]+", url, re.IGNORECASE):
        problems.append(
            Problem(
                path,
                marker + 2,
                f"source URL {url[:80]!r} is not an http or https address; the article is kept without it",
                "warning",
            )
        )
        return ""
    return url


def _assemble(
    path: Path,
    title: str,
    blocks: list[_Block],
    source_url: str,
    settings: SeedSettings,
    fallback_date: datetime,
    problems: list[Problem],
) -> SeedArticle:
    """Sort the blocks into date, caption, body, related and correction."""
    date, blocks = _take_date(path, blocks, settings, fallback_date, problems)
    caption, credit, blocks = _take_caption(blocks)
    related = tuple(r for b in blocks if (r := _related_headline(b.text)))
    corrections = [convert_inline(b.text).plain for b in blocks if _is_correction(b.text)]
    body = [b for b in blocks if not _related_headline(b.text) and not _is_correction(b.text)]
    paragraphs = [convert_inline(text) for text in _join_broken(body)]
    paragraphs = [p for p in paragraphs if p.plain]
    lead = paragraphs[0].plain if paragraphs else ""
    return SeedArticle(
        title=title,
        date=date,
        body_markdown="\n\n".join(escape_block_starts(p.markdown) for p in paragraphs),
        summary=first_sentences(lead),
        source=publisher_name(source_url) or settings.default_source,
        source_url=source_url,
        image_caption=caption,
        image_credit=credit,
        related=related,
        correction=" ".join(corrections),
    )


def _take_date(
    path: Path,
    blocks: list[_Block],
    settings: SeedSettings,
    fallback_date: datetime,
    problems: list[Problem],
) -> tuple[datetime, list[_Block]]:
    """The first block, when it is a date; otherwise the fallback, with a warning."""
    if blocks:
        parsed = parse_date(blocks[0].text, settings.zone, settings.date_order)
        if parsed is not None:
            return parsed, blocks[1:]
    line = blocks[0].line if blocks else 1
    problems.append(
        Problem(
            path,
            line,
            "no date line after the title; used the seed file's modification time, "
            "add a line such as 'March 14, 2025' to fix it",
            "warning",
        )
    )
    return fallback_date.astimezone(settings.zone), blocks


_CAPTION = re.compile(r"^(?P<caption>.{3,250}?[.!?])\s+(?P<credit>[^.!?\s][^!?]{0,60}?)$")


def _take_caption(blocks: list[_Block]) -> tuple[str, str, list[_Block]]:
    """The block right after the date, when it reads as 'Caption sentence. Credit'."""
    if len(blocks) < 2:
        return "", "", blocks
    plain = convert_inline(blocks[0].text).plain
    match = _CAPTION.match(plain)
    if not match:
        return "", "", blocks
    credit = match.group("credit").strip()
    credit_is_short = len(credit.split()) <= 6 and not credit.endswith((".", ":", ",", '"', "”"))
    if not credit_is_short or ("." in match.group("caption")[:-1] and len(plain) > 200):
        return "", "", blocks
    return match.group("caption").strip(), credit, blocks[1:]


_RELATED = re.compile(
    r"^(?:related|read (?:also|more)|see also)(?: articles?| stor(?:y|ies))?\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"^(an? earlier version of this (article|story|report)|correction:|clarification:|"
    r"editor'?s note:|this (article|story) (has been|was) (corrected|updated|amended))",
    re.IGNORECASE,
)


def _related_headline(text: str) -> str:
    match = _RELATED.match(text)
    return convert_inline(match.group("rest")).plain if match else ""


def _is_correction(text: str) -> bool:
    return bool(_CORRECTION.match(convert_inline(text).plain))


_ENDS_SENTENCE = tuple(".!?:;\"”’')]…")


def _join_broken(blocks: list[_Block]) -> list[str]:
    """Rejoin paragraphs that a blank line split mid-sentence (next one starts lower-case)."""
    joined: list[str] = []
    for block in blocks:
        starts_lower = block.text[:1].islower()
        if joined and starts_lower and not joined[-1].rstrip().endswith(_ENDS_SENTENCE):
            joined[-1] = f"{joined[-1].rstrip()} {block.text}"
        else:
            joined.append(block.text)
    return joined


# --- dates --------------------------------------------------------------------------------

_MONTHS = {
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
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:(?:,|\s+at|\s*[-–|])?\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"
_ZONE = r"(?:\s*(?P<zone>UTC|GMT|Z|[+-]\d{2}:?\d{2}))?"
_MONTH_FIRST = re.compile(
    rf"^{_WEEKDAY}(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}{_ZONE}$",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{{4}}){_TIME}{_ZONE}$",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"^{_WEEKDAY}(?P<a>\d{{1,4}})[./-](?P<b>\d{{1,2}})[./-](?P<c>\d{{2,4}}){_TIME}{_ZONE}$",
    re.IGNORECASE,
)


def parse_date(text: str, zone: ZoneInfo, date_order: str = "MDY") -> datetime | None:
    """Read a date line in the forms news sites print; None when it is not a date."""
    text = " ".join(unicodedata.normalize("NFKC", text).split()).strip()
    text = re.sub(r"^(published|updated|posted)(\s+on)?:?\s+", "", text, flags=re.IGNORECASE)
    if len(text) > 60:
        return None
    iso = _parse_iso(text, zone)
    if iso is not None:
        return iso
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.match(text)
        if match and match.group("month").lower() in _MONTHS:
            month = _MONTHS[match.group("month").lower()]
            return _build_date(
                match, int(match.group("year")), month, int(match.group("day")), zone
            )
    match = _NUMERIC.match(text)
    if match:
        ymd = _order_numeric(match.group("a"), match.group("b"), match.group("c"), date_order)
        return _build_date(match, *ymd, zone) if ymd else None
    return None


def _parse_iso(text: str, zone: ZoneInfo) -> datetime | None:
    if not re.match(
        r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$", text
    ):
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _order_numeric(a: str, b: str, c: str, date_order: str) -> tuple[int, int, int] | None:
    """Year, month, day from three numbers; unambiguous forms win over date_order."""
    first, second, third = int(a), int(b), int(c)
    if len(a) == 4:
        return first, second, third
    year = third + 2000 if len(c) == 2 else third
    if first > 12:
        return year, second, first
    if second > 12:
        return year, first, second
    return (year, second, first) if date_order == "DMY" else (year, first, second)


def _build_date(
    match: re.Match[str], year: int, month: int, day: int, zone: ZoneInfo
) -> datetime | None:
    """Combine the date with the optional time and zone the line gave."""
    hour, minute, second = 0, 0, 0
    if match.group("hour"):
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        second = int(match.group("second") or 0)
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return naive.replace(tzinfo=_zone_of(match.group("zone"), zone))


def _zone_of(text: str | None, default: ZoneInfo) -> tzinfo:
    """The zone a date line named (UTC, GMT, Z or an offset), else the site's."""
    if not text:
        return default
    if text.upper() in ("UTC", "GMT", "Z"):
        return UTC
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


# --- publishers ---------------------------------------------------------------------------

PUBLISHERS = {
    "themoscowtimes.com": "The Moscow Times",
    "meduza.io": "Meduza",
    "kyivindependent.com": "The Kyiv Independent",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "reuters.com": "Reuters",
    "apnews.com": "AP News",
    "aljazeera.com": "Al Jazeera",
    "cnn.com": "CNN",
    "npr.org": "NPR",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "bloomberg.com": "Bloomberg",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "dw.com": "DW",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "lemonde.fr": "Le Monde",
    "spiegel.de": "Der Spiegel",
    "axios.com": "Axios",
    "theatlantic.com": "The Atlantic",
}


def publisher_name(url: str) -> str:
    """The publisher's name for a URL: a known name, else the host without 'www.'."""
    match = re.match(r"^https?://(?:[^@/]*@)?(?P<host>[^/:?#]+)", url, re.IGNORECASE)
    if not match:
        return ""
    host = match.group("host").lower().rstrip(".")
    host = re.sub(r"^(www\d?|m|amp|mobile)\.", "", host)
    for known, name in PUBLISHERS.items():
        if host == known or host.endswith("." + known):
            return name
    return host
