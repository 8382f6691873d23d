"""Running and measuring a command: wall and CPU time, the largest process, the summed process tree.

Also the time budget of a whole run, the environment of a measured command, and the facts of the
machine it ran on. Nothing here knows what is being built.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def log(message: str) -> None:
    """Progress goes to stderr: stdout carries the report."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@dataclass
class Run:
    """One measured command."""

    wall_s: float
    cpu_s: float  # user + system time of the command and all its descendants
    max_rss_mb: float  # the largest resident set of any single process of the command
    tree_rss_mb: float  # the largest sum of resident sets of the whole process tree, sampled
    returncode: int
    output: str


def _ppids() -> dict[int, int]:
    """Every process's parent, from /proc."""
    out = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fd:
                    stat = fd.read()
                out[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fd:
            return int(fd.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


class TreeSampler(threading.Thread):
    """Sample the summed RSS of a process and its descendants (processes running side by side add up)."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            ppids = _ppids()
            tree, frontier = {self.pid}, [self.pid]
            while frontier:
                parent = frontier.pop()
                children = [pid for pid, ppid in ppids.items() if ppid == parent and pid not in tree]
                tree.update(children)
                frontier += children
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in tree))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def measure(cmd: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None, check: bool = True, sample: bool = True) -> Run:
    """Run a command; return its wall time, CPU time and memory (os.wait4 gives the tree's largest RSS)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if sample:
            sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    run = Run(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        tree_rss_mb=max(sampler.peak_kb, usage.ru_maxrss) / 1024,
        returncode=proc.returncode,
        output=output,
    )
    if check and run.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({run.returncode}) in {cwd}:\n{output[-4000:]}")
    return run


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


class Deadline:
    """The time budget of the whole run: later, costly repeats are skipped rather than overrun it."""

    def __init__(self, budget_s: float) -> None:
        self.end = time.monotonic() + budget_s

    def allows(self, run_s: float, reserve: float = 0) -> bool:
        """True when one more run of run_s seconds, plus `reserve` more like it, still ends in time."""
        return time.monotonic() + run_s * (1 + reserve) < self.end


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a measured command: no make jobserver or level inherited from `make bench`."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEFILES")}
    env.update(NO_MKDOCS_2_WARNING="1", **extra)
    return env


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) of a folder."""
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            files += 1
    return total, files


def rmtree(*paths: Path) -> None:
    """Remove files, symlinks and folders; a missing one is fine."""
    for path in paths:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


def machine() -> dict[str, Any]:
    """What the figures were measured on; the load average says how busy it was."""
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line), "")
    mem = ""
    with contextlib.suppress(OSError, StopIteration):
        mem = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {
        "description": f"{cpu or platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, {mem} RAM, {platform.platform()}",
        "cpu_model": cpu,
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": list(os.getloadavg()),
    }
