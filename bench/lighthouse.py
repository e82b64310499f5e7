"""`python -m bench.lighthouse`: Lighthouse's four scores for pages of the built site, on mobile.

Builds the site (unless `--site` names a built one), serves it with the repository's nginx
configuration on 127.0.0.1, runs the pinned Lighthouse (vendored by `make lighthouse` into
.cache/) with Debian's Chromium on each page, and prints one line per page: performance,
accessibility, best practices, SEO, first contentful paint, total blocking time and largest
contentful paint (medians of `--runs`). With `--baseline` it also measures a fresh Material for
MkDocs site (one page, default settings except `font: false`, since nothing may be fetched
from another host) served the same way, once in every round beside the pages, and prints each
page's first paint as a multiple of the fresh site's. `--save DIR` keeps every JSON report (for
its audits: render-blocking resources, network requests, main-thread work, the LCP element).
Only local URLs are ever opened. Not part of `make test`: a run takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".cache" / "lighthouse-12.8.2" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Pages of every kind: hand-written, macro-heavy, generated from data, the registry, a pod and
# its briefing, and the longest, the whole playbook on one page.
PAGES = ("", "why/", "pod-design/", "pod-design/domain-owner/", "cycle/", "ghost-pod/",
         "scoping/", "templates/", "templates/decision-log/", "pods/",
         "pods/professional-services-revenue-cycle/", "pods/harbourline-procurement/",
         "pods/harbourline-procurement/briefing/", "sources/", "whats-new/", "glossary/",
         "whole-playbook/")


def build(site: Path, config: Path) -> None:
    """A strict MkDocs build of `config` into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                    str(config), "-d", str(site)], check=True, env=env, cwd=config.parent)


def fresh_material(folder: Path) -> Path:
    """A new Material site with one page (what `mkdocs new` writes), built into folder/site."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(
        "# Welcome to MkDocs\n\nFor full documentation visit mkdocs.org.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: My Docs\ntheme:\n  name: material\n  font: false\n", encoding="utf-8")
    build(folder / "site", folder / "mkdocs.yml")
    return folder / "site"


def measure(targets: list[tuple[str, str]], runs: int,
            save: Path | None = None) -> dict[str, dict[str, float]]:
    """Median scores (0–100) and timings (ms) per label over `runs` rounds.

    Each round visits every target once, so pages and the baseline share the machine's load
    (other work on a shared machine slows all of them alike). A run that fails (Chromium
    crashed, the page never painted) is tried once more; a target whose runs all fail gets NaN
    everywhere, so the others are still reported. With `save`, every report's JSON is kept there.
    """
    found: dict[str, list[dict[str, float]]] = {label: [] for label, _ in targets}
    for number in range(runs):
        for label, url in targets:
            name = "".join(c if c.isalnum() else "-" for c in label).strip("-") or "home"
            result = _retried(url, save / f"{name}.{number + 1}.json" if save else None)
            if result is not None:
                found[label].append(result)
    return {label: _median(results) for label, results in found.items()}


def _median(results: list[dict[str, float]]) -> dict[str, float]:
    if not results:
        return dict.fromkeys((*CATEGORIES, "fcp", "tbt", "lcp"), float("nan"))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def _retried(url: str, save: Path | None) -> dict[str, float] | None:
    for _ in range(2):
        try:
            return _one_run(url, save)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, KeyError) as err:
            print(f"lighthouse failed on {url}: {str(getattr(err, 'stderr', err))[-300:]}",
                  file=sys.stderr)
    return None


def _one_run(url: str, save: Path | None) -> dict[str, float]:
    assert url.startswith("http://127.0.0.1:"), url  # local URLs only
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, check=True, env=env, timeout=300)
    if save is not None:
        save.write_text(run.stdout, encoding="utf-8")
    report: dict[str, Any] = json.loads(run.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    return {**scores, "fcp": audits["first-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"]}


def _line(name: str, r: dict[str, float], base: dict[str, float] | None) -> str:
    ratio = f"{r['fcp'] / base['fcp']:>6.2f}" if base else ""
    return (f"{name:<46} {r['performance']:>4.0f} {r['accessibility']:>4.0f} "
            f"{r['best-practices']:>4.0f} {r['seo']:>4.0f} {r['fcp']:>7.0f} {r['tbt']:>6.0f} "
            f"{r['lcp']:>7.0f}{ratio}")


BASELINE = "fresh Material site (home)"


def main(argv: list[str] | None = None) -> int:
    """Print the scores; exit 1 when a page scores below `--min-performance`."""
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="paths from the root")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median is shown)")
    parser.add_argument("--baseline", action="store_true", help="also a fresh Material site")
    parser.add_argument("--save", type=Path, help="keep each Lighthouse JSON report here")
    parser.add_argument("--min-performance", type=int, default=0)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make lighthouse`", file=sys.stderr)
        return 2
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site, ROOT / "mkdocs.yml")
        fresh = fresh_material(Path(tmp) / "fresh") if args.baseline else None
        results = serve_and_measure(site, fresh, args.pages, args.runs, args.save)
    base = results.pop(BASELINE, None)
    print(f"{'page (mobile)':<46} perf a11y best  seo  FCP ms TBT ms  LCP ms"
          + ("  FCP ×" if base else ""))
    for page, result in results.items():
        print(_line(page or "(home)", result, base))
    if base:
        print(_line(BASELINE, base, base))
        worst = max(r["fcp"] for r in results.values())
        print(f"slowest first paint: {worst:.0f} ms = {worst / base['fcp']:.2f} × the fresh site's")
    low = [p for p, r in results.items() if not r["performance"] >= args.min_performance]
    return 1 if low else 0


def serve_and_measure(site: Path, fresh: Path | None, pages: list[str], runs: int,
                      save: Path | None) -> dict[str, dict[str, float]]:
    """Serve `site` (and `fresh`, the baseline) with the repository's nginx configuration and
    measure each page, the baseline in every round."""
    from tests.nginx_server import start_nginx

    base, stop = start_nginx(site)
    stop_fresh = None
    try:
        targets = [(page, base + page) for page in pages]
        if fresh is not None:
            fresh_base, stop_fresh = start_nginx(fresh)
            targets.append((BASELINE, fresh_base))
        return measure(targets, runs, save)
    finally:
        stop()
        if stop_fresh is not None:
            stop_fresh()


if __name__ == "__main__":
    sys.exit(main())
