"""html.parser's HTMLParser for one whole text, in time linear in the text's length. Pure.

Python 3.11's html.parser (before 3.11.13) looks for the end of a tag afresh from every '<'.
Fed '<a <a <a ...' or '</</</...' with no '>' after them, each '<' scans to the end of the
text, and so does each tag of "<a x='>'<a x='>'...", whose quoted '>' never end a tag: time
grows with the square of the length. `WholeTextParser` gives the same events as that parser
fed the text and closed, but finds the next '>', '<' or quote from an index of where each
occurs, and matches a tag's pattern only as far as the '>' that can end it. On a Python whose
html.parser already ends a text's unfinished tags in linear time, that parser runs unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from html import parser as _stdlib
from html import unescape

_LOCATE_END: re.Pattern[str] = _stdlib.locatestarttagend_tolerant  # type: ignore[attr-defined]
"""html.parser's own pattern for the extent of a start tag, used within a window here."""
_SEARCHED = {">": ">", "<": "<", "'": "'", '"': '"', "name end": r"[\t\n\r\f />\x00]"}
"""What the index can find: four characters, and a character that ends a tag name."""
MAX_QUOTED_ENDS = 8
"""A start tag may hold this many quoted values with a '>' in them; one with more is text.

(html.parser might read it as a tag, or not: finding out means reading to the text's end.)"""


class _Probe(_stdlib.HTMLParser):
    """Notes the text html.parser hands on, to see how it ends an unfinished tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[str] = []

    def handle_data(self, data: str) -> None:
        self.seen.append(data)


def _ends_unfinished_tags_itself() -> bool:
    """Whether this Python's html.parser drops a tag left open at the end (3.11.13 and later),
    rather than keeping it as text after a fresh scan from every '<' (earlier versions)."""
    probe = _Probe()
    probe.feed("x<a b")
    probe.close()
    return "".join(probe.seen) == "x"


_STDLIB_IS_LINEAR = _ends_unfinished_tags_itself()


class _Index:
    """Where each searched character occurs in one text, found once, asked in log time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._where: dict[str, list[int]] = {}
        self._opens_value: dict[int, bool] = {}

    def _positions(self, key: str) -> list[int]:
        if key not in self._where:
            pattern = re.compile(re.escape(key) if len(key) == 1 else _SEARCHED[key])
            self._where[key] = [match.start() for match in pattern.finditer(self.text)]
        return self._where[key]

    def next(self, key: str, start: int) -> int:
        """The first position at or after `start` of `key`; -1 when there is none."""
        positions = self._positions(key)
        at = bisect_left(positions, start)
        return positions[at] if at < len(positions) else -1

    def last(self, key: str, start: int, stop: int) -> int:
        """The last position of `key` in [start, stop); -1 when there is none."""
        positions = self._positions(key)
        at = bisect_left(positions, stop) - 1
        return positions[at] if at >= 0 and positions[at] >= start else -1

    def opens_value(self, quote: int) -> bool:
        """Whether the quote at this position can open an attribute value: only spaces stand
        between it and an '=' before it. Each quote is looked at once."""
        if quote not in self._opens_value:
            before = quote
            while before and self.text[before - 1].isspace():
                before -= 1
            self._opens_value[quote] = before > 0 and self.text[before - 1] == "="
        return self._opens_value[quote]


class WholeTextParser(_stdlib.HTMLParser):
    """An HTMLParser to be fed one whole text and closed: what is unfinished then is final.

    Subclasses handle the events as with HTMLParser; `convert_charrefs` is always on.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._index = _Index("")

    def _indexed(self) -> _Index:
        """The index of the text being parsed (after `feed`, `close` parses what is left)."""
        if self._index.text is not self.rawdata:
            self._index = _Index(self.rawdata)
        return self._index

    def parse_starttag(self, i: int) -> int:
        """A start tag; an unfinished one is text at once, as html.parser makes it at the end."""
        end = super().parse_starttag(i)
        return end if end >= 0 or _STDLIB_IS_LINEAR else self._as_text(i)

    def parse_endtag(self, i: int) -> int:
        """An end tag; without a '>' after it, text. With one, html.parser reads up to it."""
        if _STDLIB_IS_LINEAR or self._indexed().next(">", i + 1) >= 0:
            return super().parse_endtag(i)
        return self._as_text(i)

    def check_for_whole_start_tag(self, i: int) -> int:
        """Where the start tag at `i` ends, -1 when unfinished: html.parser's answer, found by
        matching its pattern only up to the first '>' that no quoted value holds."""
        if _STDLIB_IS_LINEAR:
            return super().check_for_whole_start_tag(i)
        index = self._indexed()
        first_end = index.next(">", i)
        if first_end < 0:
            return self._unclosed_start_tag(i)
        end = self._tag_window(i, first_end)
        return -1 if end < 0 else self._whole_start_tag(i, end)

    def _as_text(self, i: int) -> int:
        """What html.parser does at the end of the text with a '<' that starts no finished tag:
        the text up to the next '>' (kept), else up to the next '<', else the '<' alone."""
        index = self._indexed()
        end = index.next(">", i + 1)
        if end >= 0:
            end += 1
        else:
            end = index.next("<", i + 1)
            end = i + 1 if end < 0 else end
        text = self.rawdata[i:end]
        self.handle_data(unescape(text) if self.convert_charrefs and not self.cdata_elem else text)
        return end

    def _unclosed_start_tag(self, i: int) -> int:
        """html.parser's answer for a start tag with no '>' after it: unfinished (-1), except
        a tag name followed by NUL, which it ends there (and then keeps as text)."""
        index = self._indexed()
        name_end = index.next("name end", i + 1)
        if name_end < 0 or self.rawdata[name_end] != "\x00":
            return -1
        last = self.rawdata[name_end - 1]
        return -1 if last in "'\"" or last.isspace() else name_end

    def _tag_window(self, i: int, end: int) -> int:
        """The end of a stretch from `i` that html.parser's pattern cannot read past, so that
        matching within it gives what matching the whole text gives; -1 past the limit.

        The pattern reads past a '>' only inside a quoted value. Of each kind of quote, only the
        last one before the '>' can be still open there; when it follows an '=' and closes
        later, the stretch is carried on to the first '>' after its closing quote.
        """
        index = self._indexed()
        for _ in range(MAX_QUOTED_ENDS + 1):
            reach = -1
            for quote in "'\"":
                opened = index.last(quote, i, end)
                if opened >= 0 and index.opens_value(opened):
                    reach = max(reach, index.next(quote, end))
            if reach < 0:
                return end + 1
            end = index.next(">", reach)
            if end < 0:  # no '>' after that quote: the rest of the text, as html.parser reads it
                return len(self.rawdata)
        return -1

    def _whole_start_tag(self, i: int, stop: int) -> int:
        """html.parser's check_for_whole_start_tag (Python 3.11.7), matching before `stop`."""
        rawdata = self.rawdata
        match = _LOCATE_END.match(rawdata, i, stop)
        if not match:
            raise AssertionError("we should not get here!")
        j = match.end()
        after = rawdata[j : j + 1]
        if after == ">":
            return j + 1
        if after == "/":
            return j + 2 if rawdata.startswith("/>", j) else -1
        if after == "" or after in "abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            return -1
        return j if j > i else i + 1
