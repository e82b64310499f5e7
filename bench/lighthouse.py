"""`python -m bench.lighthouse`: Lighthouse's four scores for pages of the built site, on mobile.

Builds the site (unless `--site` names a built one), serves it with the repository's nginx
configuration on 127.0.0.1, runs the pinned Lighthouse (vendored by `make lighthouse` into
.cache/) with Debian's Chromium on each page, and prints one line per page: performance,
accessibility, best practices, SEO, first contentful paint and total blocking time. With
`--baseline` it also measures a fresh Material for MkDocs site (one page, default settings
except `font: false`, since nothing may be fetched from another host) served the same way.
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
# Pages of every kind: hand-written, macro-heavy, generated from data, the registry and a pod.
PAGES = ("", "why/", "pod-design/", "pod-design/domain-owner/", "cycle/", "ghost-pod/",
         "scoping/", "templates/", "templates/decision-log/", "pods/",
         "pods/professional-services-revenue-cycle/", "sources/", "whats-new/", "glossary/")


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


def audit(url: str, runs: int) -> dict[str, float]:
    """Median scores (0–100) and timings (ms) of `runs` Lighthouse runs on `url`.

    A run that fails (Chromium crashed, the page never painted) is tried once more; a page
    whose runs all fail gets NaN everywhere, so the others are still reported.
    """
    results = [r for r in (_retried(url) for _ in range(runs)) if r is not None]
    if not results:
        return dict.fromkeys((*CATEGORIES, "fcp", "tbt", "lcp"), float("nan"))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def _retried(url: str) -> dict[str, float] | None:
    for _ in range(2):
        try:
            return _one_run(url)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, KeyError) as err:
            print(f"lighthouse failed on {url}: {str(getattr(err, 'stderr', err))[-300:]}",
                  file=sys.stderr)
    return None


def _one_run(url: str) -> dict[str, float]:
    assert url.startswith("http://127.0.0.1:"), url  # local URLs only
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, check=True, env=env, timeout=300)
    report: dict[str, Any] = json.loads(run.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    return {**scores, "fcp": audits["first-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"]}


def _line(name: str, r: dict[str, float]) -> str:
    return (f"{name:<46} {r['performance']:>4.0f} {r['accessibility']:>4.0f} "
            f"{r['best-practices']:>4.0f} {r['seo']:>4.0f} {r['fcp']:>7.0f} {r['tbt']:>6.0f} "
            f"{r['lcp']:>7.0f}")


def serve_and_audit(site: Path, pages: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Serve `site` with the repository's nginx configuration and audit each page."""
    from tests.nginx_server import start_nginx

    base, stop = start_nginx(site)
    try:
        return {page: audit(base + page, runs) for page in pages}
    finally:
        stop()


def main(argv: list[str] | None = None) -> int:
    """Print the scores; exit 1 when a page scores below `--min-performance`."""
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="paths from the root")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median is shown)")
    parser.add_argument("--baseline", action="store_true", help="also a fresh Material site")
    parser.add_argument("--min-performance", type=int, default=0)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make lighthouse`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site, ROOT / "mkdocs.yml")
        print(f"{'page (mobile)':<46} perf a11y best  seo  FCP ms TBT ms  LCP ms")
        results = serve_and_audit(site, args.pages, args.runs)
        for page, result in results.items():
            print(_line(page or "(home)", result), flush=True)
        if args.baseline:
            base = serve_and_audit(fresh_material(Path(tmp) / "fresh"), [""], args.runs)[""]
            print(_line("fresh Material site (home)", base))
            worst = max(r["fcp"] for r in results.values())
            print(f"slowest first paint: {worst:.0f} ms = {worst / base['fcp']:.2f} × the fresh site's")
    low = [p for p, r in results.items() if not r["performance"] >= args.min_performance]
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
