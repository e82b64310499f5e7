"""Download links on template and matrix pages give non-empty files of the right type."""

from __future__ import annotations

import csv
import io
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from macros.model.playbook import Playbook
from tests.browser.support import CONTENT_TYPES

pytestmark = pytest.mark.browser


DOWNLOAD_LINKS = """() => Array.from(
  document.querySelectorAll("article a[href*='downloads/']"), a => a.href)"""


def expected_downloads(pb: Playbook) -> dict[str, set[str]]:
    """Page -> download paths it must link, from the data: templates and the role matrix."""
    wanted: dict[str, set[str]] = {"pod-design/": {"downloads/role-matrix.csv"}}
    for template in pb.templates:
        files = {f"downloads/templates/{template.id}.md"}
        if template.columns:
            files.add(f"downloads/templates/{template.id}.csv")
        wanted[f"templates/{template.id}/"] = files
    return wanted


def check_body(url: str, suffix: str, body: str) -> list[str]:
    """Problems with a downloaded file's content, judged by its kind."""
    if not body.strip():
        return [f"{url}: empty file"]
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(body)))
        widths = {len(row) for row in rows if row}
        if len(rows) < 1 or len(widths) != 1 or widths == {1}:
            return [f"{url}: not a table of several columns (row widths {sorted(widths)})"]
    if suffix == ".md" and not body.lstrip().startswith("#"):
        return [f"{url}: Markdown does not start with a heading"]
    if suffix == ".ics" and not body.startswith("BEGIN:VCALENDAR"):
        return [f"{url}: not an iCalendar file"]
    return []


def test_every_download_link_returns_a_typed_non_empty_file(
    page: Page, base_url: str, playbook: Playbook
) -> None:
    """Each template page links its Markdown (and CSV); pod design links the matrix; all load."""
    failures = []
    for path, files in expected_downloads(playbook).items():
        url = urljoin(base_url, path)
        page.goto(url)
        links = {link.split("#")[0] for link in page.evaluate(DOWNLOAD_LINKS)}
        missing = {urljoin(base_url, f) for f in files} - links
        failures += [f"{url}: no a[href*='downloads/'] link to {m}" for m in sorted(missing)]
        for link in sorted(links):
            suffix = "." + link.rsplit(".", 1)[-1]
            response = page.request.get(link)
            kind = response.headers.get("content-type", "").split(";")[0].strip()
            if response.status != 200:
                failures.append(f"{url}: link {link} answers HTTP {response.status}")
                continue
            if kind != CONTENT_TYPES.get(suffix):
                failures.append(f"{url}: link {link} is {kind!r}, want {CONTENT_TYPES.get(suffix)}")
            failures += check_body(link, suffix, response.text())
    assert not failures, "\n".join(failures)
