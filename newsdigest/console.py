"""How every command talks: one summary line on stdout, problems and notes on stderr, and a
progress bar on a terminal only (never in pipes or CI)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newsdigest.ingest import IngestReport
from newsdigest.model import Problem
from newsdigest.parallel import SMALL
from newsdigest.pipeline.options import BuildReport


@dataclass
class Console:
    """The streams a command writes to, and whether it may say more than errors."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    """Results: the summary line, where the preview serves."""
    err: TextIO = field(default_factory=lambda: sys.stderr)
    """Errors, warnings, notes and the progress bar."""
    quiet: bool = False
    """Print only errors and the summary line."""

    def result(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def note(self, line: str) -> None:
        print(line, file=self.err, flush=True)

    def error(self, message: str) -> None:
        print(f"newsdigest: error: {message}", file=self.err, flush=True)

    def problems(self, problems: tuple[Problem, ...]) -> None:
        """Every error, and the warnings unless quiet, each as 'file:line: severity: ...'."""
        for problem in problems:
            if problem.severity == "error" or not self.quiet:
                print(problem, file=self.err)
        self.err.flush()

    def progress_bar(self) -> ProgressBar | None:
        """A progress bar when stderr is a terminal and we may talk; else None."""
        return None if self.quiet else ProgressBar.for_stream(self.err)


def summary_line(report: BuildReport, out_dir: Path) -> str:
    """One line that says what the build made and how long it took."""
    refused = len(report.ingest.refused) if report.ingest else 0
    skipped = len(report.errors)
    parts = [
        _count(report.articles, "article"),
        _count(report.pages, "page"),
        _count(report.feeds, "feed"),
    ]
    notes = [
        f"{report.written.written} written",
        f"{report.written.unchanged} unchanged",
        f"{len(report.written.removed)} removed",
    ]
    if skipped:
        notes.append(f"{_count(refused, 'seed')} refused, {skipped - refused} other inputs skipped")
    if report.warnings:
        notes.append(_count(len(report.warnings), "warning"))
    return f"Built {', '.join(parts)} in {report.seconds:.2f} s into {out_dir} ({'; '.join(notes)})"


def ingest_summary(report: IngestReport) -> str:
    """One line that says what ingest wrote, removed and refused."""
    warnings = sum(1 for p in report.problems if p.severity == "warning")
    return (
        f"Ingested {_count(report.seeds, 'seed')}: {len(report.written)} pages written, "
        f"{len(report.removed)} removed, {len(report.refused)} refused, {_count(warnings, 'warning')}"
    )


def stage_times(report: BuildReport) -> list[str]:
    """A line per build step with the time it took, for --profile."""
    return [
        f"  {stage:<10} {seconds * 1000:8.1f} ms" for stage, seconds in report.stage_seconds.items()
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class ProgressBar:
    """A one-line progress bar on a terminal; nothing at all in pipes and CI."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    @classmethod
    def for_stream(cls, stream: TextIO) -> ProgressBar | None:
        interactive = (
            stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        )
        return cls(stream) if interactive else None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < SMALL and not self._shown:
            return  # small builds finish before a bar would help
        width = 30
        filled = width * done // max(total, 1)
        self._stream.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self._shown = True
        if done >= total:
            self._stream.write("\r\x1b[K")
        self._stream.flush()
