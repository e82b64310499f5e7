"""Chart scales, layout and rendering: ticks, break-even month, bands, accessible SVG."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from macros.compute import charts as cc
from macros.compute import diagnosis
from macros.compute.scales import bands, linear, nice_step, nice_ticks, tidy
from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from macros.render import charts
from tests.htmlparse import Element, parse

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLE = "professional-services-revenue-cycle"
TODAY = dt.date(2026, 12, 1)
MAX_CHART_BYTES = 10_000


@cache
def real() -> Playbook:
    """The real `data/`: the worked example's figures are the ones the brief states."""
    return load_playbook(DATA)


# ---------------------------------------------------------------- scales


@pytest.mark.parametrize(("low", "high", "count", "expected"), [
    (0, 100, 4, (0, 25, 50, 75, 100)),
    (3, 97, 5, (0, 20, 40, 60, 80, 100)),
    (0, 0.7, 5, (0, 0.2, 0.4, 0.6, 0.8)),
    (0, 300_000, 5, (0, 100_000, 200_000, 300_000)),
    (0, 180_000, 5, (0, 50_000, 100_000, 150_000, 200_000)),
])
def test_nice_ticks(low: float, high: float, count: int, expected: tuple[float, ...]) -> None:
    assert nice_ticks(low, high, count) == pytest.approx(expected)


@pytest.mark.parametrize("high", [1, 7, 13, 99, 101, 1234, 55_555, 2_000_001])
def test_nice_ticks_cover_the_range_in_equal_round_steps(high: int) -> None:
    ticks = nice_ticks(0, high, 5)
    assert ticks[0] <= 0
    assert ticks[-1] >= high
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in {1, 2, 2.5, 5, 10}
    assert len(ticks) - 1 <= 5


def test_nice_step_edge_cases() -> None:
    assert nice_step(0, 5) == 1.0
    assert nice_step(10, 0) == 1.0
    assert nice_ticks(10, 0, 2) == nice_ticks(0, 10, 2)


def test_linear_scale_maps_and_inverts_direction() -> None:
    y = linear((0, 200), (240, 40))
    assert y.at(0) == 240
    assert y.at(200) == 40
    assert y.at(50) == 190
    assert linear((5, 5), (10, 20)).at(7) == 10


def test_tidy_prints_whole_numbers_without_a_decimal() -> None:
    assert str(tidy(240.0)) == "240"
    assert str(tidy(123.456)) == "123.5"
    assert str(tidy(-0.01)) == "0"


def test_bands_split_evenly_with_gaps() -> None:
    slots = bands(4, 0, 100, 0.2)
    assert [s.start for s in slots] == [2.5, 27.5, 52.5, 77.5]
    assert {s.size for s in slots} == {20}
    assert [s.middle for s in slots] == [12.5, 37.5, 62.5, 87.5]
    assert bands(0, 0, 10) == ()


# ---------------------------------------------------------------- payback


def test_break_even_of_the_worked_example_is_14_4_months() -> None:
    assert cc.break_even(Fraction(180_000), Fraction(12_500)) == Fraction(72, 5)
    assert cc.break_even(Fraction(180_000), Fraction(0)) is None


@pytest.mark.parametrize(("month", "span"), [(None, 12), (1, 12), (6, 12), (7, 18), (15, 24),
                                             (18, 24), (19, 30), (500, 120)])
def test_payback_span_reaches_six_months_past_break_even(month: int | None, span: int) -> None:
    assert cc.payback_span(month) == span


def test_payback_chart_of_the_worked_example() -> None:
    econ = real().pod(EXAMPLE).economics
    assert econ is not None
    chart = cc.payback_chart(econ)
    assert chart.break_even == Fraction(72, 5)
    assert chart.break_even_month == 15
    assert chart.monthly == 12_500
    assert chart.months == 24
    assert chart.source_month == 14
    assert chart.source_at is not None
    # The marked points sit where the numbers put them: on the cost line, below it at month 14.
    assert chart.break_even_at is not None
    assert chart.break_even_at.y == chart.cost_y
    assert chart.source_at.y > chart.cost_y
    assert chart.source_at.x < chart.break_even_at.x
    rows = {r.month: r for r in chart.rows}
    assert rows[14].recovered == 175_000
    assert rows[14].net == -5_000
    assert rows[15].net == 7_500
    # The y axis reaches past both the cost and the last month's value.
    assert chart.y_ticks[0].label == "$0"
    assert chart.y_ticks[-1].label == "$300k"


def test_short_money_labels() -> None:
    assert [cc.short_money(v) for v in (0, 950, 50_000, 1_250_000, 2_000_000)] == [
        "$0", "$950", "$50k", "$1.2M", "$2M"]


# ---------------------------------------------------------------- staffing and quarter


def test_staffing_rows_follow_the_composition_check() -> None:
    pb = real()
    pod = pb.pod(EXAMPLE)
    chart = cc.staffing_chart(pb, pod, TODAY)
    by_role = {r.role.id: r for r in chart.rows}
    assert [r.role.id for r in chart.rows] == [r.id for r in sorted(pb.roles, key=lambda r: r.order)]
    expected = {d.role.id for d in diagnosis.composition(pb, pod)}
    assert {rid for rid, r in by_role.items() if r.kinds} == expected
    assert "below-minimum" in by_role["change-lead"].kinds
    full = by_role["workflow-designer"].bar_w
    assert by_role["change-lead"].bar_w == pytest.approx(full * 0.2, abs=0.2)
    owner = by_role["domain-owner"]
    assert owner.first.size > owner.steady.size  # 20–50% against 15–20%
    assert pod.as_of is not None
    assert chart.phase == "steady_state"


def test_quarter_chart_weeks_cycles_and_milestones() -> None:
    pb = real()
    pod = pb.pod(EXAMPLE)
    chart = cc.quarter_chart(pb, pod, TODAY)
    assert chart is not None
    assert [w.number for w in chart.weeks] == list(range(1, 14))
    assert [c.label for c in chart.cycles] == ["Cycle 1", "Cycle 2", "Cycle 3"]
    kinds = [m.kind for m in chart.milestones]
    assert kinds.count("briefing") == 3
    assert kinds.count("checkpoint") == 1
    assert [m.label for m in chart.milestones if m.kind == "checkpoint"] == ["Day 90"]
    xs = [m.x for m in chart.milestones]
    assert xs == sorted(xs)
    # The worked example is dated 2026-04-14, day 99: past the 91-day quarter.
    assert chart.today_day == 99
    assert chart.today_x is None


def test_quarter_chart_places_today_inside_the_quarter() -> None:
    pb = real()
    pod = pb.pod(EXAMPLE).model_copy(update={"as_of": None})
    assert pod.launch_date is not None
    inside = cc.quarter_chart(pb, pod, pod.launch_date + dt.timedelta(days=45))
    assert inside is not None
    assert inside.today_x is not None
    week7 = next(w for w in inside.weeks if w.number == 7)
    assert week7.start <= inside.today_x <= week7.start + week7.size
    assert inside.today_week == 7
    assert cc.quarter_chart(pb, pod.model_copy(update={"launch_date": None}), TODAY) is None
    undated = cc.quarter_chart(pb, pod, None)
    assert undated is not None
    assert undated.today_x is None
    assert undated.today_day is None



def test_a_weekend_launch_counts_today_by_working_weeks() -> None:
    pb = real()
    pod = pb.pod(EXAMPLE).model_copy(update={"as_of": None})
    assert pod.launch_date is not None
    saturday = pod.launch_date - dt.timedelta(days=2)  # the example launched on a Monday
    weekend = pod.model_copy(update={"launch_date": saturday})
    # Week 1 runs Monday to Friday after the launch; the Saturday after it is still week 1
    # and week 2 starts on the Monday, day 9 (as the quarter table shows).
    for day, week in ((2, 1), (6, 1), (7, 1), (8, 1), (9, 2), (16, 3)):
        chart = cc.quarter_chart(pb, weekend, saturday + dt.timedelta(days=day))
        assert chart is not None
        assert (chart.today_day, chart.today_week) == (day, week)
        assert f"the pod is in week {week} (day {day})" in charts.quarter_insight(chart)


# ---------------------------------------------------------------- rendering


def _svg(html: str) -> Element:
    return parse(html).find("svg")


def _all_renders(pb: Playbook) -> list[tuple[str, str]]:
    out = []
    for pod in pb.pods:
        out += [(f"{pod.id} payback", charts.payback(pb, pod)),
                (f"{pod.id} staffing", charts.staffing(pb, pod, TODAY)),
                (f"{pod.id} quarter", charts.quarter(pb, pod, TODAY))]
    return [(name, html) for name, html in out if html]


def test_every_chart_is_an_accessible_image_with_a_data_table() -> None:
    renders = _all_renders(real())
    assert len(renders) >= 7
    for name, html in renders:
        root = parse(html)
        svg = root.find("svg")
        assert svg.attrs.get("role") == "img", name
        assert "viewbox" in svg.attrs, name
        assert svg.attrs.get("width") == "100%", name
        assert [c.tag for c in svg.children[:2]] == ["title", "desc"], name
        assert svg.children[0].text, name
        assert len(svg.children[1].text) > 20, name
        table = root.find("details").find("table")
        assert table.find("caption").text, name
        assert table.find("tbody").find_all("tr"), name
        assert not [e.tag for e in root.iter() if "style" in e.attrs or e.tag == "script"], name
        assert len(html.encode()) <= MAX_CHART_BYTES, f"{name}: {len(html.encode())} bytes"


def test_payback_desc_states_the_insight() -> None:
    desc = _svg(charts.payback(real(), real().pod(EXAMPLE))).find("desc").text
    assert desc.startswith("Payback in month 15, at $12,500 a month")
    assert "14.4 months" in desc
    assert "month 14" in desc
    assert "$175,000" in desc


def test_payback_table_lists_quarter_ends_and_the_named_months() -> None:
    table = parse(charts.payback(real(), real().pod(EXAMPLE))).find("details").find("table")
    months = [int(r.find("th").text) for r in table.find("tbody").find_all("tr")]
    assert months == [3, 6, 9, 12, 14, 15, 18, 21, 24]


def test_staffing_chart_marks_shared_and_deviating_roles() -> None:
    pb = real()
    svg = _svg(charts.staffing(pb, pb.pod(EXAMPLE), TODAY))
    groups = {g.attrs["data-role"]: g for g in svg.find_all("g") if "data-role" in g.attrs}
    shared = groups["data-engineer"].find("path", cls="chart__bar--shared")
    assert shared.attrs["fill"] == f"url(#chart-staffing-{EXAMPLE}-shared)"
    assert svg.find("pattern", id_=f"chart-staffing-{EXAMPLE}-shared")
    assert groups["change-lead"].find_all("path", cls="chart__flag")
    assert "Below the minimum" in groups["change-lead"].text
    assert not groups["workflow-designer"].find_all("path", cls="chart__flag")
    assert "shared across 2 pods" in groups["data-engineer"].text


def test_quarter_chart_text() -> None:
    pb = real()
    svg = _svg(charts.quarter(pb, pb.pod(EXAMPLE), TODAY))
    assert "Day 90: in production?" in svg.text
    assert "Today: day 99, quarter over" in svg.text
    assert "3 cycles" in svg.find("desc").text


def test_same_data_gives_the_same_bytes() -> None:
    first = _all_renders(real())
    again = _all_renders(load_playbook(DATA))
    assert first == again


def test_chart_ids_derive_from_the_pod() -> None:
    pb = real()
    for pod in pb.pods:
        root = parse(charts.staffing(pb, pod, TODAY))
        ids = [e.attrs["id"] for e in root.iter() if "id" in e.attrs]
        assert ids
        assert all(pod.id in i for i in ids)


def test_text_from_data_is_escaped() -> None:
    pb = real()
    pod = pb.pod(EXAMPLE).model_copy(update={"name": "<script>alert(1)</script>"})
    for html in (charts.payback(pb, pod), charts.staffing(pb, pod, TODAY),
                 charts.quarter(pb, pod, TODAY)):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
