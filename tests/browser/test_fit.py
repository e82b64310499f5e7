"""Tables that fit: the registry shows every column at 1280 px and its verdict on a phone."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from macros.model.playbook import Playbook
from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

# For each registry table: is it cut (wider than its scrolling box), is the box a labelled,
# focusable region, and is each verdict cell wholly inside the window?
REGISTRY = """() => [...document.querySelectorAll(".pod-directory")].map(box => {
  const verdicts = [...box.querySelectorAll("tbody tr > :nth-child(2)")];
  return {
    cut: box.scrollWidth > box.clientWidth + 1,
    region: box.getAttribute("role") === "region" && box.tabIndex === 0
      && !!box.getAttribute("aria-label"),
    verdictsInView: verdicts.length > 0 && verdicts.every(td => {
      const r = td.getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth;
    }),
    pageWidth: document.documentElement.scrollWidth,
  };
})"""


def registry_pages(pb: Playbook) -> list[str]:
    """The registry and its stage and sector lists."""
    stages = sorted({f"pods/by-stage/{p.stage}/" for p in pb.pods})
    return ["pods/", *stages]


@pytest.mark.parametrize("width", [1280, 390])
def test_registry_tables_fit_and_keep_the_verdict_in_view(
    new_page: PageFactory, base_url: str, playbook: Playbook, width: int
) -> None:
    page, _ = new_page(viewport={"width": width, "height": 900})
    problems = []
    for path in registry_pages(playbook):
        page.goto(urljoin(base_url, path), wait_until="load")
        tables = page.evaluate(REGISTRY)
        assert tables, f"{path}: no registry table"
        for table in tables:
            if width >= 1280 and table["cut"]:
                problems.append(f"{path} at {width}px: the registry is cut (scrolls sideways)")
            if not table["region"]:
                problems.append(f"{path}: the registry's box is not a labelled, focusable region")
            if not table["verdictsInView"]:
                problems.append(f"{path} at {width}px: a verdict is outside the window")
            if table["pageWidth"] > width:
                problems.append(f"{path} at {width}px: the page is {table['pageWidth']}px wide")
    assert not problems, "\n".join(problems)


# Every box in the article that scrolls sideways and holds a table: is it cut (content wider
# than the box), and may it be (a labelled region a keyboard can focus and scroll)?
CUT_TABLES = """() => [...document.querySelectorAll("article *")].filter(box => {
  const overflow = getComputedStyle(box).overflowX;
  return ["auto", "scroll", "hidden"].includes(overflow) && box.querySelector("table")
    && box.scrollWidth > box.clientWidth + 1
    && !(box.getAttribute("role") === "region" && box.tabIndex === 0
         && !!box.getAttribute("aria-label"));
}).map(box => {
  const table = box.querySelector("table");
  const name = table.caption ? table.caption.textContent : (table.rows[0]?.textContent || "");
  return `${name.trim().replace(/\\s+/g, " ").slice(0, 60)} (${box.scrollWidth}px in ${box.clientWidth}px)`;
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_the_window(
    new_page: PageFactory, base_url: str, all_pages: list[str], width: int
) -> None:
    """No page is wider than the window; a table too wide for its box scrolls in a labelled,
    focusable region, never cut off where a keyboard cannot reach it."""
    page, _ = new_page(viewport={"width": width, "height": 900})
    problems = []
    for path in all_pages:
        page.goto(urljoin(base_url, path), wait_until="load")
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        if page_width > width:
            problems.append(f"/{path} at {width}px: the page is {page_width}px wide")
        problems += [f"/{path} at {width}px: table cut off, not a scroll region: {cut}"
                     for cut in page.evaluate(CUT_TABLES)]
    assert not problems, "\n".join(problems)
