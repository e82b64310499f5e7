"""`python -m bench --sizes 250,500,1000,2000 --runs 3`: build times as one JSON document.

For each size N, in a temporary folder: the real project plus N synthetic pods, built with the
real configuration; and two baselines of the same pages pre-rendered to plain Markdown, built by
Material without macros or hooks: one with the site's own navigation (pods reached through the
registry, as the site does; `nav_baseline_s`, `nav_ratio`), one with Material's default
navigation, which lists every pod page in the sidebar of every page (`baseline_s`, `ratio`).
The `*_cpu_s` figures and ratios are CPU time (user + system, the calendar worker included),
steadier than wall time when other work shares the machine.
Progress goes to standard error, the JSON to standard out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench import measure, project, synth
from macros.load.loader import load_playbook
from macros.mkdocs_adapter.playbook_cache import build_date

PYTHON = sys.executable


@dataclass(frozen=True)
class Settings:
    """What every build of a run shares."""

    runs: int
    env: dict[str, str]  # SOURCE_DATE_EPOCH fixes the build date: same data, same pages
    source: Path  # the project copied: this checkout, or another one given with --project
    keep: bool


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its JSON; returns the exit status."""
    args = _parser().parse_args(argv)
    today = build_date()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(_epoch(today))}
    work = Path(tempfile.mkdtemp(prefix="playbook-bench-", dir=args.work))
    settings = Settings(args.runs, env, args.project.resolve(), args.keep)
    try:
        result = bench(work, args.sizes, args.seed, today, settings)
    finally:
        if args.keep:
            _log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=[250, 500, 1000, 2000],
                        help="comma-separated numbers of synthetic pods (default: 250,500,1000,2000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per size; times are medians")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the pod generator")
    parser.add_argument("--work", type=Path, default=None, help="parent of the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--project", type=Path, default=project.ROOT,
                        help="project to measure (default: this checkout), e.g. a patched copy")
    return parser


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 0:
        raise argparse.ArgumentTypeError("give positive numbers, e.g. 250,500")
    return sizes


def bench(work: Path, sizes: list[int], seed: int, today: dt.date,
          settings: Settings) -> dict[str, Any]:
    """Measure every size; return the JSON-ready result."""
    _log(f"machine: {measure.machine()}; project {settings.source}; build date {today}; "
         f"work folder {work}")
    settings = replace(settings, source=project.snapshot(settings.source, work / "source"))
    pool = _pod_pool(work / "pool", max(sizes), seed, today, settings.source)
    real = _measure_real(work / "real", settings)
    entries = []
    for size in sizes:
        entries.append(measure_size(work / f"pods-{size}", pool[:size], settings))
        _log(f"  result: {json.dumps(entries[-1])}")  # kept in the log if the run is cut short
        if not settings.keep:  # a 2,000-pod baseline site takes a gigabyte
            shutil.rmtree(work / f"pods-{size}", ignore_errors=True)
    return {"machine": measure.machine(), "sizes": entries, "exponents": exponents(entries),
            "real": real}


def _pod_pool(folder: Path, count: int, seed: int, today: dt.date, source: Path) -> list[Path]:
    """Write the largest registry once; smaller sizes take its first N pods (a closed prefix)."""
    _log(f"generating {count} synthetic pods with the scaffolder …")
    started = time.perf_counter()
    project.copy_project(folder, source=source)
    paths = synth.write_pods(folder / "data", count, seed=seed, today=today)
    load_playbook(folder / "data")  # fail here, not in a build, if the generator went wrong
    _log(f"  {count} pods written and validated in {time.perf_counter() - started:.1f} s")
    return paths


def _measure_real(folder: Path, settings: Settings) -> dict[str, Any]:
    """The real playbook, as committed: its build time (`make build` under 3 s is a target)."""
    config = project.copy_project(folder, source=settings.source)
    times = [build(config, folder / "site", settings.env) for _ in range(settings.runs)]
    stats = measure.site_stats(folder / "site")
    _log(f"real playbook: {stats.pages} pages, build {_median(times):.2f} s")
    return {"pages": stats.pages, "build_s": _median(times),
            "peak_mb": round(max(t.peak_mb for t in times), 1)}


def measure_size(folder: Path, pods: list[Path], settings: Settings) -> dict[str, Any]:
    """Build one size `runs` times, alternating with its baseline; return its JSON entry."""
    _log(f"{len(pods)} pods: preparing the project and the pre-rendered baseline …")
    runs, env = settings.runs, settings.env
    config = project.copy_project(folder / "project", pods, source=settings.source)
    base_config = project.baseline_config(config, folder / "baseline")
    capture_env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, (str(project.ROOT),
                                                                     env.get("PYTHONPATH"))))}
    nav = folder / "nav.yml"
    measure.run([PYTHON, "-m", "bench.capture", str(config), str(folder / "baseline" / "docs"),
                 str(nav)], cwd=config.parent, env=capture_env)
    nav_config = project.nav_baseline_config(config, folder / "baseline", nav)
    builds, navs, baselines = [], [], []
    checks: dict[str, list[measure.Run]] = {"cold": [], "edited": []}
    for number in range(1, runs + 1):
        builds.append(build(config, folder / "site", env))
        navs.append(build(nav_config, folder / "nav-baseline-site", env, strict=False))
        baselines.append(build(base_config, folder / "baseline-site", env, strict=False))
        for kind, run in check_runs(config.parent, pods[number % len(pods)].name, env).items():
            checks[kind].append(run)
        _log(f"  run {number}/{runs}: build {_run_text(builds[-1])}, same-nav baseline "
             f"{_run_text(navs[-1])}, default baseline {_run_text(baselines[-1])}, check "
             f"{checks['cold'][-1].seconds:.2f} s cold, {checks['edited'][-1].seconds:.2f} s "
             "after one edit")
    return _entry(len(pods), folder, builds, {"nav": navs, "default": baselines}, checks)


def check_runs(root: Path, pod_file: str, env: dict[str, str]) -> dict[str, measure.Run]:
    """`playbook check` cold (every file parsed) and as an editor meets it: the check has run
    before (its cache is filled), then one pod file was changed."""
    command = [PYTHON, "-m", "macros.cli.main", "--root", str(root), "check"]
    cold = measure.run([*command, "--no-cache"], cwd=root, env=env)
    measure.run(command, cwd=root, env=env)
    pod = root / "data" / "pods" / pod_file
    pod.write_text(pod.read_text(encoding="utf-8") + "# edited for the benchmark\n",
                   encoding="utf-8")
    return {"cold": cold, "edited": measure.run(command, cwd=root, env=env)}


def build(config: Path, site: Path, env: dict[str, str], *, strict: bool = True) -> measure.Run:
    """One `mkdocs build` of `config` into `site`, in a fresh process."""
    cmd = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    return measure.run([*cmd, "--strict"] if strict else cmd, cwd=config.parent, env=env)


def _entry(pods: int, folder: Path, builds: list[measure.Run],
           baselines: dict[str, list[measure.Run]],
           checks: dict[str, list[measure.Run]]) -> dict[str, Any]:
    stats = measure.site_stats(folder / "site")
    base = measure.site_stats(folder / "baseline-site")
    nav = measure.site_stats(folder / "nav-baseline-site")
    _log(f"  {stats.pages} pages, {stats.avg_page_kb:.0f} KB a page (same-nav baseline "
         f"{nav.pages} pages, {nav.avg_page_kb:.0f} KB a page; default baseline {base.pages} "
         f"pages, {base.avg_page_kb:.0f} KB a page), search index "
         f"{stats.search_index_gz_kb:.0f} KB gzipped")
    build_s, nav_s, baseline_s = (_median(builds), _median(baselines["nav"]),
                                  _median(baselines["default"]))
    return {
        "pods": pods, "pages": stats.pages, "build_s": build_s,
        "nav_baseline_s": nav_s, "nav_ratio": round(build_s / nav_s, 3),
        "baseline_s": baseline_s, "ratio": round(build_s / baseline_s, 3),
        "build_cpu_s": _median_cpu(builds), "nav_baseline_cpu_s": _median_cpu(baselines["nav"]),
        "baseline_cpu_s": _median_cpu(baselines["default"]),
        "nav_cpu_ratio": round(_median_cpu(builds) / _median_cpu(baselines["nav"]), 3),
        "cpu_ratio": round(_median_cpu(builds) / _median_cpu(baselines["default"]), 3),
        "peak_mb": round(max(b.peak_mb for b in builds), 1),
        "site_mb": round(stats.site_mb, 1), "avg_page_kb": round(stats.avg_page_kb, 1),
        "search_index_kb": round(stats.search_index_kb, 1),
        "search_index_gz_kb": round(stats.search_index_gz_kb, 1),
        "check_s": _median(checks["edited"]), "check_cpu_s": _median_cpu(checks["edited"]),
        "check_cold_s": _median(checks["cold"]), "check_cold_cpu_s": _median_cpu(checks["cold"]),
    }


def exponents(entries: list[dict[str, Any]]) -> dict[str, float]:
    """Growth exponent log(t2/t1)/log(n2/n1) of build time between consecutive sizes."""
    out = {}
    for a, b in itertools.pairwise(entries):
        if a["pods"] > 0:
            slope = math.log(b["build_s"] / a["build_s"]) / math.log(b["pods"] / a["pods"])
            out[f"{a['pods']}-{b['pods']}"] = round(slope, 3)
    return out


def _median(runs: list[measure.Run]) -> float:
    return round(statistics.median(r.seconds for r in runs), 3)


def _run_text(run: measure.Run) -> str:
    return f"{run.seconds:.2f} s ({run.cpu_seconds:.1f} s CPU, {run.peak_mb:.0f} MB)"


def _median_cpu(runs: list[measure.Run]) -> float:
    return round(statistics.median(r.cpu_seconds for r in runs), 3)


def _epoch(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp())


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
