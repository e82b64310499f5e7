"""What the cycle pages show, computed: metric rows, the table of cycles, the briefing facts.

Expected values are worked out by hand from the records in data/pods/harbourline-procurement/
(launched Monday 2026-04-20, as of 2026-11-06, four-week cycles, no evaluation metrics) and
the flag rules in data/cycle.yaml (at least 20 samples, any error-rate rise, a rejection rise
of more than 5 points, adoption of at least 60%).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from macros.compute import cycles
from macros.compute.cycles import Point, Series
from macros.load.loader import load_playbook
from macros.model.playbook import Playbook

DATA = Path(__file__).resolve().parent.parent / "data"
GHOST = "harbourline-procurement"
TODAY = dt.date(2026, 12, 1)  # after both pods' as_of days, so as_of decides
DAY = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def real() -> Playbook:
    return load_playbook(DATA)


def series(values: list[float | None], **kw: float | str | None) -> Series:
    points = tuple(Point(n, DAY, v) for n, v in enumerate(values, start=1))
    return Series("x", "X", "%", points, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- metric rows


def test_metric_row_takes_the_first_and_latest_values_given() -> None:
    row = cycles.metric_row(series([None, 80, None, 90, None], target=85, comparator=">=",
                                   baseline=75))
    assert (row.first, row.latest) == (Point(2, DAY, 80), Point(4, DAY, 90))
    assert row.change == pytest.approx(20.0)  # (90 − 75) / 75
    assert row.status == "clear"  # 90 ≥ 85


def test_metric_row_misses_the_target() -> None:
    row = cycles.metric_row(series([84], target=85, comparator=">=", baseline=75))
    assert row.status == "fired"
    assert row.change == pytest.approx(12.0)  # (84 − 75) / 75


def test_metric_row_without_target_compares_with_the_baseline() -> None:
    better = cycles.metric_row(series([40], comparator="<", baseline=50))
    assert (better.status, better.change) == ("clear", pytest.approx(-20.0))
    worse = cycles.metric_row(series([55], comparator="<", baseline=50))
    assert (worse.status, worse.change) == ("fired", pytest.approx(10.0))


def test_metric_row_with_nothing_to_compare() -> None:
    assert cycles.metric_row(series([71])).status == "none"
    empty = cycles.metric_row(series([None, None], target=1, comparator=">"))
    assert (empty.first, empty.latest, empty.change, empty.status) == (None, None, None, "none")
    assert cycles.metric_row(series([3], comparator=">", baseline=0)).change is None


# ---------------------------------------------------------------- the pod's Cycles section


def test_cycle_rows_newest_first_with_their_dates_and_flags(real: Playbook) -> None:
    pod = real.pod(GHOST)
    rows = cycles.cycle_rows(real, pod, TODAY)
    # Cycle n starts 28 (n − 1) days after the launch on Monday 2026-04-20 and ends on the
    # Friday 25 days later, its last working day.
    assert [(r.record.number, r.span) for r in rows] == [
        (6, (dt.date(2026, 9, 7), dt.date(2026, 10, 2))),
        (5, (dt.date(2026, 8, 10), dt.date(2026, 9, 4))),
        (4, (dt.date(2026, 7, 13), dt.date(2026, 8, 7))),
    ]
    # 6: 5 samples, error rate 10.5 → 12, adoption 18%, no candidate (rejections +2 stay quiet);
    # 5: no samples, errors 6.5 → 11, rejections 12 → 27, no decision log, no candidate;
    # 4: no samples, no candidate.
    assert [r.flags for r in rows] == [4, 5, 2]


def test_pod_cycles_latest_against_targets(real: Playbook) -> None:
    found = cycles.pod_cycles(real, real.pod(GHOST), TODAY)
    assert found is not None
    assert (found.latest.number, found.span) == (6, (dt.date(2026, 9, 7), dt.date(2026, 10, 2)))
    got = {r.series.key: (r.latest.value if r.latest else None, r.status) for r in found.metrics}
    assert got == {"kpi": (52, "fired"),  # 52 matched a day, not above the baseline of 60
                   "task_success_rate": (71, "none"), "error_rate": (10.5, "none"),  # no targets
                   "adoption": (18, "fired"),  # below 60%
                   "samples_reviewed": (5, "fired")}  # fewer than 20
    kpi = next(r for r in found.metrics if r.series.key == "kpi")
    assert kpi.change == pytest.approx(-40 / 3)  # (52 − 60) / 60
    # Open: cycle 6's four flags, and cycle 7 (2026-10-05 to 2026-10-30) passed unrecorded.
    assert [(f.rule.check, f.cycle) for f in found.flags] == [
        ("few-samples", 6), ("error-rate-rose", 6), ("low-adoption", 6),
        ("no-expansion-candidate", 6), ("missed-cycle", 7)]
    assert found.illustrative
    assert found.actuals is None  # no record gives volume and minutes saved


def test_pod_cycles_needs_records(real: Playbook) -> None:
    assert cycles.pod_cycles(real, real.pod("professional-services-revenue-cycle"), TODAY) is None


# ---------------------------------------------------------------- the briefing


def test_briefing_facts(real: Playbook) -> None:
    found = cycles.briefing(real, real.pod(GHOST), TODAY)
    assert found is not None
    # Cycles 4–6 end in quarter weeks 16, 20, 24: all in quarter 2 (weeks 14–26).
    assert found.qtd.quarter == 2
    assert (found.first.number, found.latest.number) == (4, 6)
    assert found.today == dt.date(2026, 11, 6)  # the pod's as_of
    assert found.due == dt.date(2026, 10, 2)  # Friday of cycle 6's week 4 (from 2026-09-28)
    assert found.held == dt.date(2026, 10, 1)  # the day recorded
    assert found.owner is not None
    assert found.owner.holder == "CFO"
    assert found.least_samples == 20
    assert [r.number for r in found.undocumented] == [5]
    samples = next(r for r in found.metrics if r.series.key == "samples_reviewed")
    assert (samples.first, samples.latest) == (Point(4, dt.date(2026, 7, 14), 0),
                                               Point(6, dt.date(2026, 9, 8), 5))


def test_briefing_is_due_when_not_held(real: Playbook) -> None:
    pod = real.pod(GHOST)
    last = real.pod_cycles(GHOST)[-1]
    bare = last.model_copy(update={"briefing": None})
    pb = dataclasses.replace(real, cycles=tuple(bare if r is last else r for r in real.cycles))
    found = cycles.briefing(pb, pod, TODAY)
    assert found is not None
    assert found.held == found.due == dt.date(2026, 10, 2)


def test_illustrations(real: Playbook) -> None:
    found = [(i.pod.id, i.cycles, i.open_flags) for i in cycles.illustrations(real, TODAY)]
    # By name: 'Customer service pod' before 'Procurement pod'; six records (4 to 9) and none
    # open for the healthy pod, three and five open (see above) for the ghost pod.
    assert found == [("harbourline-customer-service", 6, 0), (GHOST, 3, 5)]
