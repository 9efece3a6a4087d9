"""Ingest on pathological inputs, each at two sizes: linear growth shows as a ratio near 4.

Each shape is a text built to make a quadratic (or worse) step show: a name finder that looks
back over all the text before each word, an HTML tokenizer that scans from every '<' to the
end, a pattern that tries every split of a run of spaces. The script times the ingest function
that meets the shape at the size given and at four times it, and prints one line per shape.
It measures and asserts nothing. Run it from the repository's root:

    python bench/shapes.py [--size CHARS] [--repeat N] [--only NAME]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from newsdigest.ingest.inline import convert_inline
from newsdigest.ingest.run import analyse_seed
from newsdigest.ingest.seeds import SeedSettings
from newsdigest.names.extract import extract

SETTINGS = SeedSettings(ZoneInfo("Europe/Moscow"))
FALLBACK = datetime(2025, 1, 1, tzinfo=UTC)


def repeat_to(unit: str, size: int) -> str:
    """`unit` repeated to about `size` characters."""
    return unit * max(1, size // len(unit))


def seed_with(title: str = "Title", body: str = "Body.", after_url: str = "") -> bytes:
    """A seed whose title, body or lines after the URL marker hold a shape."""
    url = f"## Original url:\n{after_url}https://x.example/story\n"
    return f"## {title}\n\nMarch 14, 2025\n\n{body}\n\n{url}".encode()


def analyse(data: bytes) -> None:
    """What a cold build's ingest does with one seed: parse it (names are found at load)."""
    analyse_seed(SETTINGS, (Path("seeds/shape.txt"), data, FALLBACK))


Shape = tuple[str, Callable[[int], Any], Callable[[Any], object]]
"""Name, a maker of the input at a size, and the ingest step to time on it."""

SHAPES: tuple[Shape, ...] = (
    ("names: repeated full names", lambda n: repeat_to("Vladimir Putin met Donald Trump. ", n), extract),
    ("names: one run of one name", lambda n: repeat_to("Putin ", n), extract),
    ("names: titles before a name", lambda n: repeat_to("President ", n) + "Putin", extract),
    ("names: 'The' before a name", lambda n: repeat_to("The ", n) + "Putin", extract),
    ("names: all different", lambda n: " ".join(f"Ann{i} Lee{i}. Lee{i}" for i in range(n // 20)), extract),
    ("html: '<a ' unclosed", lambda n: repeat_to("<a ", n), convert_inline),
    ("html: '<![CDATA['", lambda n: repeat_to("<![CDATA[", n), convert_inline),
    ("html: '</' unclosed", lambda n: repeat_to("</", n), convert_inline),
    ("html: quoted '>' in tags", lambda n: repeat_to("<a x='>'", n), convert_inline),
    ("html: '<a' and NUL", lambda n: repeat_to("<a\x00", n) + ">", convert_inline),
    ("html: nested <b>", lambda n: repeat_to("<b> x ", n), convert_inline),
    ("html: stray end tags", lambda n: repeat_to("<b>", n // 2) + repeat_to("</i>", n // 2), convert_inline),
    ("html: many links", lambda n: repeat_to('<a href="https://x.example/">x</a> ', n), convert_inline),
    ("seed: '<a ' in the body", lambda n: seed_with(body=repeat_to("<a ", n)), analyse),
    ("seed: '<![CDATA[' in the body", lambda n: seed_with(body=repeat_to("<![CDATA[", n)), analyse),
    ("seed: repeated names", lambda n: seed_with(body=repeat_to("Putin met Trump. ", n)), analyse),
    ("seed: spaces in the title", lambda n: seed_with(title="a" + " " * n + "b"), analyse),
    ("seed: '#' and spaces in the title", lambda n: seed_with(title=repeat_to("# ", n) + "b"), analyse),
    ("seed: blank lines after the URL mark", lambda n: seed_with(after_url="\n" * n), analyse),
    ("seed: one huge paragraph", lambda n: seed_with(body=repeat_to("the story goes on ", n)), analyse),
)  # fmt: skip


def seconds(step: Callable[[Any], object], given: object, repeat: int) -> float:
    """The fastest of `repeat` runs of the step on the input."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        step(given)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=64_000, help="characters at 1x (64,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts")
    parser.add_argument("--only", default="", help="run only shapes whose name contains this")
    args = parser.parse_args()
    print(f"{'shape':38} {'size 1x':>9} {'1x s':>8} {'4x s':>8} {'4x/1x':>6}")
    for name, make, step in SHAPES:
        if args.only not in name:
            continue
        small, large = make(args.size), make(4 * args.size)
        once, four = seconds(step, small, args.repeat), seconds(step, large, args.repeat)
        ratio = four / once if once > 0 else float("inf")
        print(f"{name:38} {len(small):9,} {once:8.3f} {four:8.3f} {ratio:6.1f}", flush=True)


if __name__ == "__main__":
    main()
