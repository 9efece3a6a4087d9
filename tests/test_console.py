"""newsdigest.console: summary lines, problems and the progress bar."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsdigest.console import Console, ProgressBar, summary_line
from newsdigest.ingest import IngestReport
from newsdigest.model import Problem
from newsdigest.output.write import WriteReport
from newsdigest.parallel import SMALL
from newsdigest.pipeline.options import BuildReport

ERROR = Problem(Path("seeds/a.txt"), 3, "no title; add one")
WARNING = Problem(Path("seeds/b.txt"), 0, "no date; add one", "warning")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_problems_show_errors_always_and_warnings_unless_quiet() -> None:
    for quiet, expected in ((False, 2), (True, 1)):
        err = io.StringIO()
        Console(io.StringIO(), err, quiet).problems((ERROR, WARNING))
        lines = err.getvalue().splitlines()
        assert len(lines) == expected
        assert lines[0] == "seeds/a.txt:3: error: no title; add one"


def test_errors_are_prefixed_and_results_go_to_stdout() -> None:
    out, err = io.StringIO(), io.StringIO()
    console = Console(out, err)
    console.error("bad")
    console.result("done")
    assert err.getvalue() == "newsdigest: error: bad\n" and out.getvalue() == "done\n"


def report(articles: int, written: int, problems: tuple[Problem, ...]) -> BuildReport:
    ingest = IngestReport(2, (), (), (ERROR.path,) if ERROR in problems else (), problems)
    changed = tuple(f"f{i}" for i in range(written))
    return BuildReport(articles, 3, 1, ingest, WriteReport(changed, 5, ()), problems, 1.234)


def test_the_summary_line_counts_what_was_made_and_skipped() -> None:
    line = summary_line(report(1, 2, (ERROR, WARNING)), Path("public"))
    assert line.startswith("Built 1 article, 3 pages, 1 feed in 1.23 s into public (")
    assert "2 written; 5 unchanged; 0 removed" in line
    assert "1 seed refused, 0 other inputs skipped" in line and "1 warning" in line
    plain = summary_line(report(2, 0, ()), Path("public"))
    assert "2 articles" in plain and "refused" not in plain and "warning" not in plain


def test_no_bar_outside_a_terminal_or_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert ProgressBar.for_stream(io.StringIO()) is None
    assert ProgressBar.for_stream(Terminal()) is not None
    assert Console(err=Terminal(), quiet=True).progress_bar() is None
    monkeypatch.setenv("CI", "true")
    assert ProgressBar.for_stream(Terminal()) is None


def test_the_bar_stays_silent_for_small_jobs_and_clears_its_line() -> None:
    small = Terminal()
    bar = ProgressBar(small)
    bar("render", 10, SMALL - 1)
    assert small.getvalue() == ""
    big = Terminal()
    bar = ProgressBar(big)
    bar("render", SMALL, SMALL * 2)
    assert f"{SMALL}/{SMALL * 2}" in big.getvalue() and "[###" in big.getvalue()
    bar("render", SMALL * 2, SMALL * 2)
    assert big.getvalue().endswith("\r\x1b[K")
