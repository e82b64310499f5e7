"""Economics: exact payback and ROI from inputs worked out by hand, and the rendered business case."""

from __future__ import annotations

from fractions import Fraction

import pytest

from macros.compute import economics as ec
from macros.model.data import Economics
from macros.render import economics
from tests.fixtures import mini_playbook
from tests.fixtures.pods_b import with_pod
from tests.htmlparse import Element, parse


def econ(**changes: object) -> Economics:
    """The worked example's inputs (source brief), with some replaced."""
    base: dict[str, object] = {
        "baseline_ftes": 2.5, "loaded_cost_per_fte": 150_000, "volume_per_year": 400,
        "volume_unit": "contracts", "minutes_saved_per_unit": 75, "hourly_rate": 300,
        "pod_cost": 180_000, "horizon_years": 3, "source_payback_month": 14}
    return Economics(**{**base, **changes})


def test_worked_example_numbers() -> None:
    result = ec.compute(econ())
    # 2.5 FTE × $150,000 = $375,000; 75/60 h × 400 = 500 h; 500 h × $300 = $150,000.
    assert result.baseline_cost == 375_000
    assert result.hours_saved_per_year == 500
    assert result.recovered_per_year == 150_000
    assert result.monthly_savings == 12_500
    # $180,000 / $12,500 = 14.4 months, so the cost is recovered during month 15.
    assert result.payback_months == Fraction(144, 10)
    assert result.payback_month == 15


def test_worked_example_roi_by_year() -> None:
    years = ec.compute(econ()).years
    assert [y.year for y in years] == [1, 2, 3]
    assert [y.cumulative_savings for y in years] == [150_000, 300_000, 450_000]
    assert [y.cumulative_net for y in years] == [-30_000, 120_000, 270_000]
    assert [y.roi for y in years] == [Fraction(-30_000, 180_000), Fraction(120_000, 180_000),
                                      Fraction(270_000, 180_000)]


def test_fractional_ftes_are_exact() -> None:
    # 1.1 × $100,000 is $110,000 exactly, not 110000.00000000001.
    result = ec.compute(econ(baseline_ftes=1.1, loaded_cost_per_fte=100_000))
    assert result.baseline_cost == 110_000
    assert economics.money(result.baseline_cost) == "$110,000"


def test_payback_on_a_month_boundary() -> None:
    # 30 min × 1,000 units = 500 h × $120 = $60,000 a year = $5,000 a month; $60,000 / $5,000 = 12.
    result = ec.compute(econ(minutes_saved_per_unit=30, volume_per_year=1000,
                                    hourly_rate=120, pod_cost=60_000, horizon_years=2))
    assert result.payback_months == 12
    assert result.payback_month == 12
    assert [y.roi for y in result.years] == [0, 1]


def test_payback_that_is_not_a_whole_number() -> None:
    # 42 min × 1,000 = 700 h × $120 = $84,000 a year = $7,000 a month; 100,000 / 7,000 = 100/7.
    result = ec.compute(econ(minutes_saved_per_unit=42, volume_per_year=1000,
                                    hourly_rate=120, pod_cost=100_000))
    assert result.payback_months == Fraction(100, 7)
    assert result.payback_month == 15
    assert economics.number(result.payback_months) == "14.29"


def test_no_savings_never_pays_back() -> None:
    result = ec.compute(econ(hourly_rate=0))
    assert result.payback_months is None
    assert result.payback_month is None
    assert all(y.cumulative_net == -180_000 for y in result.years)


@pytest.mark.parametrize(("value", "text"), [
    (Fraction(375_000), "$375,000"),
    (Fraction(-30_000), "−$30,000"),
    (Fraction(1, 3), "$0.33"),
    (Fraction(25, 2), "$12.50"),
])
def test_money_format(value: Fraction, text: str) -> None:
    assert economics.money(value) == text


def test_percent_format() -> None:
    assert economics.percent(Fraction(-1, 6)) == "−16.7%"
    assert economics.percent(Fraction(2, 3)) == "66.7%"


def test_source_rounding_explained_when_it_differs() -> None:
    inputs = econ()
    note = economics.source_rounding(inputs, ec.compute(inputs))
    assert note is not None
    # End of month 14: 14 × $12,500 = $175,000, still short of $180,000.
    for fact in ("month 14", "14.4", "$175,000", "$180,000", "month 15", "down"):
        assert fact in note


def test_source_rounding_silent_when_it_agrees_or_is_absent() -> None:
    for inputs in (econ(source_payback_month=15), econ(source_payback_month=None)):
        assert economics.source_rounding(inputs, ec.compute(inputs)) is None


def _cells(table: Element) -> list[list[str]]:
    return [[c.text for c in row.children] for row in table.find("tbody").find_all("tr")]


def test_pod_economics_shows_inputs_and_results() -> None:
    pb = mini_playbook()
    inputs = pb.pod("acme").economics
    assert inputs is not None
    root = parse(economics.pod_economics(pb, "acme", "../../"))
    formulas = _cells(root.find("div", cls="pod-economics__formulas").find("table"))
    baseline = formulas[0]
    assert str(inputs.baseline_ftes) in baseline[1]
    assert f"${inputs.loaded_cost_per_fte:,}" in baseline[1]
    assert baseline[2] == f"${int(inputs.baseline_ftes * inputs.loaded_cost_per_fte):,}"
    recovered = inputs.minutes_saved_per_unit * inputs.volume_per_year * inputs.hourly_rate // 60
    assert any(row[2] == f"${recovered:,}" for row in formulas)
    payback = formulas[-1]
    assert f"${inputs.pod_cost:,}" in payback[1]
    assert "14.4" in payback[2]
    assert "month 15" in payback[2]


def test_pod_economics_year_table_and_note() -> None:
    pb = mini_playbook()
    inputs = pb.pod("acme").economics
    assert inputs is not None
    root = parse(economics.pod_economics(pb, "acme", ""))
    years = _cells(root.find("div", cls="pod-economics__years").find("table"))
    assert len(years) == inputs.horizon_years
    assert years[0][2] == "−$30,000"
    assert root.find("p", cls="pod-economics__note")
    link = root.find("a", cls="pb-cite")
    assert link.attrs["href"].startswith("sources/#src-palantir")


def test_pod_without_economics_says_so() -> None:
    pb = mini_playbook()
    beta = pb.pod("beta")
    html = economics.pod_economics(with_pod(pb, beta), "beta", "")
    assert "pod-economics--none" in html
    assert "<table" not in html
