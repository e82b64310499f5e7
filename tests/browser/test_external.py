"""No page reaches another host: fonts, scripts, images and analytics all come from the site."""

from __future__ import annotations

import pytest

from tests.browser.crawl import Visit, where

pytestmark = pytest.mark.browser


def test_no_page_requests_another_host(site_crawl: dict[str, Visit]) -> None:
    """Every page, with other hosts blocked and recorded, makes zero such requests."""
    failures = [f"{where(seen)}: requested {request}"
                for seen in site_crawl.values() for request in seen.external]
    assert not failures, "\n".join(failures)
