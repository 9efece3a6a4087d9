"""Processes under measurement, read from /proc: a tree's memory and CPU time, a group's members.

Where there is no /proc (not Linux) every reading is empty or zero rather than an error.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
"""Units of the CPU times in /proc/PID/stat, per second."""


class TreeSampler(threading.Thread):
    """Samples a process and all its descendants until stopped: the largest sum of their RSS,
    and the largest peak (VmHWM) of any one of them."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        """Largest sampled sum of RSS over the tree, in kB."""
        self.largest_kb = 0
        """Largest peak RSS (VmHWM) of a single process in the tree, in kB."""
        self._done = threading.Event()

    def run(self) -> None:
        """Sample until stop() is called."""
        while not self._done.is_set():
            self.sample()
            self._done.wait(self.interval)

    def sample(self) -> None:
        """Take one reading of every process in the tree."""
        statuses = [_status(pid) for pid in descendants(self.pid)]
        self.peak_kb = max(self.peak_kb, sum(_field_kb(s, "VmRSS") for s in statuses))
        self.largest_kb = max([self.largest_kb, *(_field_kb(s, "VmHWM") for s in statuses)])

    def stop(self) -> None:
        """End sampling and wait for the thread."""
        self._done.set()
        self.join()


def descendants(pid: int) -> list[int]:
    """The pid and every process below it, read from /proc (empty where there is no /proc)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        queue.extend(int(child) for child in children.split())
    return found


def _status(pid: int) -> str:
    """/proc/PID/status, empty when the process is gone."""
    try:
        return Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return ""


def _field_kb(status: str, name: str) -> int:
    """One kB field of /proc/PID/status (VmRSS, VmHWM), 0 when missing."""
    match = re.search(rf"^{name}:\s+(\d+)", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name (state, ppid, pgrp, ...); [] when gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return stat.rpartition(")")[2].split()


def tree_cpu_seconds(pid: int) -> float:
    """User plus system CPU time so far of a process and its descendants, including the
    children they have already reaped."""
    ticks = 0
    for current in descendants(pid):
        fields = _stat_fields(current)
        ticks += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return ticks / CLOCK_TICKS


def group_members(pgid: int) -> list[int]:
    """The live processes (zombies left out) of a process group."""
    try:
        entries = [e.name for e in Path("/proc").iterdir() if e.name.isdigit()]
    except OSError:
        return []
    members = []
    for name in entries:
        fields = _stat_fields(int(name))
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(name))
    return members
