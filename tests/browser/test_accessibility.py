"""axe-core finds no violation of any impact on any page: 1280 and 390 px wide, light and dark."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from tests.browser.crawl import RUN_AXE, Visit, violation_report
from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

# Material's palette: `default` is the light scheme, `slate` the dark one. The test switches
# with the palette's own radio buttons, as the header toggle does.
SCHEMES = {"light": "default", "dark": "slate"}
SHOWN_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
CHOOSE_SCHEME = """(scheme) => document.querySelector(
  `input[name="__palette"][data-md-color-scheme="${scheme}"]`).click()"""

# Each page is loaded once and checked four times: switching the scheme and the window width in
# place is much faster than loading it again. The order snakes (the next page loads in the last
# state), so each page takes one resize and two scheme switches.
VIEWS = [(1280, "light"), (1280, "dark"), (390, "dark"), (390, "light")]

# Resolves once the page has drawn twice and its finite animations and transitions (Material
# fades colours when the scheme changes) have ended, so axe sees the final colours.
SETTLED = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  await frame(); await frame();
  const finite = document.getAnimations().filter(a =>
    a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map(a => a.finished.catch(() => null)));
}"""

# Violations reviewed and accepted, each with why it cannot be fixed from our side:
# (rule id, CSS selector axe reports) -> reason. Empty: every finding so far had a fix.
ALLOWED: dict[tuple[str, str], str] = {}


def show(page: Page, width: int, scheme: str) -> None:
    """Put the open page in `scheme` at `width` px wide, and wait until it has settled."""
    if page.viewport_size and page.viewport_size["width"] != width:
        page.set_viewport_size({"width": width, "height": 900})
    if page.evaluate(SHOWN_SCHEME) != SCHEMES[scheme]:
        page.evaluate(CHOOSE_SCHEME, SCHEMES[scheme])
    shown = page.evaluate(SHOWN_SCHEME)
    assert shown == SCHEMES[scheme], f"{page.url}: data-md-color-scheme is {shown!r}, not {scheme}"
    page.evaluate(SETTLED)


def not_allowed(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations with the reviewed, allowed targets taken out (rules left with none go)."""
    kept = []
    for v in violations:
        targets = [t for t in v["targets"] if (v["id"], t) not in ALLOWED]
        if targets:
            kept.append({**v, "targets": targets})
    return kept


def test_no_axe_violations_at_either_width_in_either_scheme(
    new_page: PageFactory, base_url: str, all_pages: list[str], axe_script: Path
) -> None:
    """Every page passes axe-core with no violation of any impact in all four views."""
    page, _ = new_page(color_scheme="light")
    page.context.add_init_script(path=str(axe_script))
    found: dict[tuple[int, str], dict[str, Visit]] = {view: {} for view in VIEWS}
    for number, path in enumerate(all_pages):
        url = urljoin(base_url, path)
        page.goto(url, wait_until="load")
        for width, scheme in VIEWS if number % 2 == 0 else VIEWS[::-1]:
            show(page, width, scheme)
            found[(width, scheme)][path] = Visit(url, violations=not_allowed(
                page.evaluate(RUN_AXE)))
    failures = [line for (width, scheme), visits in found.items()
                for line in violation_report(visits, f"{scheme} {width}px")]
    assert not failures, "\n".join(failures)
