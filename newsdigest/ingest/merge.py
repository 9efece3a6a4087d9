"""A three-way merge of a page: what ingest last wrote (base), the page now (ours), and what
the changed seed gives now (theirs). Pure: text in, text and conflicts out.

Front matter is merged field by field (its top-level keys, each with the lines under it, as
text), the body paragraph by paragraph (its blank-line separated blocks, a diff3 over them).
What the person did not touch takes the seed's new version; what both changed keeps the
person's, with a conflict to warn about. The person's text is never dropped: a part of ours
is replaced only where it is still exactly the base's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsdigest import frontmatter

_KEY = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)")
_SEPARATOR = re.compile(r"(\n(?:[ \t]*\n)+)")
_LEAD = re.compile(r"(?:[ \t]*\n)*")
_TAIL = re.compile(r"\s*\Z")
_QUOTE = 70
"""At most this many characters of the seed's version are quoted in a conflict."""


@dataclass(frozen=True)
class Conflict:
    """A part both the person and the seed changed: the person's version was kept."""

    line: int
    """1-based line of the kept part in the merged page (1 for a removed field)."""
    message: str
    """What was kept and what the seed says now, for a warning."""


@dataclass(frozen=True)
class Merged:
    """The merged page and the parts where the person's edit was kept over the seed's."""

    text: str
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class _Page:
    """A page cut for merging: front matter entries (key, text) and body blocks."""

    entries: tuple[tuple[str, str], ...]
    """Top-level front matter keys with their lines; '' for comments before the first key."""
    lead: str
    """Blank lines between the closing fence and the first block."""
    blocks: tuple[str, ...]
    separators: tuple[str, ...]
    """The blank lines after each block but the last."""
    tail: str
    """Whitespace after the last block."""


def merge_pages(base: str, ours: str, theirs: str) -> Merged | None:
    """Merge the seed's change (base to theirs) into the page as it is now (ours).

    None when a page cannot be cut into fields and paragraphs safely (no front matter, YAML
    that does not read the same field by field): the caller keeps ours as it is.
    """
    if ours in (base, theirs):
        return Merged(theirs, ())
    old, mine, new = (_cut(text) for text in (base, ours, theirs))
    if old is None or mine is None or new is None:
        return None
    entries, field_conflicts = _merge_fields(old.entries, mine.entries, new.entries)
    head = "".join(text for _, text in entries)
    body_line = head.count("\n") + 3 + mine.lead.count("\n")
    body, body_conflicts = _merge_body(old, mine, new, body_line)
    text = f"{frontmatter.FENCE}\n{head}{frontmatter.FENCE}\n{body}"
    lines, line = {}, 2  # the line each field starts on; the page's first is the fence
    for key, entry in entries:
        lines[key], line = line, line + entry.count("\n")
    located = [Conflict(lines.get(key, 1), message) for key, message in field_conflicts]
    return Merged(text, (*located, *body_conflicts))


def _cut(text: str) -> _Page | None:
    """The page's front matter entries and body blocks; None when they cannot be trusted."""
    lines = text.split("\n")
    if not lines or lines[0] != frontmatter.FENCE:
        return None
    end = next((i for i in range(1, len(lines)) if lines[i] == frontmatter.FENCE), None)
    if end is None:
        return None
    entries = _entries(lines[1:end])
    if entries is None:
        return None
    lead, blocks, separators, tail = _split_body("\n".join(lines[end + 1 :]))
    return _Page(entries, lead, blocks, separators, tail)


def _entries(lines: list[str]) -> tuple[tuple[str, str], ...] | None:
    """Top-level keys with the lines under each; None unless each reads alone as the whole did."""
    entries: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        match = _KEY.match(line)
        if match:
            entries.append((match["key"], [line]))
        elif line[:1] in ("", " ", "\t", "#", "-"):
            entries[-1][1].append(line)
        else:
            return None
    found = tuple((key, "".join(f"{line}\n" for line in part)) for key, part in entries)
    keys = [key for key, _ in found[1:]]
    try:
        whole = frontmatter.split(f"---\n{''.join(text for _, text in found)}---\n")[0]
        alone = [frontmatter.split(f"---\n{text}---\n")[0] for _, text in found]
    except frontmatter.FrontMatterError:
        return None
    if (
        len(set(keys)) != len(keys)
        or alone[0]
        or any(list(a) != [k] for k, a in zip(keys, alone[1:], strict=True))
    ):
        return None
    if whole != {key: value for part in alone for key, value in part.items()}:
        return None
    return found


def _split_body(body: str) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
    """(lead, blocks, separators, tail); lead + blocks joined by separators + tail is body."""
    lead = _LEAD.match(body)
    start = lead.end() if lead else 0
    tail = _TAIL.search(body, start)
    end = tail.start() if tail else len(body)
    if start >= end:
        return body, (), (), ""
    parts = _SEPARATOR.split(body[start:end])
    return body[:start], tuple(parts[0::2]), tuple(parts[1::2]), body[end:]


def _merge_fields(
    base: Sequence[tuple[str, str]],
    ours: Sequence[tuple[str, str]],
    theirs: Sequence[tuple[str, str]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Merged entries in ours' order (new keys of theirs after their neighbour), and the
    conflicts as (key, message)."""
    old, mine, new = dict(base), dict(ours), dict(theirs)
    order = [key for key, _ in ours]
    for index, (key, _) in enumerate(theirs):
        if key not in mine and key not in old:
            before = [k for k, _ in theirs[:index] if k in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, key)
    merged: list[tuple[str, str]] = []
    conflicts: list[tuple[str, str]] = []
    for key in order + [key for key, _ in base if key not in order]:
        b, o, t = old.get(key), mine.get(key), new.get(key)
        kept = t if o == b else o
        if o != b and t != b and o != t and not _same_value(o, t):
            conflicts.append((key, _field_conflict(key, o, t)))
        if kept is not None:
            merged.append((key, kept))
    return merged, conflicts


def _same_value(ours: str | None, theirs: str | None) -> bool:
    """Two versions of one field that read as the same value (only the YAML's form differs)."""
    if ours is None or theirs is None:
        return False
    read = [frontmatter.split(f"---\n{text}---\n")[0] for text in (ours, theirs)]
    return read[0] == read[1]


def _field_conflict(key: str, ours: str | None, theirs: str | None) -> str:
    what = f"kept your edit of '{key}'" if ours is not None else f"kept your removal of '{key}'"
    if theirs is None:
        return f"{what}; the seed no longer has it; merge by hand"
    value = theirs.split(":", 1)[1] if key else theirs
    mine = ours.split(":", 1)[1] if key and ours is not None else ours or ""
    return f"{what}; the seed now says {_quote(value, mine)}; merge by hand"


def _quote(text: str, yours: str = "") -> str:
    """A short one-line quotation of the seed's version, from a little before where it first
    differs from yours, so that the difference shows."""
    flat, mine = " ".join(text.split()), " ".join(yours.split())
    same = next(
        (i for i, (a, b) in enumerate(zip(flat, mine, strict=False)) if a != b),
        min(len(flat), len(mine)),
    )
    start = flat.rfind(" ", 0, max(0, same - _QUOTE // 3)) + 1 if same > _QUOTE // 2 else 0
    quoted = ("…" if start else "") + flat[start:]
    return repr(quoted if len(quoted) <= _QUOTE else quoted[: _QUOTE - 1] + "…")


@dataclass(frozen=True)
class _Edit:
    """One side's change to base's blocks: base[start:end] became its blocks[first:last]."""

    start: int
    end: int
    first: int
    last: int
    side: str
    """'ours' or 'theirs'."""


def _merge_body(
    base: _Page, ours: _Page, theirs: _Page, first_line: int
) -> tuple[str, list[Conflict]]:
    """The merged body, and its conflicts located from `first_line` (the first block's)."""
    pieces: list[tuple[str, str]] = []  # (block, the blank lines after it in its page)
    conflicts: list[Conflict] = []
    line = first_line
    for taken, conflict in _merge_blocks(base, ours, theirs):
        if conflict is not None:
            message = _body_conflict(*conflict, paragraph=len(pieces) + 1)
            conflicts.append(Conflict(line, message))
        for block, separator in taken:
            pieces.append((block, separator))
            line += block.count("\n") + separator.count("\n")
    if not pieces:
        return (ours.lead + ours.tail if not ours.blocks else "\n"), conflicts
    lead = ours.lead if ours.blocks else theirs.lead
    tail = ours.tail if ours.blocks else theirs.tail
    body = "".join(block + separator for block, separator in pieces[:-1]) + pieces[-1][0]
    return lead + body + tail, conflicts


Taken = tuple[list[tuple[str, str]], tuple[list[str], list[str]] | None]
"""Blocks with the blank lines after each, and for a conflict ours' and theirs' versions."""


def _merge_blocks(base: _Page, ours: _Page, theirs: _Page) -> Iterator[Taken]:
    """The merged blocks, stretch by stretch: what neither changed as ours has it; a change
    of one side as that side made it; where both changed the same blocks (or added blocks at
    the same place) differently, ours, with a conflict. Changes to neighbouring blocks are
    taken both: each paragraph is a unit of its own."""
    mine, mine_at = _changes(base.blocks, ours.blocks, "ours")
    new, new_at = _changes(base.blocks, theirs.blocks, "theirs")
    done = 0  # the next block of ours not yet taken
    for start, end, sides in _groups(sorted(mine + new, key=lambda e: (e.start, e.end))):
        first, last = _span(mine_at, start, end)
        yield _blocks_of(ours, done, first), None
        own = _blocks_of(ours, first, last)
        seeds = _blocks_of(theirs, *_span(new_at, start, end))
        mine_text, new_text = [b for b, _ in own], [b for b, _ in seeds]
        if sides == {"theirs"}:
            yield seeds, None
        elif sides == {"ours"} or mine_text == new_text:
            yield own, None
        else:
            yield own, (mine_text, new_text)
        done = last
    yield _blocks_of(ours, done, len(ours.blocks)), None


Places = tuple[list[int], list[int]]
"""For each position of base (0 to its length), where it is in one side: before and after
the blocks that side added there."""


def _span(at: Places, start: int, end: int) -> tuple[int, int]:
    """Where base[start:end] is in one side; for an addition (start == end), the added blocks."""
    before, after = at
    return (before[start], after[end]) if start == end else (after[start], before[end])


def _changes(base: Sequence[str], other: Sequence[str], side: str) -> tuple[list[_Edit], Places]:
    """One side's edits, and where each position of base is in that side."""
    before, after = [0] * len(base) + [len(other)], [0] * len(base) + [len(other)]
    edits: list[_Edit] = []
    opcodes = SequenceMatcher(None, base, other, autojunk=False).get_opcodes()
    for tag, start, end, first, last in opcodes:
        block_for_block = tag == "replace" and end - start == last - first
        if tag == "equal" or block_for_block:
            before[start:end] = after[start:end] = range(first, last)
        elif tag != "insert":
            before[start] = after[start] = first
        if block_for_block:  # one edit per block: each paragraph is a unit of its own
            edits.extend(
                _Edit(start + i, start + i + 1, first + i, first + i + 1, side)
                for i in range(end - start)
            )
        elif tag != "equal":
            edits.append(_Edit(start, end, first, last, side))
    for tag, start, _, first, last in opcodes:  # last: what follows an addition starts there
        if tag == "insert":
            before[start], after[start] = first, last
    return edits, (before, after)


def _groups(edits: list[_Edit]) -> Iterator[tuple[int, int, set[str]]]:
    """Stretches of base that overlapping edits cover, with the sides that edited each:
    edits overlap when they share a block, or add blocks at the same place or inside it."""
    group: tuple[int, int, set[str]] | None = None
    for edit in edits:
        if group is not None and _overlap(group[0], group[1], edit.start, edit.end):
            group = (group[0], max(group[1], edit.end), group[2] | {edit.side})
            continue
        if group is not None:
            yield group
        group = (edit.start, edit.end, {edit.side})
    if group is not None:
        yield group


def _overlap(start: int, end: int, other_start: int, other_end: int) -> bool:
    if start == end and other_start == other_end:
        return start == other_start
    if start == end:
        return other_start < start < other_end
    if other_start == other_end:
        return start < other_start < end
    return max(start, other_start) < min(end, other_end)


def _blocks_of(page: _Page, first: int, last: int) -> list[tuple[str, str]]:
    """Blocks first to last of a page, each with the blank lines after it there."""
    separators = page.separators
    return [
        (page.blocks[i], separators[i] if i < len(separators) else "\n\n")
        for i in range(first, last)
    ]


def _body_conflict(mine: Sequence[str], new: Sequence[str], paragraph: int) -> str:
    """The message for blocks both changed, the first kept one being paragraph `paragraph`."""
    what = (
        f"kept your edit of paragraph {paragraph}" if mine else "kept your removal of a paragraph"
    )
    if not new:
        return f"{what}; the seed no longer has it; merge by hand"
    return f"{what}; the seed now says {_quote(' '.join(new), ' '.join(mine))}; merge by hand"
