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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from newsdigest.model import Problem
from newsdigest.text import first_sentences

from .dates import parse_date
from .inline import clean_control_chars, convert_inline, escape_block_starts
from .publishers import publisher_name
from .sourceurl import URL_MARKER, find_url_marker, read_source_url


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
    date_guessed: bool = False
    """The seed gave no date it could be read by: `date` is the seed file's time, a guess."""


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
    title = convert_inline(_heading(lines[title_index]) or "").plain  # a heading, as found
    if not title:
        what = "the title line has no words"
        problems.append(_refusal(path, title_index + 1, what, "write the headline after '## '"))
        return None, problems
    url_index = find_url_marker(lines, title_index + 1)
    blocks = _blocks(lines, title_index + 1, url_index)
    source_url = read_source_url(path, lines, url_index, problems)
    return _assemble(path, title, blocks, source_url, settings, fallback_date, problems), problems


def _decode(path: Path, data: bytes, settings: SeedSettings, problems: list[Problem]) -> str | None:
    """Bytes to text with Unix line ends; refuse what is too large, binary or empty."""
    if len(data) > settings.max_bytes:
        problems.append(oversize_problem(path, len(data), settings.max_bytes))
        return None
    text = _text_of(path, data, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        what = "empty" if not text else "only whitespace"
        problems.append(_refusal(path, 1, f"the seed is {what}", _GIVE_IT_TEXT))
        return None
    if _looks_binary(text):
        problems.append(_refusal(path, 1, "the seed is mostly control characters", _NOT_TEXT))
        return None
    return text


_GIVE_IT_TEXT = "remove it, or give it a '## Headline' line and the article's text"
_NOT_TEXT = "it is binary, not an article; remove it from seeds/"


def oversize_problem(path: Path, size: int, limit: int) -> Problem:
    """The refusal of a seed larger than `max_seed_bytes` (ingest checks before reading it)."""
    what = f"the seed is {size:,} bytes, over the limit of {limit:,}"
    return _refusal(path, 1, what, "split it, or raise 'max_seed_bytes' in site.toml")


def _refusal(path: Path, line: int, what: str, todo: str) -> Problem:
    return Problem(path, line, f"{what}; {todo}")


def _text_of(path: Path, data: bytes, problems: list[Problem]) -> str | None:
    """Decode UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            problems.append(_refusal(path, 1, "the seed is broken UTF-16", "save it as UTF-8"))
            return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(_refusal(path, line, "the seed holds NUL bytes", _NOT_TEXT))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        what = "the seed is neither UTF-8 nor Windows-1252 text"
        problems.append(_refusal(path, line, what, "save it as UTF-8"))
        return None
    problems.append(
        Problem(
            path,
            line,
            "the seed is not UTF-8; read it as Windows-1252, save it as UTF-8 to be sure",
            "warning",
        )
    )
    return text


_CONTROLS = re.compile("[\x00-\x08\x0b\x0d-\x1f]")


def _looks_binary(text: str) -> bool:
    """More than one character in ten of the start is a control character: not an article."""
    head = text[:4096]
    return len(_CONTROLS.findall(head)) * 10 > len(head)


_HEADING_START = re.compile(r"\s{0,3}#{1,6}\s+")
"""A Markdown heading's start: up to three spaces, one to six '#', then spaces."""


def _find_title(lines: list[str]) -> int | None:
    """Index of the title: the first non-blank line, which must be a '## Heading'."""
    for index, line in enumerate(lines):
        if line.strip():
            is_title = _heading(line) is not None and not URL_MARKER.match(line)
            return index if is_title else None
    return None


def _no_title(path: Path, lines: list[str]) -> Problem:
    line = next((i + 1 for i, text in enumerate(lines) if text.strip()), 1)
    what = "the seed does not start with a title line"
    return _refusal(path, line, what, "put the headline first, as '## Headline'")


def _heading(line: str) -> str | None:
    """The text of a '## Heading' line without its closing '#'s and spaces; None if not one.

    Cut by hand rather than by one pattern: '(.*?)\\s*#*\\s*$' tries every split of a run of
    spaces at every character, and a title of a few thousand spaces took minutes.
    """
    start = _HEADING_START.match(line)
    if start is None:
        return None
    return line[start.end() :].rstrip().rstrip("#").rstrip()


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
    date, guessed, blocks = _take_date(path, blocks, settings, fallback_date, problems)
    caption, credit, blocks = _take_caption(blocks)
    related, corrections, body = _sort_blocks(blocks)
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
        date_guessed=guessed,
    )


def _take_date(
    path: Path,
    blocks: list[_Block],
    settings: SeedSettings,
    fallback_date: datetime,
    problems: list[Problem],
) -> tuple[datetime, bool, list[_Block]]:
    """The first block (or the second, after a short byline) when it is a date; else the
    fallback, and True: a guess."""
    for index, block in enumerate(blocks[:2]):
        if index and len(blocks[0].text) > 120:
            break
        parsed = parse_date(block.text, settings.zone, settings.date_order)
        if parsed is not None:
            return parsed, False, blocks[:index] + blocks[index + 1 :]
    line = blocks[0].line if blocks else 1
    first = blocks[0].text if blocks else ""
    what = (
        f"{first!r} looks like a date but is not one"
        if _DATE_LIKE.match(first)
        else "no date line after the title"
    )
    problems.append(
        Problem(
            path,
            line,
            f"{what}; used the seed file's modification time, a guess: "
            "add a line such as 'March 14, 2025' to fix it",
            "warning",
        )
    )
    if blocks and _DATE_LIKE.match(first):
        blocks = blocks[1:]  # not the article's words either
    return fallback_date.astimezone(settings.zone).replace(microsecond=0), True, blocks


_DATE_LIKE = re.compile(
    r"^\W*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2},? \d{2,4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{2,4})\W*$",
    re.IGNORECASE,
)
"""A short line shaped like a date ('31/31/2005', 'Feb 30, 2025'): one that did not parse is
a mistake to name, not the article's first paragraph."""


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


_PLAIN_ASCII = re.compile(r"[ !-%'-;=-~]{0,200}")
"""Printable ASCII but '<' and '&': the text as it will read, no markup, no entities."""


def _is_correction(text: str) -> bool:
    """Whether a block opens as a correction note; its first 200 characters tell. When the
    first forty or more read as they are, they are read without converting any markup."""
    head = _PLAIN_ASCII.match(text)  # always matches, if only the empty string
    plain = " ".join(head.group().split()) if head else ""
    if len(plain) < 40:  # too short to decide: the longest opening has 34 characters
        plain = convert_inline(text[:200]).plain
    return bool(_CORRECTION.match(plain))


def _sort_blocks(blocks: list[_Block]) -> tuple[tuple[str, ...], list[str], list[_Block]]:
    """Split the remaining blocks into related headlines, correction notes and the body."""
    related: list[str] = []
    corrections: list[str] = []
    body: list[_Block] = []
    for block in blocks:
        match = _RELATED.match(block.text)
        if match:
            related.append(convert_inline(match.group("rest")).plain)
        elif _is_correction(block.text):
            corrections.append(convert_inline(block.text).plain)
        else:
            body.append(block)
    return tuple(r for r in related if r), corrections, body


_ENDS_SENTENCE = tuple(".!?:;\"”’')]…")


def _join_broken(blocks: list[_Block]) -> list[str]:
    """Rejoin paragraphs that a blank line split mid-sentence (next one starts lower-case)."""
    groups: list[list[str]] = []
    for block in blocks:
        starts_lower = block.text[:1].islower()
        if groups and starts_lower and not groups[-1][-1].rstrip().endswith(_ENDS_SENTENCE):
            groups[-1].append(block.text)  # joined once at the end: no quadratic copying
        else:
            groups.append([block.text])
    return [" ".join(part.strip() for part in group) for group in groups]
