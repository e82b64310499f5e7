"""Tooltips on Pod design: a glossary term gets Material's tooltip; the RACI matrix's letters keep
the browser's own (their title), so Material's script builds no tooltip for each of the cells."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

TOOLTIP = ".md-tooltip2--active"
NAMES = {"Responsible", "Accountable", "Consulted", "Informed"}


def test_raci_letters_use_the_browsers_tooltip_and_glossary_terms_materials(page: Page) -> None:
    page.goto("pod-design/", wait_until="load")
    term = page.locator("article abbr[title]:not(.pb-raci abbr)").first.element_handle()
    meaning = term.get_attribute("title")  # Material moves a title into its tooltip
    term.hover()
    expect(page.locator(TOOLTIP)).to_have_count(1)
    assert page.locator(TOOLTIP).inner_text().strip() == meaning
    letters = page.locator(".pb-raci-table td.pb-raci abbr")
    assert letters.count() > 20
    for index in (0, letters.count() - 1):
        letter = letters.nth(index)
        assert letter.get_attribute("title") in NAMES  # the browser's tooltip
        letter.scroll_into_view_if_needed()
        letter.hover()
        page.wait_for_timeout(600)  # Material shows its tooltip well within this
        expect(page.locator(TOOLTIP)).to_have_count(0)
