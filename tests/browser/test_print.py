"""Printing a page: no site chrome, every collapsed block open, the checklist keeps its boxes."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGE = "ghost-pod/"
CHROME = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "edit button": ".md-content__button",
}

# Visible to a reader: laid out with a size, not hidden, not transparent.
SHOWN = """(el) => {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return style.display !== "none" && style.visibility !== "hidden"
    && Number(style.opacity) > 0 && box.width > 0 && box.height > 0;
}"""

DETAILS_HIDDEN_PARTS = """() => {
  const check = SHOWN;
  const hidden = [];
  document.querySelectorAll("article details").forEach((block, i) => {
    for (const child of block.children) {
      if (child.tagName !== "SUMMARY" && !check(child)) {
        hidden.push(`details #${i} (${block.querySelector("summary")?.textContent.trim()}) > `
          + child.tagName.toLowerCase());
      }
    }
  });
  return hidden;
}""".replace("SHOWN", SHOWN)


def open_for_print(page: Page, base_url: str) -> str:
    """Open the ghost-pod page and switch to print media; return its URL."""
    url = urljoin(base_url, PAGE)
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    return url


def test_print_hides_site_chrome(page: Page, base_url: str) -> None:
    """Header, navigation, search, footer and edit buttons do not print."""
    url = open_for_print(page, base_url)
    shown = [f"{what} ({selector})" for what, selector in CHROME.items()
             if any(page.locator(selector).evaluate_all(f"els => els.map({SHOWN})"))]
    assert not shown, f"{url}: printed although they should not be: {shown}"
    assert page.locator("article h1").evaluate(SHOWN), f"{url}: article h1 does not print"


# A collapsed block as pymdownx.details writes it for `??? note "Title"`.
ADD_DETAILS = """() => document.querySelector("article").insertAdjacentHTML("beforeend",
  '<details class="note" id="print-probe-details"><summary>Probe</summary>'
  + '<p>Collapsed text that must print.</p></details>')"""


def test_print_expands_collapsed_blocks(page: Page, base_url: str) -> None:
    """Closed <details> blocks print their content, by CSS alone and with print.js's events."""
    url = open_for_print(page, base_url)
    page.evaluate(ADD_DETAILS)  # the page's own blocks, plus one that is surely closed
    closed = page.locator("article details:not([open])").count()
    hidden = page.evaluate(DETAILS_HIDDEN_PARTS)
    assert not hidden, f"{url}: collapsed content does not print (CSS): {hidden}"
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    still_closed = page.locator("article details:not([open])").count()
    assert still_closed == 0, f"{url}: {still_closed} <details> still closed after beforeprint"
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    reclosed = page.locator("article details:not([open])").count()
    assert reclosed == closed, f"{url}: afterprint left {reclosed} of {closed} <details> closed"


def test_print_keeps_checklist_boxes(page: Page, base_url: str) -> None:
    """Every checklist checkbox prints as a visible box."""
    url = open_for_print(page, base_url)
    boxes = page.locator("article input[type=checkbox]")
    assert boxes.count(), f"{url}: no checkbox in the article"
    visible = boxes.evaluate_all(f"els => els.map({SHOWN})")
    hidden = [i for i, ok in enumerate(visible) if not ok]
    assert not hidden, f"{url}: checkboxes {hidden} (article input[type=checkbox]) do not print"


def test_print_spells_out_external_links_only(page: Page, base_url: str) -> None:
    """Links to other sites print their address after the text; links inside the site do not."""
    url = open_for_print(page, base_url)
    after = """(a) => getComputedStyle(a, "::after").content"""
    inside = page.locator("article a[href]:not([href^='http']):not([href^='#'])").first
    assert inside.count(), f"{url}: no internal link in the article"
    assert "http" not in inside.evaluate(after), f"{url}: internal link prints an address"
    page.evaluate("""() => {
      const a = document.createElement("a");
      a.href = "https://example.org/x"; a.id = "print-probe"; a.textContent = "probe";
      document.querySelector("article").append(a);
    }""")
    content = page.locator("#print-probe").evaluate(after)
    assert "https://example.org/x" in content, f"{url}: external link prints no address ({content})"
