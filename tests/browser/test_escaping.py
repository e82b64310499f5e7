"""Data text containing markup and template syntax builds, shows literally and runs nothing."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import Page

from macros.model.playbook import Playbook
from tests.browser.support import REPO, PageFactory, serve
from tests.conftest import build_site

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss=1</script>"
TEMPLATE = "{{ 7*7 }}"
IMAGE = '<img src="x" onerror="window.__xss=2">'
STATEMENT = "{% if true %}ran{% endif %}"
ROLE, POD_INDEX = "workflow-designer", 0


def with_payload(data_file: Path, payload: str) -> str:
    """Append `payload` to the first top-level `name:` of a data file; return the new name."""
    text = data_file.read_text(encoding="utf-8")
    line = re.search(r"^  name: (.+)$", text, flags=re.M)
    assert line, f"{data_file}: no '  name:' line to edit"
    name = f"{yaml.safe_load(line.group(1))} {payload}"
    # A JSON string is a valid double-quoted YAML scalar.
    data_file.write_text(text[:line.start(1)] + json.dumps(name) + text[line.end(1):],
                         encoding="utf-8")
    return name


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory, playbook: Playbook
) -> Iterator[tuple[str, str, str]]:
    """A copy of the playbook whose role and pod names carry markup; (base URL, role, pod name)."""
    project = tmp_path_factory.mktemp("hostile")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides", "data", "macros"):
        shutil.copytree(REPO / folder, project / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    role = with_payload(project / "data" / "roles" / f"{ROLE}.yaml", f"{SCRIPT} {TEMPLATE}")
    pod_id = playbook.pods[POD_INDEX].id
    pod = with_payload(project / "data" / "pods" / f"{pod_id}.yaml",
                       f"{SCRIPT} {IMAGE} {TEMPLATE} {STATEMENT}")
    site = project / "site"
    done = build_site(project / "mkdocs.yml", site)
    assert done.returncode == 0, f"hostile fixture did not build:\n{done.stdout}\n{done.stderr}"
    with serve(site) as url:
        yield url, role, pod


def inert_problems(page: Page, url: str, literal: str) -> list[str]:
    """What is wrong on `url`: `literal` not shown as text, injected markup ran or became
    elements, or the template expression was evaluated."""
    page.goto(url, wait_until="load")
    problems = []
    text = " ".join(page.locator("article").inner_text().split())
    if literal not in text:
        problems.append(f"{url}: article does not show {literal!r} literally")
    if page.evaluate("() => typeof window.__xss") != "undefined":
        problems.append(f"{url}: injected markup ran (window.__xss = "
                        f"{page.evaluate('() => window.__xss')})")
    injected = page.evaluate(INJECTED)
    if injected:
        problems.append(f"{url}: injected elements in the page: {injected}")
    if literal.replace(TEMPLATE, "49") in text:
        problems.append(f"{url}: {TEMPLATE} was evaluated to 49")
    return problems


# Where injected <script>/<img src=x> became real elements, by their closest landmark.
INJECTED = """() => Array.from(
  document.querySelectorAll("script:not([src]):not([type]), img[src='x']"),
  el => el.outerHTML.slice(0, 40) + " in " + (el.closest("nav, article, header, footer, title")
    ?.tagName.toLowerCase() + (el.closest(".md-nav") ? ".md-nav" : "")))
  .filter(text => text.includes("__xss"))"""


def test_markup_in_data_is_shown_literally(
    new_page: PageFactory, hostile_site: tuple[str, str, str], playbook: Playbook
) -> None:
    """Role and pod names with <script>, <img onerror>, {{ }} and {% %} show as text."""
    base_url, role, pod = hostile_site
    page, _ = new_page(site_url=base_url)
    pod_id = playbook.pods[POD_INDEX].id
    failures = []
    for path, literal in ((f"pod-design/{ROLE}/", role), ("pod-design/", role),
                          (f"pods/{pod_id}/", pod), ("pods/", pod)):
        failures += inert_problems(page, urljoin(base_url, path), literal)
    assert not failures, "\n".join(failures)


def test_markup_in_data_is_inert_in_search_results(
    new_page: PageFactory, hostile_site: tuple[str, str, str], playbook: Playbook
) -> None:
    """Searching for the hostile role lists its name as text and runs nothing."""
    base_url, role, _ = hostile_site
    page, _ = new_page(site_url=base_url)
    page.goto(urljoin(base_url, "why/"), wait_until="load")
    page.evaluate("() => { delete window.__xss; }")  # judge the search alone, not the page
    box = page.locator("[data-md-component=search-query]")
    box.click()
    box.press_sequentially(playbook.role(ROLE).name)
    titles = page.locator(".md-search-result__item h1")
    titles.first.wait_for(timeout=5000)
    shown = [" ".join(t.split()) for t in titles.all_inner_texts()]
    assert role in shown, f"{page.url}: no search result titled {role!r} (got {shown})"
    assert page.evaluate("() => typeof window.__xss") == "undefined", (
        f"{page.url}: search results ran injected markup")
    injected = page.locator(".md-search-result script, .md-search-result img[src='x']").count()
    assert injected == 0, f"{page.url}: search results contain {injected} injected elements"
