"""Tables that fit: no table scrolls sideways at 1280 px; the registry keeps its verdict on a phone."""

from __future__ import annotations

from typing import Any
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


# Every table in the article against each box around it that clips (overflow other than
# visible) and the article itself: does the table need sideways scrolling anywhere, and if so,
# may it (each box that scrolls is a labelled region a keyboard can focus and scroll)?
WIDE_TABLES = """() => [...document.querySelectorAll("article table")].map(table => {
  const article = table.closest("article");
  const boxes = [];
  for (let box = table.parentElement; box !== article; box = box.parentElement) {
    if (getComputedStyle(box).overflowX !== "visible") boxes.push(box);
  }
  const scrolling = boxes.filter(box => box.scrollWidth > box.clientWidth + 1);
  const width = Math.max(Math.ceil(table.getBoundingClientRect().width),
                         ...scrolling.map(box => box.scrollWidth));
  const name = table.caption ? table.caption.textContent : (table.rows[0]?.textContent || "");
  return {
    wide: scrolling.length > 0
      || table.getBoundingClientRect().right > article.getBoundingClientRect().right + 1,
    region: scrolling.length > 0 && scrolling.every(box => box.getAttribute("role") === "region"
      && box.tabIndex === 0 && !!box.getAttribute("aria-label")),
    text: `${name.trim().replace(/\\s+/g, " ").slice(0, 60)} (${width}px in `
      + `${article.clientWidth}px of text column)`,
  };
}).filter(table => table.wide)"""


def table_problems(path: str, width: int, wide: list[dict[str, Any]]) -> list[str]:
    """At 1280 px no table may need sideways scrolling; narrower, only inside a scroll region."""
    if width >= 1280:
        return [f"/{path} at {width}px: table needs sideways scrolling: {t['text']}" for t in wide]
    return [f"/{path} at {width}px: table cut off, not a scroll region: {t['text']}"
            for t in wide if not t["region"]]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_the_window(
    new_page: PageFactory, base_url: str, all_pages: list[str], width: int
) -> None:
    """No page is wider than the window; at 1280 px every table fits its column, and on a phone
    a table too wide for its box scrolls in a labelled, focusable region, never cut off where a
    keyboard cannot reach it."""
    page, _ = new_page(viewport={"width": width, "height": 900})
    problems = []
    for path in all_pages:
        page.goto(urljoin(base_url, path), wait_until="load")
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        if page_width > width:
            problems.append(f"/{path} at {width}px: the page is {page_width}px wide")
        problems += table_problems(path, width, page.evaluate(WIDE_TABLES))
    assert not problems, "\n".join(problems)


# Number cells (`pod-num`) whose computed alignment is not right: columns of figures line up
# on their last digit, whatever table styling (scroll regions, cycle tables) sits around them.
LEFT_NUMBERS = """() => [...document.querySelectorAll("article td.pod-num, article th.pod-num")]
  .filter(cell => getComputedStyle(cell).textAlign !== "right")
  .map(cell => `${cell.closest("table").className || "table"}: ${cell.textContent.trim()}`)"""


def test_number_columns_are_right_aligned(new_page: PageFactory, base_url: str,
                                          playbook: Playbook) -> None:
    page, _ = new_page(viewport={"width": 1280, "height": 900})
    pods = [p for p in playbook.pods if p.id.startswith("harbourline")]
    assert pods, "the illustrative pods with cycle records are gone"
    problems, checked = [], 0
    for path in ["pods/", "worked-example/", *(f"pods/{p.id}/" for p in pods)]:
        page.goto(urljoin(base_url, path), wait_until="load")
        checked += page.locator("article td.pod-num").count()
        problems += [f"/{path}: {cell}" for cell in page.evaluate(LEFT_NUMBERS)]
    assert checked > 20, f"only {checked} number cells found"
    assert not problems, "left-aligned numbers:\n" + "\n".join(problems[:20])
