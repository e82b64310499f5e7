"""The project's scripts as a reader uses them: one deferred bundle, sorting the registry and
filtering What's new."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, Route

from macros.model.playbook import Playbook

pytestmark = pytest.mark.browser

OWN_SCRIPT = re.compile(r"/assets/javascripts/playbook\.[0-9a-f]{8}\.js$")
OWN_STYLE = re.compile(r"/assets/stylesheets/(playbook|print)\.[0-9a-f]{8}\.css$")


def _own(page: Page, selector: str, attr: str, pattern: re.Pattern[str]) -> list[dict[str, str]]:
    found = page.locator(selector).evaluate_all(
        "(els, attr) => els.map(e => ({url: e[attr], defer: String(e.defer), media: e.media || ''}))",
        attr)
    return [f for f in found if pattern.search(f["url"])]


@pytest.mark.parametrize("path", ["", "pods/", "ghost-pod/", "whats-new/"])
def test_each_page_loads_one_deferred_script_and_one_stylesheet(page: Page, base_url: str,
                                                                path: str) -> None:
    page.goto(urljoin(base_url, path), wait_until="load")
    scripts = _own(page, "script[src]", "src", OWN_SCRIPT)
    assert [s["defer"] for s in scripts] == ["true"]
    styles = _own(page, "link[rel=stylesheet]", "href", OWN_STYLE)
    assert sorted((s["url"].rsplit("/", 1)[1].split(".")[0], s["media"]) for s in styles) == [
        ("playbook", ""), ("print", "print")]
    assert page.evaluate("() => typeof window.pb.onPage") == "function"


# ---------------------------------------------------------------- the registry


def _column(page: Page, index: int) -> list[str]:
    return page.locator("table[data-sortable] tbody tr").evaluate_all(
        "(rows, i) => rows.map(r => r.cells[i].textContent.trim())", index)


def _header(page: Page, name: str) -> tuple[int, str]:
    names = page.locator("table[data-sortable] thead th").evaluate_all(
        "ths => ths.map(th => th.textContent.trim())")
    return names.index(name), f"table[data-sortable] thead th:nth-child({names.index(name) + 1})"


def test_sorting_the_registry_by_name_and_back(page: Page, base_url: str,
                                               playbook: Playbook) -> None:
    page.goto(urljoin(base_url, "pods/"), wait_until="load")
    index, header = _header(page, "Pod")
    names = sorted((p.name for p in playbook.pods), key=str.casefold)
    page.locator(f"{header} button").click()
    assert _column(page, index) == names
    assert page.locator(header).get_attribute("aria-sort") == "ascending"
    page.locator(f"{header} button").click()
    assert _column(page, index) == names[::-1]
    assert page.locator(header).get_attribute("aria-sort") == "descending"


def test_sorting_the_registry_by_a_number_keeps_blanks_last(page: Page, base_url: str) -> None:
    page.goto(urljoin(base_url, "pods/"), wait_until="load")
    index, header = _header(page, "Days since launch")
    for direction in (1, -1):
        page.locator(f"{header} button").click()
        cells = _column(page, index)
        numbers = [int(re.sub(r"\D", "", c)) for c in cells if re.search(r"\d", c)]
        assert numbers == sorted(numbers, reverse=direction < 0), cells
        blanks = [c for c in cells if not re.search(r"\d", c)]
        assert cells[len(numbers):] == blanks, "pods without a launch date come last"
    # Only one column is marked as sorted at a time.
    page.locator(f"{_header(page, 'Pod')[1]} button").click()
    assert page.locator("table[data-sortable] th[aria-sort]").count() == 1


# ---------------------------------------------------------------- What's new


def _with_more_entries(route: Route) -> None:
    """The real page plus two entries: one for the change lead only, one for every role."""
    response = route.fetch()
    html = response.text()
    extra = ('<li class="changelog__entry" data-roles="change-lead"><p>Only change lead</p></li>'
             '<li class="changelog__entry" data-roles=""><p>Every role</p></li>')
    route.fulfill(response=response, body=html.replace('<ol class="changelog__list">',
                                                        '<ol class="changelog__list">' + extra, 1))


def _visible(page: Page) -> list[str]:
    return page.locator(".changelog__entry:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('data-roles'))")


def test_filtering_whats_new_by_role(page: Page, base_url: str, playbook: Playbook) -> None:
    page.route("**/whats-new/", _with_more_entries)
    page.goto(urljoin(base_url, "whats-new/"), wait_until="load")
    total = len(playbook.changes) + 2
    select = page.locator("[data-changelog-filter]")
    select.wait_for(state="visible")
    assert len(_visible(page)) == total
    other = next(r.id for r in playbook.roles if r.id != "change-lead")
    select.select_option(other)
    shown = _visible(page)
    assert "change-lead" not in shown
    assert "" in shown, "an entry that names no role concerns every role"
    assert page.locator(".changelog__count").inner_text() == f"Showing {len(shown)} of {total} changes"
    assert f"role={other}" in page.url
    select.select_option("")
    assert len(_visible(page)) == total
    assert "role=" not in page.url


def test_a_role_in_the_address_preselects_the_filter(page: Page, base_url: str) -> None:
    page.route("**/whats-new/?role=change-lead", _with_more_entries)
    page.goto(urljoin(base_url, "whats-new/?role=change-lead"), wait_until="load")
    page.locator("[data-changelog-filter]").wait_for(state="visible")
    assert page.locator("[data-changelog-filter]").input_value() == "change-lead"
    assert "change-lead" in _visible(page)
