"""axe-core finds no serious or critical accessibility problem on any page, light or dark."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.crawl import Visit, crawl, violation_report
from tests.browser.support import PageFactory

pytestmark = pytest.mark.browser

# Material's palette: `default` is the light scheme, `slate` the dark one.
SCHEMES = {"light": "default", "dark": "slate"}
SHOWN_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


def test_no_serious_violations_light(site_crawl: dict[str, Visit]) -> None:
    """Each page passes axe-core with no serious or critical violation in the light scheme."""
    failures = violation_report(site_crawl, "light")
    assert not failures, "\n".join(failures)


def test_no_serious_violations_dark(
    new_page: PageFactory, base_url: str, all_pages: list[str], axe_script: Path, tmp_path: Path
) -> None:
    """Each page passes axe-core with no serious or critical violation in the dark scheme."""
    page, recorder = new_page(color_scheme="dark")
    page.goto(base_url)
    shown = page.evaluate(SHOWN_SCHEME)
    assert shown == SCHEMES["dark"], f"{page.url}: data-md-color-scheme is {shown!r} in dark mode"
    visits = crawl(page, recorder, base_url, all_pages, tmp_path, search=False,
                   axe_script=axe_script)
    failures = violation_report(visits, "dark")
    assert not failures, "\n".join(failures)


def test_no_serious_violations_on_a_phone(
    new_page: PageFactory, base_url: str, all_pages: list[str], axe_script: Path, tmp_path: Path
) -> None:
    """Each page passes axe-core at 390 px wide, where wide tables scroll in their own boxes."""
    page, recorder = new_page(viewport={"width": 390, "height": 844})
    visits = crawl(page, recorder, base_url, all_pages, tmp_path, search=False,
                   axe_script=axe_script)
    failures = violation_report(visits, "390px")
    assert not failures, "\n".join(failures)
