"""newsdigest.console: summary lines, problems and the progress bar."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsdigest.console import Console, ProgressBar, ingest_summary, stage_times, summary_line
from newsdigest.ingest import IngestReport
from newsdigest.model import Problem
from newsdigest.output.write import WriteReport
from newsdigest.parallel import SMALL
from newsdigest.pipeline.options import BuildReport

ERROR = Problem(Path("seeds/a.txt"), 3, "no title; add one")
WARNING = Problem(Path("seeds/b.txt"), 0, "no date; add one", "warning")
PAGE_ERROR = Problem(Path("content/about.md"), 2, "bad front matter; fix it")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment where a terminal may show a bar: no CI, a real TERM."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    return monkeypatch


def test_problems_show_errors_always_and_warnings_unless_quiet() -> None:
    """Quiet hides warnings only; each problem is 'file:line: severity: message'."""
    for quiet, expected in (
        (
            False,
            ["seeds/a.txt:3: error: no title; add one", "seeds/b.txt: warning: no date; add one"],
        ),
        (True, ["seeds/a.txt:3: error: no title; add one"]),
    ):
        out, err = io.StringIO(), io.StringIO()
        Console(out, err, quiet).problems((ERROR, WARNING))
        assert err.getvalue().splitlines() == expected
        assert out.getvalue() == ""


def test_a_quiet_console_still_prints_every_error() -> None:
    """Errors after a warning are shown when quiet, too."""
    err = io.StringIO()
    Console(io.StringIO(), err, quiet=True).problems((WARNING, ERROR, PAGE_ERROR))
    assert err.getvalue().splitlines() == [str(ERROR), str(PAGE_ERROR)]


def test_errors_are_prefixed_and_results_go_to_stdout() -> None:
    """error() and note() write to err, result() to out."""
    out, err = io.StringIO(), io.StringIO()
    console = Console(out, err)
    console.error("bad")
    console.note("by the way")
    console.result("done")
    assert err.getvalue() == "newsdigest: error: bad\nby the way\n"
    assert out.getvalue() == "done\n"


def report(
    articles: int = 1,
    pages: int = 3,
    feeds: int = 1,
    written: int = 2,
    problems: tuple[Problem, ...] = (),
    refused: tuple[Path, ...] = (),
    ingested: bool = True,
) -> BuildReport:
    """A build report with the given counts, as the pipeline would return it."""
    ingest = IngestReport(2, (), (), refused, problems) if ingested else None
    changed = tuple(f"f{i}" for i in range(written))
    written_report = WriteReport(changed, 5, ("old.html",))
    return BuildReport(articles, pages, feeds, ingest, written_report, problems, 1.234)


def test_the_summary_line_counts_what_was_made_and_skipped() -> None:
    """A refused seed and a warning are counted after what was written."""
    line = summary_line(report(problems=(ERROR, WARNING), refused=(ERROR.path,)), Path("public"))
    assert line == (
        "Built 1 article, 3 pages, 1 feed in 1.23 s into public "
        "(2 written; 5 unchanged; 1 removed; 1 seed refused, 0 other inputs skipped; 1 warning)"
    )
    plain = summary_line(report(articles=2), Path("public"))
    assert "2 articles" in plain and "refused" not in plain and "warning" not in plain


def test_the_summary_line_says_one_or_many() -> None:
    """Counts of one are singular, all others plural, zero included."""
    one = summary_line(report(articles=1, pages=1, feeds=1), "out")
    assert one.startswith("Built 1 article, 1 page, 1 feed in ")
    none = summary_line(report(articles=0, pages=0, feeds=2), "out")
    assert none.startswith("Built 0 articles, 0 pages, 2 feeds in ")
    warnings = summary_line(report(problems=(WARNING, WARNING)), "out")
    assert warnings.endswith("; 2 warnings)")


def test_the_summary_line_tells_refused_seeds_from_other_skipped_inputs() -> None:
    """Seeds refused by ingest and other errors are counted apart."""
    two_seeds = (Path("seeds/a.txt"), Path("seeds/c.txt"))
    problems = (ERROR, Problem(two_seeds[1], 1, "empty; remove it"), PAGE_ERROR)
    line = summary_line(report(problems=problems, refused=two_seeds), "out")
    assert "; 2 seeds refused, 1 other inputs skipped)" in line
    without_ingest = summary_line(report(problems=(PAGE_ERROR,), ingested=False), "out")
    assert "; 0 seeds refused, 1 other inputs skipped)" in without_ingest


def test_the_ingest_summary_counts_pages_seeds_and_warnings() -> None:
    """One line with seeds, pages written, removed and refused, and warnings."""
    pages = (Path("content/articles/a.md"), Path("content/articles/b.md"))
    one = IngestReport(1, pages, (Path("content/articles/c.md"),), (), (WARNING,))
    assert ingest_summary(one) == (
        "Ingested 1 seed: 2 pages written, 1 removed, 0 refused, 1 warning"
    )
    many = IngestReport(3, (), (), (ERROR.path,), (ERROR, WARNING, WARNING))
    assert ingest_summary(many) == (
        "Ingested 3 seeds: 0 pages written, 0 removed, 1 refused, 2 warnings"
    )


def test_stage_times_give_a_line_per_step_in_milliseconds() -> None:
    """Each step's time, in order, in milliseconds."""
    timed = BuildReport(
        0, 0, 0, None, WriteReport((), 0, ()), (), 0.5, stage_seconds={"load": 0.25, "write": 0.0}
    )
    assert stage_times(timed) == ["  load          250.0 ms", "  write           0.0 ms"]


def test_no_bar_outside_a_terminal_or_in_ci(terminal_env: pytest.MonkeyPatch) -> None:
    """Only a terminal gets a bar, never in CI, on a dumb terminal or when quiet."""
    assert ProgressBar.for_stream(io.StringIO()) is None
    assert isinstance(ProgressBar.for_stream(Terminal()), ProgressBar)
    assert isinstance(Console(err=Terminal()).progress_bar(), ProgressBar)
    assert Console(err=Terminal(), quiet=True).progress_bar() is None
    terminal_env.setenv("TERM", "dumb")
    assert ProgressBar.for_stream(Terminal()) is None
    terminal_env.setenv("TERM", "xterm")
    terminal_env.setenv("CI", "true")
    assert ProgressBar.for_stream(Terminal()) is None


def test_the_bar_stays_silent_for_small_jobs() -> None:
    """A job below SMALL items draws nothing, not even at its end."""
    small = Terminal()
    bar = ProgressBar(small)
    bar("render", 10, SMALL - 1)
    bar("render", SMALL - 1, SMALL - 1)
    assert small.getvalue() == ""


def test_the_bar_draws_on_a_terminal_and_clears_its_line() -> None:
    """A big job redraws one line with its share done, and erases it at the end."""
    big = Terminal()
    bar = ProgressBar(big)
    bar("render", SMALL, SMALL * 2)
    drawn = big.getvalue()
    assert drawn == f"\rrender   [{'#' * 15}{'.' * 15}] {SMALL}/{SMALL * 2}"
    bar("render", SMALL * 2, SMALL * 2)
    assert big.getvalue().endswith("\r\x1b[K")
    assert big.getvalue().count("\r\x1b[K") == 1
