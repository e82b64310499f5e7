"""Cycle rows as text: units, signs and targets, and the metrics fragment built from them."""

from __future__ import annotations

import datetime as dt

from macros.compute import cycles
from macros.compute.cycles import MetricRow, Point, Series
from macros.render import cycles as rc
from macros.render.environment import render
from tests.htmlparse import parse

DAY = dt.date(2026, 1, 5)


def row(series: Series, first: float | None, latest: float | None) -> MetricRow:
    return MetricRow(series, None if first is None else Point(1, DAY, first),
                     None if latest is None else Point(3, DAY, latest), None, "none")


def test_value_text_and_signed() -> None:
    assert rc.value_text(4.2, "%") == "4.2%"
    assert rc.value_text(38, "minutes per contract") == "38 minutes per contract"
    assert rc.value_text(None, "%") == "—"
    assert (rc.signed(6.54, "%"), rc.signed(-12, "%"), rc.signed(0, "%")) == ("+6.5%", "−12.0%", "±0.0%")


def test_metric_text() -> None:
    series = Series("x", "Error rate", "%", (), target=3, comparator="<=", baseline=5)
    text = rc.metric_text(cycles.metric_row(Series(
        "x", "Error rate", "%", (Point(1, DAY, 4.5), Point(2, DAY, 2.5)), 3, "<=", 5)))
    assert (text.label, text.first, text.first_cycle, text.latest, text.latest_cycle) == (
        "Error rate", "4.5%", 1, "2.5%", 2)
    assert (text.target, text.baseline, text.change, text.status) == ("≤ 3%", "5%", "−50.0%", "clear")
    bare = rc.metric_text(row(Series("k", "Handle time", "minutes", ()), None, None))
    assert (bare.first, bare.latest, bare.target, bare.baseline, bare.change) == ("—", "—", "—", "—", None)
    assert rc.metric_text(row(series, 4, 2)).first == "4%"


def test_metrics_fragment_shows_the_verdicts() -> None:
    met = cycles.metric_row(Series("a", "Adoption", "% of eligible users",
                                   (Point(1, DAY, 72),), 60, ">="))
    missed = cycles.metric_row(Series("s", "Samples reviewed", "samples",
                                      (Point(1, DAY, 5),), 20, ">="))
    html = render("cycles-metrics.html", rows=[rc.metric_text(met), rc.metric_text(missed)],
                  caption="Cycle 1", show_first=False)
    rows = parse(html).find("tbody").find_all("tr")
    assert [r.find("th").text for r in rows] == ["Adoption", "Samples reviewed"]
    assert [[td.text for td in r.find_all("td")] for r in rows] == [
        ["72% of eligible users", "≥ 60% of eligible users", "—", "meets it"],
        ["5 samples", "≥ 20 samples", "—", "misses it"]]
