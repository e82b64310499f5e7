"""Build test: text fields that look like Markdown or HTML structure render as text on a
well-formed pod page (the fast path never looks for headings in rendered HTML)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT, build_site
from tests.htmlparse import Element, parse, unbalanced

pytestmark = pytest.mark.build

POD = "harbourline-customer-service"
# Each field gets its own lines, so that a failure names the field.
FIELDS = {
    "note": ("      note: Also supports the procurement pod.\n", 6),
    "scope": ("      scope: Email enquiries about order status and delivery dates.\n", 6),
    "detail": ("      detail: Order and shipment data from the warehouse management system.\n", 6),
    "title": ("      title: Delivery exception triage\n", 6),
}


def hostile(field: str) -> list[str]:
    """Lines of text that a line-based reader would take for headings, rules and tags."""
    return [f"{field} first line", f"## {field} not a heading", f"# {field} not a title", "---",
            f"</td></tr></table> <h2>{field} not a heading either</h2>",
            f"## {field} last line"]  # ends where the fragment closes its cell


def block(field: str, indent: int) -> str:
    pad = " " * indent
    lines = "".join(f"{pad}  {line}\n" for line in hostile(field))
    return f"{pad}{field}: |-\n{lines}"


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The built page of a pod whose note, scope, detail and target title hold hostile text."""
    project = tmp_path_factory.mktemp("hostile-project")
    for name in ("docs", "data", "overrides", "macros"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project)
    path = project / "data" / "pods" / f"{POD}.yaml"
    text = path.read_text(encoding="utf-8")
    for field, (line, indent) in FIELDS.items():
        assert line in text, f"{path.name} changed: put the hostile {field} somewhere else"
        text = text.replace(line, block(field, indent), 1)
    path.write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("hostile-site")
    result = build_site(project / "mkdocs.yml", site)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return (site / "pods" / POD / "index.html").read_text(encoding="utf-8")


def article(page: str) -> Element:
    return parse(page).find("article")


def test_the_page_is_well_formed(hostile_page: str) -> None:
    assert unbalanced(hostile_page) == []


def test_the_sections_are_the_pages_own(hostile_page: str) -> None:
    # The pod's sections as the renderer made them, with nothing found in their text.
    headings = [h.text.rstrip("¶").strip() for h in article(hostile_page).find_all("h2")]
    assert headings[:6] == ["Profile", "Cycles", "Decision log", "Automatic diagnosis",
                            "Composition check", "Quarter calendar"]
    assert not [h for h in headings if "heading" in h or "title" in h or "line" in h]
    assert [h.text for h in article(hostile_page).find_all("h1")] == [
        "Customer service pod (illustrative)"]


@pytest.mark.parametrize("field", list(FIELDS))
def test_each_field_reads_as_the_text_it_is(hostile_page: str, field: str) -> None:
    text = article(hostile_page).text
    assert " ".join(hostile(field)) in text, f"{field}: its lines are not shown as typed"
