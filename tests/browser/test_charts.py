"""Charts in the browser: drawn with a size in both schemes, on desktop and phone, and in print."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")

# Each chart's drawing: its box, and whether it pokes out of the viewport.
CHART_BOXES = """() => Array.from(document.querySelectorAll(".chart svg")).map(svg => {
  const box = svg.getBoundingClientRect();
  const style = getComputedStyle(svg);
  return {id: svg.parentElement.id, width: box.width, height: box.height, right: box.right,
          shown: style.display !== "none" && style.visibility !== "hidden"};
})"""
# The sideways scroll the charts themselves cause: the page's overflow with them, less without.
CHART_OVERFLOW = """() => {
  const root = document.documentElement;
  const withCharts = root.scrollWidth - root.clientWidth;
  const charts = Array.from(document.querySelectorAll(".chart"));
  const spots = charts.map(c => [c, c.parentNode, c.nextSibling]);
  charts.forEach(c => c.remove());
  const without = root.scrollWidth - root.clientWidth;
  spots.forEach(([c, parent, next]) => parent.insertBefore(c, next));
  return withCharts - without;
}"""
AXE_ON_CHARTS = """async () => {
  const result = await axe.run({include: [[".chart"]]}, {resultTypes: ["violations"]});
  return result.violations.map(v => `${v.impact} ${v.id}: ${v.nodes.map(n => n.target).join(", ")}`);
}"""


@pytest.fixture(scope="module")
def chart_pages(site_dir: Path) -> list[str]:
    """Every built page that carries a chart, as a path from the site root."""
    pages = sorted(p.parent.relative_to(site_dir).as_posix() + "/"
                   for p in site_dir.rglob("index.html")
                   if '<div class="chart ' in p.read_text(encoding="utf-8"))
    assert pages, "no page of the built site has a chart"
    return pages


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_charts_have_a_size_and_fit(new_page: PageFactory, base_url: str, chart_pages: list[str],
                                    scheme: str, width: int) -> None:
    """Every chart draws with a non-zero size inside the viewport and adds no sideways scroll."""
    page, recorder = new_page(color_scheme=scheme, viewport={"width": width, "height": 900})
    problems = []
    for path in chart_pages:
        recorder.clear()
        page.goto(urljoin(base_url, path), wait_until="load")
        for box in page.evaluate(CHART_BOXES):
            if not (box["shown"] and box["width"] > 0 and box["height"] > 0):
                problems.append(f"{path} {box['id']}: drawn {box['width']}×{box['height']}")
            if box["right"] > width + 0.5:
                problems.append(f"{path} {box['id']}: right edge at {box['right']} px")
        overflow = page.evaluate(CHART_OVERFLOW)
        if overflow > 0:
            problems.append(f"{path}: the charts make the page scroll {overflow} px sideways")
        problems += [f"{path}: {e}" for e in recorder.console_errors]
    assert not problems, f"{scheme} at {width} px:\n" + "\n".join(problems)


def test_charts_print(page: Page, base_url: str, chart_pages: list[str]) -> None:
    """In print media every chart still draws, and its data table opens on `beforeprint`."""
    problems = []
    for path in chart_pages:
        page.goto(urljoin(base_url, path), wait_until="load")
        page.emulate_media(media="print")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        for box in page.evaluate(CHART_BOXES):
            if not (box["shown"] and box["width"] > 0 and box["height"] > 0):
                problems.append(f"{path} {box['id']}: printed {box['width']}×{box['height']}")
        closed = page.locator(".chart details:not([open])").count()
        if closed:
            problems.append(f"{path}: {closed} chart data tables stay closed in print")
        page.emulate_media(media="screen")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violation_in_charts(new_page: PageFactory, base_url: str, chart_pages: list[str],
                                    axe_script: Path, scheme: str) -> None:
    """axe-core finds no violation of any impact inside the charts, in either scheme."""
    page, _ = new_page(color_scheme=scheme)
    page.context.add_init_script(path=str(axe_script))
    found = []
    for path in chart_pages:
        page.goto(urljoin(base_url, path), wait_until="load")
        found += [f"{path}: {v}" for v in page.evaluate(AXE_ON_CHARTS)]
    assert not found, f"[{scheme}]\n" + "\n".join(found)
