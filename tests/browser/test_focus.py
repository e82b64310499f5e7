"""Keyboard and focus: every control shows where focus is; the checklist's score stays in view."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

# What has focus now, and whether anything shows it: an outline or a box shadow on the element,
# or, for Material's visually hidden radio buttons, on the label that stands for them.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shows = e => { const s = getComputedStyle(e);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none"; };
  const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
  const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
    ? "." + el.className.trim().split(/\\s+/).join(".") : "") + (el.id ? "#" + el.id : "");
  return {name, shown: shows(el) || (label !== null && shows(label))};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_shows_keyboard_focus(
    new_page: PageFactory, base_url: str, scheme: str
) -> None:
    """Tab through the ghost-pod page (header toggles, search, checklist, forms) and beyond."""
    page, _ = new_page(color_scheme=scheme)
    page.goto(urljoin(base_url, "ghost-pod/"), wait_until="load")
    seen, hidden = set(), []
    for _ in range(120):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS)
        if found is None or found["name"] in seen:
            continue
        seen.add(found["name"])
        if not found["shown"]:
            hidden.append(found["name"])
    assert any("checkbox" in n or "md-option" in n or "input" in n for n in seen), seen
    assert not hidden, f"[{scheme}] no visible focus on: {hidden}"


def test_the_checklist_score_stays_in_view_while_ticking(
    new_page: PageFactory, base_url: str
) -> None:
    page, _ = new_page(viewport={"width": 1280, "height": 700})
    page.goto(urljoin(base_url, "ghost-pod/"), wait_until="load")
    boxes = page.locator(".pod-checklist input[type=checkbox]")
    assert boxes.count() >= 3
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        box.check()
        score = page.locator(".pod-checklist__score").first
        top = score.evaluate("e => e.getBoundingClientRect().top")
        bottom = score.evaluate("e => e.getBoundingClientRect().bottom")
        where = f"after ticking box {index + 1} the score is at {top}px"
        assert top >= 0, where
        assert bottom <= 700, where
    live = page.locator(".pod-checklist__result").first.get_attribute("aria-live")
    assert live == "polite"
