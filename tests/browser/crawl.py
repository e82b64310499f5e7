"""Visit every page once and note what went wrong there, so all-pages checks share one pass."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.support import Recorder

# Material swaps "Initializing search" for a prompt once its worker has loaded the index.
SEARCH_READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() !== "" && !/initiali[sz]/i.test(meta.textContent);
}"""

# axe-core's violations on the whole page (axe must be loaded): rule, impact, help, targets.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" ")),
  }));
}"""

# Installed before any page script: collects Content-Security-Policy violations.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""

@dataclass
class Visit:
    """What one page did when opened: HTTP status, errors, requests, accessibility findings."""

    url: str
    status: int | None = None
    problems: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None


def visit(page: Page, recorder: Recorder, url: str, *, search: bool = True,
          csp: bool = False) -> Visit:
    """Open `url`, wait for it (and its search index) to settle, and note what went wrong."""
    recorder.clear()
    seen = Visit(url)
    response = page.goto(url, wait_until="load")
    seen.status = response.status if response else None
    if seen.status != 200:
        seen.problems.append(f"HTTP {seen.status}")
    if page.locator("article h1").count() == 0:
        seen.problems.append("no <h1> in the article")
    if search and page.evaluate("() => typeof window.document$ === 'undefined'"):
        # Served without Material's script (the one-page playbook): its header search is a
        # plain form to the home page, tested in test_whole_playbook.py; no index loads here.
        search = False
    if search:
        try:
            page.wait_for_function(SEARCH_READY, timeout=10_000)
        except PlaywrightTimeout:
            seen.problems.append("search index never loaded (.md-search-result__meta)")
    if csp:
        seen.csp = list(page.evaluate("() => window.__csp || []"))
    seen.problems += recorder.console_errors + recorder.failed_requests
    seen.external = list(recorder.external_requests)
    return seen


def crawl(page: Page, recorder: Recorder, base_url: str, paths: list[str], shots: Path | None,
          **options: Any) -> dict[str, Visit]:
    """Visit every path; screenshot (into `shots`) each page where something went wrong."""
    visits = {}
    for path in paths:
        seen = visit(page, recorder, urljoin(base_url, path), **options)
        if shots is not None and (seen.problems or seen.external or seen.csp or seen.violations):
            seen.screenshot = shots / (re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
                                       + "-index.png")
            page.screenshot(path=str(seen.screenshot), full_page=True)
        visits[path] = seen
    return visits


def where(seen: Visit) -> str:
    """The page URL, with its screenshot when one was saved."""
    return f"{seen.url}" + (f" (screenshot {seen.screenshot})" if seen.screenshot else "")


def violation_report(visits: dict[str, Visit], scheme: str, detail: int = 3) -> list[str]:
    """Violations grouped by rule: impact, rule and help, then pages with target selectors (the
    first `detail` pages in full, the rest by URL)."""
    by_rule: dict[tuple[str, str, str], list[tuple[Visit, str]]] = defaultdict(list)
    for seen in visits.values():
        for v in seen.violations:
            targets = ", ".join(v["targets"][:4]) + (" ..." if len(v["targets"]) > 4 else "")
            by_rule[(v["impact"], v["id"], v["help"])].append((seen, targets))
    report = []
    for (impact, rule, help_), pages in sorted(by_rule.items()):
        lines = [f"[{scheme}] {impact} {rule}: {help_} ({len(pages)} pages)"]
        lines += [f"    {where(seen)}: {targets}" for seen, targets in pages[:detail]]
        if len(pages) > detail:
            lines.append("    also on: " + ", ".join(seen.url for seen, _ in pages[detail:]))
        report.append("\n".join(lines))
    return report
