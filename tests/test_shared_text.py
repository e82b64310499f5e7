"""Text helpers written once and shared by computing and rendering; the table of data kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.compute import diagnosis
from macros.compute.figures import metric_text, percent_range, quantity
from macros.load.loader import LAYOUT
from macros.model import data as m
from macros.model import data_files, urls

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("low", "high", "text"), [(30, 50, "30–50%"), (100, 100, "100%"),
                                                   (0, 5, "0–5%")])
def test_percent_range(low: int, high: int, text: str) -> None:
    assert percent_range(m.PercentRange(min=low, max=high)) == text


@pytest.mark.parametrize(("value", "unit", "text"), [(95, "%", "95%"), (2, "s", "2 s"),
                                                     (0.5, "hours", "0.5 hours"), (3, "", "3")])
def test_quantity_spaces_every_unit_but_percent(value: float, unit: str, text: str) -> None:
    assert quantity(value, unit) == text


def test_metric_text() -> None:
    metric = m.EvalMetric(name="Latency", comparator="<=", value=2, unit="s")
    assert metric_text(metric) == "Latency <= 2 s"


def _held(**fields: object) -> m.PodRole:
    return m.PodRole.model_validate({"role": "change-lead", "holder": "Lead", "allocation": 50,
                                     **fields})


def test_supplement_text() -> None:
    assert diagnosis.supplement_text(None) is None
    assert diagnosis.supplement_text(_held()) is None
    assert diagnosis.supplement_text(_held(supplement="an agency")) == "supplemented by an agency"
    assert diagnosis.supplement_text(
        _held(supplement="an agency", supplement_monthly_cost=3000)) == (
        "supplemented by an agency at $3,000 a month")


def test_every_data_kind_has_files_in_the_real_data() -> None:
    for kind in data_files.KINDS:
        assert list((REPO / "data").glob(kind.glob)), f"no data/{kind.glob}"


def test_loader_reads_by_the_table_of_kinds() -> None:
    assert [(k.name, k.glob, k.model) for k in data_files.KINDS] == list(LAYOUT)


def test_record_files_are_where_the_loader_looks() -> None:
    assert (REPO / urls.role_data(m.DOMAIN_OWNER)).is_file()
    with pytest.raises(ValueError, match="one file per record"):
        data_files.kind("sources").path("x")
