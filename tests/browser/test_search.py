"""Search as a reader uses it: type into Material's search box, the right page comes first, fast."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from macros.model.playbook import Playbook
from tests.browser.crawl import SEARCH_READY
from tests.browser.support import FIRST_RESULT, FIRST_RESULT_IS, page_path

pytestmark = pytest.mark.browser

# A reader waits at most this long, from the last key pressed to the right first result.
RESULT_WITHIN_S = 1.0
# Past this, a first result is judged wrong rather than slow.
SETTLE_S = 5.0


def search_cases(pb: Playbook) -> list[tuple[str, list[str]]]:
    """(query, acceptable first-result pages), derived from the data where the data decides."""
    cases: list[tuple[str, list[str]]] = [(r.name, [f"pod-design/{r.id}/"]) for r in pb.roles]
    publisher = next(s.publisher for s in pb.sources if s.publisher == "Deloitte")
    term = next(t.term for t in pb.glossary if t.term == "MLOps")
    example = [f"pods/{p.id}/" for p in pb.pods if p.example and p.economics is not None]
    cases += [
        ("ghost pod", ["ghost-pod/"]),
        # RACI letters live in the role matrix; the cycle page assigns them per activity.
        ("RACI", ["pod-design/", "cycle/"]),
        # The payback month is computed on the worked example and its pod's page.
        ("payback", ["worked-example/", *example]),
        (publisher, ["sources/"]),
        # A glossary term leads to the glossary or to the guidance page named after it.
        (term, ["glossary/", "guidance/mlops-platform/"]),
    ]
    return cases


def open_search(page: Page, base_url: str) -> None:
    """Load the home page, focus the search box and wait until the index is loaded."""
    page.goto(base_url, wait_until="load")
    page.locator("[data-md-component=search-query]").click()
    try:
        page.wait_for_function(SEARCH_READY, timeout=10_000)
    except PlaywrightTimeout:
        meta = page.locator(".md-search-result__meta").text_content()
        pytest.fail(f"{page.url}: search index never loaded (.md-search-result__meta: {meta!r})")


def test_first_result_is_the_right_page_within_a_second(
    page: Page, base_url: str, playbook: Playbook
) -> None:
    """Role names, key ideas, a publisher and a glossary term each find their page first.

    The clock starts when the last key is pressed: a reader types at their own pace, and the
    driver's per-key round trips are no part of the site's speed.
    """
    root = page_path(base_url)
    failures = []
    for query, targets in search_cases(playbook):
        wanted = [root + target for target in targets]
        open_search(page, base_url)
        page.locator("[data-md-component=search-query]").press_sequentially(query)
        typed = time.perf_counter()
        try:
            page.wait_for_function(FIRST_RESULT_IS, arg=[query, wanted], polling=20,
                                   timeout=SETTLE_S * 1000)
        except PlaywrightTimeout:
            got = page.evaluate(FIRST_RESULT)
            failures.append(f"{page.url} search {query!r}: first result {got}, wanted one of "
                            f"{wanted} (element .md-search-result__item a)")
            continue
        elapsed = time.perf_counter() - typed
        if elapsed > RESULT_WITHIN_S:
            failures.append(f"{page.url} search {query!r}: right first result after "
                            f"{elapsed:.2f}s, more than {RESULT_WITHIN_S}s")
    assert not failures, "\n".join(failures)
