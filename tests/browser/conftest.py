"""Browser-suite fixtures: build the site once, serve it on 127.0.0.1, drive headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from tests.browser.crawl import Visit, crawl
from tests.browser.support import (
    REPO,
    PageFactory,
    Recorder,
    origin_of,
    serve,
    site_pages,
)
from tests.conftest import VendorError, vendored

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_BROWSER = (
    "No Chromium for the browser tests. Run `make test` (it installs one), or "
    "`apt-get install chromium`, or point PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH at a Chromium binary."
)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """On a failing test, save a screenshot of each page it had open under its tmp_path."""
    report = yield
    pages: list[Page] = getattr(item, "_browser_pages", [])
    tmp_path = getattr(item, "funcargs", {}).get("tmp_path")
    if report.when == "call" and report.failed and tmp_path is not None:
        for number, page in enumerate(pages):
            if page.is_closed():
                continue
            shot = Path(tmp_path) / f"failure-{number}.png"
            try:
                page.screenshot(path=str(shot), full_page=True)
            except Exception as error:
                report.sections.append(("screenshot", f"could not save: {error}"))
                continue
            report.sections.append(("screenshot", f"{page.url} -> {shot}"))
    return report


# ---------------------------------------------------------------- the site


@pytest.fixture(scope="session")
def playbook() -> Playbook:
    """The real `data/`, loaded the way the build loads it; expectations derive from it."""
    return load_playbook(REPO / "data")


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The real playbook, built once per session (the suite-wide `built_site`).

    PLAYBOOK_SITE_DIR=<dir> serves an already built site instead (for quick local reruns).
    """
    prebuilt = os.environ.get("PLAYBOOK_SITE_DIR")
    if prebuilt:
        return Path(prebuilt).resolve()
    return Path(request.getfixturevalue("built_site"))


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """Base URL (ending in `/`) of the built site served over HTTP on 127.0.0.1."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def all_pages(site_dir: Path) -> list[str]:
    """Every page of the built site (sitemap and files), as paths relative to the root."""
    pages = site_pages(site_dir)
    assert pages, f"no pages found in {site_dir}"
    return pages


# ---------------------------------------------------------------- the browser


def chromium_executable(playwright: Playwright) -> str:
    """The Chromium to drive: the env override, Debian's package, or Playwright's own."""
    override = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH")
    if override:
        if not Path(override).is_file():
            pytest.fail(f"PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH={override} does not exist. "
                        + NO_BROWSER, pytrace=False)
        return override
    for candidate in ("/usr/bin/chromium", playwright.chromium.executable_path):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(NO_BROWSER, pytrace=False)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver, started once."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session; a missing browser fails, never skips."""
    browser = playwright.chromium.launch(
        executable_path=chromium_executable(playwright), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _watch(context: BrowserContext, recorder: Recorder) -> None:
    """Block and record requests to other hosts; record console errors and failed requests."""

    def route(route: Route) -> None:
        url = route.request.url
        if recorder.is_local(url):
            route.continue_()
        else:
            recorder.external_requests.append(url)
            route.abort("blockedbyclient")

    def on_console(message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            recorder.console_errors.append(f"{message.text} [{where}]")

    def on_failed(request: Any) -> None:
        if recorder.is_local(request.url):
            recorder.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            recorder.failed_requests.append(f"{response.url} (HTTP {response.status})")

    context.route("**/*", route)
    context.on("console", on_console)
    context.on("weberror", lambda error: recorder.console_errors.append(f"uncaught: {error.error}"))
    context.on("requestfailed", on_failed)
    context.on("response", on_response)


def open_tab(browser: Browser, site_url: str, **options: Any) -> tuple[BrowserContext, Page,
                                                                    Recorder]:
    """A fresh context (options as for `browser.new_context`) on `site_url`, a page, a recorder."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(base_url=site_url, service_workers="block", **options)
    context.set_default_timeout(10_000)
    recorder = Recorder(origin=origin_of(site_url))
    _watch(context, recorder)
    return context, context.new_page(), recorder


@pytest.fixture
def new_page(
    browser: Browser, base_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[PageFactory]:
    """Factory: a fresh context and page (options as for `browser.new_context`) plus its recorder."""
    contexts: list[BrowserContext] = []
    request.node._browser_pages = []

    def make(site_url: str | None = None, **options: Any) -> tuple[Page, Recorder]:
        context, page, recorder = open_tab(browser, site_url or base_url, **options)
        contexts.append(context)
        request.node._browser_pages.append(page)
        return page, recorder

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_page: PageFactory) -> tuple[Page, Recorder]:
    """A fresh desktop page on the built site, and what it records."""
    return new_page()


@pytest.fixture
def page(tab: tuple[Page, Recorder]) -> Page:
    """The page of `tab`."""
    return tab[0]


@pytest.fixture
def recorder(tab: tuple[Page, Recorder]) -> Recorder:
    """The recorder of `tab`."""
    return tab[1]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe.min.js: $AXE_CORE_JS, else fetched once from the npm registry into `.cache/`."""
    try:
        return vendored("AXE_CORE_JS", "axe-core", "axe.min.js")
    except VendorError as err:
        pytest.fail(str(err), pytrace=False)


@pytest.fixture(scope="session")
def site_crawl(
    browser: Browser, base_url: str, all_pages: list[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Visit]:
    """Every page opened once (light scheme, other hosts blocked): what happened.

    axe-core runs in its own pass (test_accessibility.py), four views per page.
    """
    context, page, recorder = open_tab(browser, base_url, color_scheme="light")
    try:
        return crawl(page, recorder, base_url, all_pages, tmp_path_factory.mktemp("crawl"))
    finally:
        context.close()
