"""The domain owner briefing prints on one or two A4 pages, without the site around it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from macros.model import urls
from macros.model.playbook import Playbook

pytestmark = pytest.mark.browser

MAX_PAGES = 2
# A PDF page object; `/Type /Pages` is the page tree, not a page.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def briefed_pods(pb: Playbook) -> list[str]:
    """Every pod that has a briefing page (one with cycle records)."""
    return [pod.id for pod in pb.pods if pb.pod_cycles(pod.id)]


def test_every_briefing_fits_two_a4_pages(page: Page, base_url: str, playbook: Playbook) -> None:
    pods = briefed_pods(playbook)
    assert pods, "no pod has cycle records, so no briefing to print"
    for pod_id in pods:
        url = urljoin(base_url, urls.briefing(pod_id))
        page.goto(url, wait_until="load")
        page.emulate_media(media="print")
        assert page.locator(".pod-briefing h2").count() >= 4, url
        pages = len(PAGE_OBJECT.findall(page.pdf(format="A4")))
        assert 1 <= pages <= MAX_PAGES, f"{url}: prints on {pages} A4 pages"
        assert not page.locator(".md-header").evaluate("el => getComputedStyle(el).display !== 'none'")
