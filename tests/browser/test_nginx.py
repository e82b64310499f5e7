"""The site behind the shipped nginx configuration: CSP on, every page and search still work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from tests.browser.crawl import WATCH_CSP, crawl, where
from tests.browser.support import (
    CONTENT_TYPES,
    FIRST_RESULT,
    FIRST_RESULT_IS,
    PageFactory,
    Recorder,
)
from tests.nginx_server import start_nginx

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def nginx_url(site_dir: Path) -> Iterator[str]:
    """The built site served by nginx with the repository's configuration."""
    url, stop = start_nginx(site_dir)
    yield url
    stop()


@pytest.fixture
def nginx_tab(new_page: PageFactory, nginx_url: str) -> tuple[Page, Recorder]:
    """A page on the nginx-served site that records CSP violations."""
    page, recorder = new_page(site_url=nginx_url)
    page.context.add_init_script(WATCH_CSP)
    return page, recorder


def test_every_page_loads_under_the_csp(
    nginx_tab: tuple[Page, Recorder], nginx_url: str, all_pages: list[str], tmp_path: Path
) -> None:
    """Each page is served with a CSP header and breaks none of it; nothing logs an error."""
    page, recorder = nginx_tab
    response = page.request.get(nginx_url)
    assert "content-security-policy" in response.headers, f"{nginx_url}: no CSP header"
    visits = crawl(page, recorder, nginx_url, all_pages, tmp_path, csp=True)
    failures = [f"{where(seen)}: CSP {v}" for seen in visits.values() for v in seen.csp]
    failures += [f"{where(seen)}: {p}" for seen in visits.values() for p in seen.problems]
    assert not failures, "\n".join(failures)


def test_search_works_under_the_csp(nginx_tab: tuple[Page, Recorder], nginx_url: str) -> None:
    """Search (a web worker and a JSON index) finds the ghost-pod page through nginx."""
    page, recorder = nginx_tab
    page.goto(nginx_url, wait_until="load")
    box = page.locator("[data-md-component=search-query]")
    box.click()
    box.press_sequentially("ghost pod")
    wanted = ["/ghost-pod/"]
    try:
        page.wait_for_function(FIRST_RESULT_IS, arg=["ghost pod", wanted], timeout=5000)
    except Exception:
        pytest.fail(f"{page.url}: search 'ghost pod' first result {page.evaluate(FIRST_RESULT)}, "
                    f"want {wanted}; CSP: {page.evaluate('() => window.__csp')}; "
                    f"{recorder.problems()}")
    assert not page.evaluate("() => window.__csp"), f"{page.url}: CSP violations during search"
    assert not recorder.problems(), f"{page.url}: {recorder.problems()}"


def test_downloads_have_their_types_through_nginx(
    nginx_tab: tuple[Page, Recorder], nginx_url: str, site_dir: Path
) -> None:
    """nginx serves every generated download with the content type its extension calls for."""
    page, _ = nginx_tab
    failures = []
    files = sorted(p for p in (site_dir / "downloads").rglob("*") if p.is_file())
    assert files, f"{site_dir}/downloads holds no files"
    for file in files:
        url = urljoin(nginx_url, file.relative_to(site_dir).as_posix())
        response = page.request.get(url)
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if response.status != 200 or kind != CONTENT_TYPES.get(file.suffix):
            failures.append(f"{url}: HTTP {response.status}, {kind!r}, "
                            f"want {CONTENT_TYPES.get(file.suffix)}")
    assert not failures, "\n".join(failures)
