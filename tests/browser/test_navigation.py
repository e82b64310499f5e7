"""Every page opens cleanly, the navigation reaches them, and the phone menu works."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from tests.browser.crawl import Visit, where
from tests.browser.support import PageFactory, page_path

pytestmark = pytest.mark.browser

NAV_LINKS = """() => Array.from(
  document.querySelectorAll('.md-nav--primary a.md-nav__link[href]'),
  a => a.href.split('#')[0])"""


def test_every_page_opens_without_errors(site_crawl: dict[str, Visit]) -> None:
    """Each page answers 200, has a heading, loads its search index, logs no console error and
    fails no request."""
    failures = [f"{where(seen)}: {problem}"
                for seen in site_crawl.values() for problem in seen.problems]
    assert not failures, "\n".join(failures)


def test_every_nav_link_leads_to_a_built_page(
    page: Page, base_url: str, all_pages: list[str]
) -> None:
    """Each link of the main navigation, on every top-level section, points at a built page."""
    known = {page_path(urljoin(base_url, path)) for path in all_pages}
    seen: set[str] = set()
    failures = []
    for path in [p for p in all_pages if p.count("/") <= 1]:
        page.goto(urljoin(base_url, path))
        for link in page.evaluate(NAV_LINKS):
            if link not in seen and page_path(link) not in known:
                failures.append(f"{page.url}: nav link .md-nav__link[href] -> {link} is no page")
            seen.add(link)
    assert seen, f"{base_url}: no .md-nav--primary links found"
    assert not failures, "\n".join(failures)


def test_phone_menu_opens_and_navigates(new_page: PageFactory, base_url: str) -> None:
    """At 390x844 the drawer button opens the menu; back to its top level, an entry opens a page."""
    page, recorder = new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                              has_touch=True, device_scale_factor=2)
    page.goto(base_url)
    button = page.locator("label.md-header__button[for='__drawer']")
    assert button.is_visible(), f"{page.url}: drawer button label[for=__drawer] not visible at 390px"
    assert drawer_state(page) == "closed", f"{page.url}: drawer .md-sidebar--primary not closed"
    button.tap()
    page.wait_for_function(f"() => ({DRAWER})() === 'open'", timeout=3000)
    # Material opens the drawer on the current page's section; a reader taps "back" to the top.
    back = shown_back_button(page)
    if back is not None:
        page.locator(f".md-sidebar--primary label.md-nav__title[for='{back}']").tap()
        page.wait_for_timeout(300)  # the menu slides sideways
    entry = page.locator(".md-sidebar--primary a.md-nav__link[href='ghost-pod/']").first
    assert entry.is_visible(), f"{page.url}: drawer entry a[href='ghost-pod/'] not visible"
    entry.tap()
    page.wait_for_url(urljoin(base_url, "ghost-pod/"))
    assert page.locator("article h1").first.is_visible(), f"{page.url}: no visible <h1>"
    assert not recorder.problems(), f"{page.url}: " + "; ".join(recorder.problems())


NAV_DRAWN = """() => Array.from(document.querySelectorAll(".md-sidebar--primary a.md-nav__link"))
  .filter(a => a.checkVisibility({contentVisibilityAuto: true})).length"""


def test_closed_phone_menu_is_skipped_until_opened(new_page: PageFactory, base_url: str) -> None:
    """At 390 px the closed drawer's links are not rendered (no style or layout work while the
    page loads); opened they are, closed again they go once the drawer has slid out. At 1280 px
    the sidebar is always drawn."""
    page, _ = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(urljoin(base_url, "pod-design/"))
    assert page.evaluate(NAV_DRAWN) == 0, f"{page.url}: closed drawer's links are rendered"
    page.locator("label.md-header__button[for='__drawer']").tap()
    page.wait_for_function(f"() => ({DRAWER})() === 'open'", timeout=3000)
    assert page.evaluate(NAV_DRAWN) > 10, f"{page.url}: open drawer shows no links"
    page.locator("label.md-overlay").tap(position={"x": 370, "y": 400})
    page.wait_for_function(f"() => ({DRAWER})() === 'closed'", timeout=3000)
    page.wait_for_function(f"() => ({NAV_DRAWN})() === 0", timeout=3000)
    wide, _ = new_page(viewport={"width": 1280, "height": 900})
    wide.goto(urljoin(base_url, "pod-design/"))
    assert wide.evaluate(NAV_DRAWN) > 10, f"{wide.url}: sidebar links not rendered at 1280 px"

# The drawer slides in from the left: fully on screen when open, fully off when closed.
DRAWER = """() => {
  const box = document.querySelector(".md-sidebar--primary").getBoundingClientRect();
  return box.width > 0 && box.left >= 0 ? "open" : box.right <= 0 ? "closed" : "moving";
}"""

# The `for` of the drawer's back button that is on screen, if the drawer shows a sub-level.
SHOWN_BACK = """() => {
  const labels = document.querySelectorAll(".md-sidebar--primary label.md-nav__title[for^='__nav_']");
  const shown = Array.from(labels).find(label => {
    const box = label.getBoundingClientRect();
    return box.width > 0 && box.left >= 0 && box.left < window.innerWidth / 2;
  });
  return shown ? shown.getAttribute("for") : null;
}"""


def drawer_state(page: Page) -> str:
    """"open", "closed" or "moving": where the navigation drawer is."""
    return str(page.evaluate(DRAWER))


def shown_back_button(page: Page) -> str | None:
    """The `for` attribute of the drawer's on-screen back button, or None at the top level."""
    found = page.evaluate(SHOWN_BACK)
    return str(found) if found else None
