"""The back-to-top button shows while the reader scrolls up and takes them to the top, on the
one-page playbook (served without Material's script, which runs it elsewhere) as on other pages."""

from __future__ import annotations

import pytest

from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

HIDDEN = "document.querySelector('.md-top').hidden"


@pytest.mark.parametrize("url", ["whole-playbook/", "glossary/"])
def test_back_to_top_shows_when_scrolling_up_and_goes_to_the_top(new_page: PageFactory,
                                                                 url: str) -> None:
    page, recorder = new_page(viewport={"width": 390, "height": 800})
    page.goto(url, wait_until="load")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(400)
    assert page.evaluate(HIDDEN) is True  # scrolling down: out of the way
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"!{HIDDEN}", timeout=3000)
    page.locator(".md-top").click()
    page.wait_for_function("window.scrollY === 0", timeout=3000)
    assert not recorder.console_errors
