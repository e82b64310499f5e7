"""Charts in the built site: each one where it belongs, with its title, description and table."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from tests.conftest import ROOT, build_site
from tests.htmlparse import Element, parse

pytestmark = pytest.mark.build

MAX_CHART_BYTES = 10_000


@cache
def real() -> Playbook:
    """The real `data/`, to know which pods should have which chart."""
    return load_playbook(ROOT / "data")


def charts_on(site: Path, page: str) -> dict[str, Element]:
    """Chart id → its element, for every chart on one built page."""
    root = parse((site / page / "index.html").read_text(encoding="utf-8"))
    return {e.attrs["id"]: e for e in root.find_all("div", cls="chart")}


def expected_charts(pb: Playbook) -> dict[str, set[str]]:
    """Page → the chart ids it must carry, from the data."""
    pages: dict[str, set[str]] = {}
    for pod in pb.pods:
        ids = {f"chart-staffing-{pod.id}"}
        if pod.launch_date is not None:
            ids.add(f"chart-quarter-{pod.id}")
        if pod.economics is not None:
            ids.add(f"chart-payback-{pod.id}")
        if pb.pod_cycles(pod.id):
            ids.add(f"chart-trends-{pod.id}")
        pages[f"pods/{pod.id}"] = ids
    example = next(p for p in pb.pods if p.example)
    pages["worked-example"] = {f"chart-payback-{example.id}", f"chart-staffing-{example.id}"}
    pages["pods"] = {"chart-portfolio"}
    pages["pod-design"] = {"diagram-pod"}
    pages["cycle"] = {"diagram-loop"}
    pages["scaling"] = {"diagram-inheritance"}
    return pages


def test_every_chart_is_where_the_data_says(built_site: Path) -> None:
    for page, ids in expected_charts(real()).items():
        found = charts_on(built_site, page)
        assert ids <= set(found), f"{page}: missing {sorted(ids - set(found))}"


def test_every_chart_has_a_title_a_description_and_a_table(built_site: Path) -> None:
    for page in expected_charts(real()):
        for chart_id, chart in charts_on(built_site, page).items():
            svg = chart.find("svg")
            assert svg.attrs.get("role") == "img", f"{page} {chart_id}"
            assert svg.find("title").text, f"{page} {chart_id}"
            assert svg.find("desc").text, f"{page} {chart_id}"
            details = chart.find("details")
            assert details.find("summary").text, f"{page} {chart_id}"
            assert details.find("table").find("tbody").find_all("tr"), f"{page} {chart_id}"


def test_the_worked_example_explains_the_source_month(built_site: Path) -> None:
    example = next(p for p in real().pods if p.example)
    chart = charts_on(built_site, "worked-example")[f"chart-payback-{example.id}"]
    desc = chart.find("desc").text
    assert "Payback in month 15, at $12,500 a month" in desc
    assert "14.4 months" in desc
    assert "Break-even: month 14.4" in chart.find("svg").text


def _chart_markup(site: Path) -> dict[str, str]:
    """Every chart's markup on every page of a built site, by page and chart id."""
    out = {}
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        start = 0
        while (start := text.find('<div class="chart ', start)) != -1:
            end = text.index("</details>\n</div>", start)
            out[f"{html.relative_to(site)}@{start}"] = text[start:end]
            start = end
    return out


def test_charts_are_small(built_site: Path) -> None:
    markup = _chart_markup(built_site)
    assert markup
    big = {k: len(v.encode()) for k, v in markup.items() if len(v.encode()) > MAX_CHART_BYTES}
    assert not big, f"charts over {MAX_CHART_BYTES} bytes: {big}"



def test_two_builds_give_the_same_svg(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = build_site(ROOT / "mkdocs.yml", again)
    assert result.returncode == 0, result.stderr
    first, second = _chart_markup(built_site), _chart_markup(again)
    assert first
    assert first == second
