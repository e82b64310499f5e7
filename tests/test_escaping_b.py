"""Hostile data (`<script>`, `{{ }}`, `{% %}`) renders inert and literal in every pod renderer."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import markdown
import pytest
import yaml
from icalendar import Calendar

from macros.model.playbook import Playbook
from macros.render import diagnostics, economics, pods
from macros.render import quarter as calendar
from tests.fixtures.pods_b import TRAP, trap_playbook
from tests.htmlparse import Element, parse

TODAY = dt.date(2025, 6, 1)
SCRIPT = "<script>alert(1)</script>"
JINJA = ("{{ 7*7 }}", "{% raw %}x{% endraw %}")

Renderer = Callable[[Playbook], str]

HTML_RENDERERS: dict[str, Renderer] = {
    "pod_economics": lambda pb: economics.pod_economics(pb, "acme", "../"),
    "diagnostic_checklist": lambda pb: diagnostics.diagnostic_checklist(pb, "ghost-pod", "../"),
    "signal_table": lambda pb: diagnostics.signal_table(pb, "ghost-pod", "../"),
    "pod_diagnosis": lambda pb: diagnostics.pod_diagnosis(pb, "acme", "../", TODAY),
    "pod_diagnosis_beta": lambda pb: diagnostics.pod_diagnosis(pb, "beta", "../", TODAY),
    "pod_composition": lambda pb: diagnostics.pod_composition(pb, "acme", "../"),
    "pod_composition_beta": lambda pb: diagnostics.pod_composition(pb, "beta", "../"),
    "pod_directory": lambda pb: pods.pod_directory(pb, "../", TODAY),
    "pod_profile": lambda pb: pods.pod_profile(pb, "acme", "../"),
    "inheritance_matrix": lambda pb: pods.inheritance_matrix(pb, "../"),
    "asset_table": lambda pb: pods.asset_table(pb, "../"),
    "pod_quarter": lambda pb: calendar.pod_quarter(pb, "acme", "../"),
}


@pytest.fixture(scope="module")
def pb() -> Playbook:
    return trap_playbook()


def assert_inert(tree: Element, raw: str) -> None:
    """No executable script, and the hostile text is shown as text, unevaluated."""
    scripts = tree.find_all("script")
    assert all(s.attrs.get("type") == "application/json" for s in scripts)
    assert raw.count("</script>") == len(scripts)
    assert "<script>alert" not in raw
    text = tree.text
    assert SCRIPT in text
    # Evaluated, '{{ 7*7 }}' would read 49 and the raw block would lose its tags.
    assert all(j in text for j in JINJA)


@pytest.mark.parametrize("name", sorted(HTML_RENDERERS))
def test_html_renderer_is_inert(pb: Playbook, name: str) -> None:
    raw = HTML_RENDERERS[name](pb)
    assert_inert(parse(raw), raw)


def test_checklist_json_is_escaped_and_round_trips(pb: Playbook) -> None:
    raw = diagnostics.diagnostic_checklist(pb, "ghost-pod", "")
    script = parse(raw).find("script", cls="pod-checklist__config")
    assert "<" not in script.text
    config = json.loads(script.text)
    labels = {v["label"] for v in config["verdicts"]}
    assert labels == {b.label for b in pb.diagnostic("ghost-pod").verdicts}
    assert all(label.endswith(TRAP) for label in labels)


def markdown_pages(pb: Playbook) -> dict[str, str]:
    pages = {"pods/acme.md": pods.pod_page(pb, pb.pod("acme"), "../../", TODAY),
             "pods/beta.md": pods.pod_page(pb, pb.pod("beta"), "../../", TODAY)}
    pages.update({src: page.markdown() for src, page in pods.pod_index_pages(pb, TODAY).items()})
    return pages


def test_generated_pages_are_inert(pb: Playbook) -> None:
    for path, page in markdown_pages(pb).items():
        head, body = page[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head)
        assert "<script" not in str(meta["title"]), path
        # A generated page can never be read as a template: braces are entities.
        assert "{{" not in body
        assert "{%" not in body
        html = markdown.markdown(body, extensions=["tables", "md_in_html", "attr_list", "toc"])
        tree = parse(html)
        assert not tree.find_all("script"), path
        assert "<script>alert" not in html, path


def test_pod_page_shows_hostile_text_literally(pb: Playbook) -> None:
    page = pods.pod_page(pb, pb.pod("acme"), "../../", TODAY)
    body = page[4:].split("\n---\n", 1)[1]
    text = parse(markdown.markdown(body, extensions=["tables", "md_in_html"])).text
    assert SCRIPT in text
    assert "{{ 7*7 }}" in text
    assert "{% raw %}x{% endraw %}" in text


def test_ics_keeps_hostile_text_as_plain_text(pb: Playbook) -> None:
    acme = pb.pod("acme")
    cal = Calendar.from_ical(calendar.pod_ics(pb, acme))
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert all(s.startswith(f"{acme.name}:") for s in summaries)
    assert any(TRAP in s for s in summaries)
