"""Cycle-trend chart and payback actuals, from the pods' cycle records."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from macros.compute import charts as cc
from macros.compute import cycles, trends
from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from macros.render import charts
from tests.htmlparse import parse

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_CHART_BYTES = 10_000


@cache
def real() -> Playbook:
    """The real `data/` with its cycle records."""
    return load_playbook(DATA)


def recorded_pods(pb: Playbook) -> list[str]:
    return [p.id for p in pb.pods if pb.pod_cycles(p.id)]


def test_a_panel_per_metric_over_the_recorded_cycles() -> None:
    pb = real()
    assert recorded_pods(pb)
    for pod_id in recorded_pods(pb):
        pod = pb.pod(pod_id)
        chart = trends.trend_chart(pb, pod)
        assert chart is not None
        assert [p.series.key for p in chart.panels] == [s.key for s in cycles.metric_series(pb, pod)]
        xs = [t.pos for t in chart.cycles]
        assert xs == sorted(xs)
        assert [int(t.label) for t in chart.cycles] == [r.number for r in pb.pod_cycles(pod_id)]
        for panel in chart.panels:
            assert all(panel.top <= d.y <= panel.bottom for d in panel.dots)
            tops = [panel.top] + [p.top for p in chart.panels if p.top > panel.top]
            assert panel.bottom < (tops[1] if len(tops) > 1 else chart.strip_y)


def test_targets_rollbacks_and_misses_are_marked() -> None:
    pb = real()
    pod_id = next(p for p in recorded_pods(pb)
                  if any(r.deploy and r.deploy.rolled_back for r in pb.pod_cycles(p)))
    chart = trends.trend_chart(pb, pb.pod(pod_id))
    assert chart is not None
    back = [r.cycle for r in chart.releases if r.rolled_back]
    assert back == [r.number for r in pb.pod_cycles(pod_id) if r.deploy and r.deploy.rolled_back]
    adoption = next(p for p in chart.panels if p.series.key == "adoption")
    assert adoption.series.target == 60
    assert adoption.target_y is not None
    for dot in adoption.dots:
        assert dot.meets == (dot.value >= 60)
        assert (dot.y > adoption.target_y) == (dot.value < 60)  # below the line on screen


def test_trend_chart_renders_accessibly_and_small() -> None:
    pb = real()
    for pod_id in recorded_pods(pb):
        html = charts.cycle_trends(pb, pb.pod(pod_id))
        root = parse(html)
        svg = root.find("svg")
        assert svg.attrs["role"] == "img"
        assert svg.find("title").text
        rows = root.find("details").find("tbody").find_all("tr")
        assert len(rows) == len(pb.pod_cycles(pod_id))
        assert len(html.encode()) <= MAX_CHART_BYTES
    desc = parse(charts.cycle_trends(pb, pb.pod("harbourline-customer-service"))).find("desc").text
    assert "Adoption 75% of eligible users in cycle 9 (target ≥ 60: met)" in desc
    assert "rolled back in cycle 6" in desc


def test_no_records_no_chart() -> None:
    pb = real()
    bare = next(p for p in pb.pods if not pb.pod_cycles(p.id))
    assert trends.trend_chart(pb, bare) is None
    assert charts.cycle_trends(pb, bare) == ""


def test_fit_cuts_long_titles() -> None:
    assert charts.fit("short", 10) == "short"
    assert charts.fit("a long panel title", 8) == "a long…"


def test_payback_actuals_add_up_to_the_recorded_value() -> None:
    pb = real()
    pods = [p for p in pb.pods if p.economics and cycles.actuals(pb, p)]
    assert pods
    for pod in pods:
        found = cc.recorded_value(pb, pod)
        summary = cycles.actuals(pb, pod)
        assert summary is not None
        assert len(found) == summary.cycles
        assert found[-1][2] == summary.recovered
        assert [v for _, _, v in found] == sorted(v for _, _, v in found)
        assert pod.economics is not None
        chart = cc.payback_chart(pod.economics, found)
        assert len(chart.actual) == len(found)
        assert all(chart.frame.left <= p.x <= chart.frame.right for p in chart.actual)
        html = charts.payback(pb, pod)
        assert "Recorded so far" in parse(html).find("desc").text
        assert len(parse(html).find("details").find_all("table")) == 2
