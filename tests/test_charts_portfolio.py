"""The registry's portfolio chart and the per-pod review sparklines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.compute import portfolio as pf
from macros.load.loader import load_playbook
from macros.render import charts, pods
from tests.htmlparse import parse

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 12, 1)


def test_month_ends_span_the_months() -> None:
    ends = pf.month_ends(dt.date(2025, 11, 15), dt.date(2026, 2, 3))
    assert ends == [dt.date(2025, 11, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 31),
                    dt.date(2026, 2, 28)]
    assert pf.month_name(dt.date(2026, 4, 9)) == "Apr 2026"


def test_grid_counts_every_pod_once_by_its_diagnosis() -> None:
    pb = load_playbook(DATA)
    view = pf.portfolio(pb, TODAY)
    assert view is not None
    assert sum(c.count for c in view.cells) == len(pb.pods) == view.total
    assert len(view.cells) == len(pf.STAGES) * len(pb.diagnostics[0].verdicts)
    biggest = max(view.cells, key=lambda c: c.count)
    assert biggest.radius == pf.LARGEST_DOT
    assert all(c.radius == 0 for c in view.cells if c.count == 0)


def test_verdicts_by_month_follow_the_latest_review() -> None:
    pb = load_playbook(DATA)
    diagnostic = pb.diagnostics[0]
    ends, counts = pf.verdicts_by_month(pb, diagnostic, TODAY)
    reviews = sorted(r.date for p in pb.pods for r in p.reviews)
    assert ends[0].month == reviews[0].month
    assert ends[-1].month == reviews[-1].month
    reviewed = [sum(c[i] for c in counts.values()) for i in range(len(ends))]
    assert reviewed == sorted(reviewed)  # a pod once reviewed stays counted
    assert reviewed[-1] == sum(1 for p in pb.pods if p.reviews)


def test_portfolio_chart_renders_two_images_and_a_table() -> None:
    pb = load_playbook(DATA)
    root = parse(charts.portfolio_view(pb, TODAY))
    svgs = root.find_all("svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg.attrs["role"] == "img"
        assert svg.find("title").text
        assert svg.find("desc").text
    assert svg.find_all("g", cls="chart__series")
    tables = root.find("details").find_all("table")
    assert len(tables) == 2
    first = tables[0].find("tbody").find_all("tr")
    assert sum(int(td.text) for row in first for td in row.find_all("td")) == len(pb.pods)


def test_registry_rows_carry_a_sparkline_for_reviewed_pods() -> None:
    pb = load_playbook(DATA)
    root = parse(pods.pod_directory(pb, "../", TODAY))
    assert root.find("div", cls="chart--portfolio")
    for pod in pb.pods:
        row = root.find("tr", id_=f"pod-{pod.id}")
        sparks = row.find_all("svg", cls="chart-spark")
        assert len(sparks) == (1 if pod.reviews else 0)
        if sparks:
            assert pod.name in sparks[0].find("title").text


def test_spark_scores_oldest_first() -> None:
    pb = load_playbook(DATA)
    diagnostic = pb.diagnostics[0]
    pod = next(p for p in pb.pods if p.reviews)
    first = pod.reviews[0]
    later = first.model_copy(update={"date": first.date + dt.timedelta(days=30),
                                     "signals": dict.fromkeys(first.signals, True)})
    line = pf.spark(pod.model_copy(update={"reviews": (first, later)}), diagnostic)
    assert line is not None
    assert line.scores[-1] == sum(s.weight for s in diagnostic.signals)
    assert line.points[-1].y < line.points[0].y or line.scores[0] == line.scores[-1]
    assert pf.spark(pod.model_copy(update={"reviews": ()}), diagnostic) is None
