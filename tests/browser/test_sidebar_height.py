"""On a wide screen the navigation sidebar fits the window and scrolls to its last link, on the
one-page playbook (served without Material's script, which sizes the sidebar) as elsewhere."""

from __future__ import annotations

import pytest

from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

# The sidebar scrolled to its end: does its box fit the window, and is its last link in view?
LAST_LINK_IN_VIEW = """() => {
  const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
  wrap.scrollTop = wrap.scrollHeight;
  const last = [...wrap.querySelectorAll('a.md-nav__link')].pop().getBoundingClientRect();
  return {fits: wrap.getBoundingClientRect().bottom <= innerHeight,
          last: last.top >= 0 && last.bottom <= innerHeight};
}"""


@pytest.mark.parametrize("url", ["whole-playbook/", "glossary/"])
@pytest.mark.parametrize("height", [800, 600])
def test_the_last_navigation_link_can_be_scrolled_into_view(new_page: PageFactory, url: str,
                                                            height: int) -> None:
    page, recorder = new_page(viewport={"width": 1280, "height": height})
    page.goto(url, wait_until="load")
    page.mouse.wheel(0, 3000)  # part-way down the page, where the sidebar is stuck to the top
    page.wait_for_timeout(300)
    assert page.evaluate(LAST_LINK_IN_VIEW) == {"fits": True, "last": True}
    assert not recorder.console_errors
