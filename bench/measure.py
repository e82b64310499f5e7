"""Time a command and read its own peak memory; size up a built site; describe the machine."""

from __future__ import annotations

import gzip
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

KB = 1024
MB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    """One finished command: wall time, CPU time (its processes, user + system) and the peak
    resident memory of its largest process."""

    seconds: float
    peak_mb: float
    cpu_seconds: float = 0.0


# Runs the command and writes "seconds peak_kib" to the file named first. A fresh, small
# process on purpose: Linux carries a process's peak RSS across fork and exec, so a build
# started straight from this (large) process would report at least this process's own size.
# Its RUSAGE_CHILDREN peak is then the build's alone: the build is the only child it waits for.
# CPU time counts the build and the processes it waited for (the calendar worker): on a machine
# that others share, it moves less than wall time.
_WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(status)
"""


def run(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> Run:
    """Run `cmd` to completion in a small wrapper process that reports its time and peak memory.

    Fails with the command's output when it does not exit with 0.
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as folder:
        report = Path(folder) / "usage"
        proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(report), *cmd], cwd=cwd,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}:\n"
                               f"{proc.stdout.decode(errors='replace')[-4000:]}")
        seconds, peak_kib, cpu = report.read_text().split()
    return Run(float(seconds), int(peak_kib) * KB / MB, float(cpu))  # ru_maxrss is in KiB


@dataclass(frozen=True)
class SiteStats:
    """Sizes of a built site."""

    pages: int
    site_mb: float
    avg_page_kb: float
    search_index_kb: float
    search_index_gz_kb: float


def site_stats(site: Path) -> SiteStats:
    """Count the HTML pages (404 excluded) and measure the site, the pages and the search index."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html" and p.relative_to(site).as_posix() != "404.html"]
    index = (site / "search" / "search_index.json").read_bytes()
    page_bytes = sum(p.stat().st_size for p in pages)
    return SiteStats(
        pages=len(pages),
        site_mb=sum(p.stat().st_size for p in files) / MB,
        avg_page_kb=page_bytes / len(pages) / KB if pages else 0.0,
        search_index_kb=len(index) / KB,
        # Level 6 is what nginx and most hosts are configured with for static JSON.
        search_index_gz_kb=len(gzip.compress(index, compresslevel=6)) / KB,
    )


def machine() -> str:
    """CPU model, core count, memory and Python version of this machine."""
    cpu = platform.processor() or platform.machine()
    ram = "unknown RAM"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, {ram}, Python {sys.version.split()[0]} on {platform.system()}"
