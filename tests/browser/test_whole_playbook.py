"""The whole playbook on one page in a browser: it prints to a PDF of many A4 sheets, its links
jump to the right section, its print button works, and axe finds nothing in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.crawl import RUN_AXE, SEARCH_READY
from tests.browser.support import FIRST_RESULT, PageFactory, Recorder

pytestmark = pytest.mark.browser

URL = "whole-playbook/"
# In the viewport's top part: where a link that scrolls to a heading leaves it.
NEAR_TOP = """(id) => {
  const box = document.getElementById(id).getBoundingClientRect();
  return box.top >= 0 && box.top < 200;
}"""


def pdf_pages(pdf: bytes) -> int:
    """The page count of a PDF, from its root page tree (the largest /Count of a /Pages)."""
    counts = re.findall(rb"/Type\s*/Pages\s*/Count\s+(\d+)", pdf)
    counts += re.findall(rb"/Count\s+(\d+)\s*/Kids", pdf)
    return max((int(c) for c in counts), default=0)


def test_it_prints_one_chapter_per_sheet_to_an_a4_pdf(page: Page, tmp_path: Path) -> None:
    page.goto(URL, wait_until="load")
    chapters = page.locator("section.pb-chapter").count()
    assert chapters > 30
    page.emulate_media(media="print")
    breaks = page.locator("section.pb-chapter").evaluate_all(
        "els => els.map(el => getComputedStyle(el).breakBefore)")
    assert set(breaks) == {"page"}, breaks
    hidden = page.locator(".md-header, .md-sidebar--primary, .pb-whole-print, .md-footer")
    assert hidden.evaluate_all("els => els.every(el => el.offsetParent === null)")
    pdf = page.pdf(format="A4", print_background=False)
    (tmp_path / "whole-playbook.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) >= chapters  # each chapter starts a sheet; many run over several
    assert len(re.findall(rb"/Dest\b", pdf)) > 100, "links inside the PDF jump within it"


def test_contents_link_scrolls_to_its_chapter(page: Page) -> None:
    page.goto(URL, wait_until="load")
    link = page.locator(".pb-whole-contents a", has_text="The four-week operating cycle")
    target = (link.get_attribute("href") or "").removeprefix("#")
    assert target
    assert not page.evaluate(NEAR_TOP, target)
    link.click()
    page.wait_for_function(NEAR_TOP, arg=target)
    assert page.evaluate("location.hash") == f"#{target}"
    heading = page.locator(f"[id='{target}']")
    assert "The four-week operating cycle" in heading.inner_text()


def test_a_link_between_chapters_lands_on_the_linked_section(page: Page) -> None:
    """The onboarding chapter's link to a role page lands on that role's chapter here."""
    page.goto(URL, wait_until="load")
    link = page.locator("#ch-onboarding a[href^='#ch-pod-design-']").first
    target = (link.get_attribute("href") or "").removeprefix("#")
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function(NEAR_TOP, arg=target)
    assert page.locator(f"[id='{target}'] h3").first.inner_text().split()[0].startswith("3.")


def test_print_button_shows_and_opens_the_print_dialog(page: Page) -> None:
    page.goto(URL, wait_until="load")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    button = page.get_by_role("button", name="Print or save as PDF")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1


# axe on the article alone: every finding of any impact in what this page adds.
AXE_ARTICLE = """async () => {
  const result = await axe.run({include: [["article"]]}, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
                                      targets: v.nodes.map(n => n.target.join(" "))}));
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_in_the_page(new_page: PageFactory, axe_script: Path,
                                        width: int) -> None:
    """No violation of any impact in the article, and nothing serious anywhere on the page."""
    page, recorder = new_page(viewport={"width": width, "height": 900})
    page.goto(URL, wait_until="load")
    page.add_script_tag(path=str(axe_script))
    in_article = page.evaluate(AXE_ARTICLE)
    serious = [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]
    assert not in_article, in_article
    assert not serious, serious
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{URL} is {wide}px wide at {width}px"
    assert not recorder.console_errors


# Whether the search panel is open: Material's stylesheet shows it while its toggle is checked.
PANEL_OPEN = "() => document.getElementById('__search').checked"


@pytest.mark.parametrize("width", [1280, 390])
def test_search_from_this_page_opens_the_sites_search_with_the_words(
        new_page: PageFactory, width: int) -> None:
    """No Material script here: Enter in the header's search box opens the home page's
    search with the words typed, and its results. On a phone the box opens from its icon."""
    page, recorder = new_page(viewport={"width": width, "height": 900})
    page.goto(URL, wait_until="load")
    box = page.locator("input.md-search__input")
    opener = page.locator("label.md-header__button[for=__search]")
    if opener.is_visible():  # a phone: the box is in a panel that the icon opens
        opener.click()
    box.click()
    assert page.evaluate(PANEL_OPEN)
    assert "Enter" in page.locator(".md-search-result__meta").inner_text()
    box.press("Escape")
    assert not page.evaluate(PANEL_OPEN)
    (opener if opener.is_visible() else box).click()
    box.fill("ghost pod")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/\?q=ghost"))
    page.wait_for_function(SEARCH_READY, timeout=10_000)
    assert page.locator("input.md-search__input").input_value() == "ghost pod"
    assert page.evaluate(FIRST_RESULT) == "/ghost-pod/"
    assert not recorder.console_errors


@pytest.mark.parametrize(("scheme", "shown", "then"), [
    ("light", "Switch to dark mode", "slate"), ("dark", "Switch to light mode", "default")])
def test_the_colour_toggle_works_here_and_the_choice_holds_on_other_pages(
        new_page: PageFactory, scheme: str, shown: str, then: str) -> None:
    """With nothing chosen the system's scheme is used, as Material does; the toggle switches
    and the choice is kept where Material keeps it."""
    page, recorder = new_page(color_scheme=scheme)
    page.goto(URL, wait_until="load")
    first = "default" if scheme == "light" else "slate"
    assert page.evaluate("document.body.dataset.mdColorScheme") == first
    toggle = page.locator("form[data-md-component=palette] label:visible")
    assert toggle.count() == 1
    assert toggle.get_attribute("title") == shown
    toggle.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == then
    page.goto("pod-design/", wait_until="load")  # a page with Material's script
    assert page.evaluate("document.body.dataset.mdColorScheme") == then
    page.goto(URL, wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == then
    assert not recorder.console_errors


def test_materials_keys_work_here(tab: tuple[Page, Recorder]) -> None:
    """As on a page with Material's script: / opens search (but not while typing in a field),
    n and p go to the next and previous page."""
    page, recorder = tab
    page.goto(URL, wait_until="load")
    next_page = page.locator("link[rel=next]").get_attribute("href")
    prev_page = page.locator("link[rel=prev]").get_attribute("href")
    assert next_page
    assert prev_page
    page.keyboard.press("/")
    assert page.evaluate(PANEL_OPEN)
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("n")  # typed into the box: no page change
    assert page.locator("input.md-search__input").input_value() == "n"
    page.keyboard.press("Escape")
    page.keyboard.press("n")
    page.wait_for_url(re.compile(re.escape(next_page.removeprefix("..")) + "$"))
    page.goto(URL, wait_until="load")
    page.keyboard.press(",")
    page.wait_for_url(re.compile(re.escape(prev_page.removeprefix("..")) + "$"))
    assert not recorder.console_errors
