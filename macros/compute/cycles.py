"""A pod's cycle records, computed: flags, per-cycle metric series, quarter to date, actuals.

`metric_series(pb, pod)` is the one function to read for charts: one `Series` per metric, one
`Point` per recorded cycle (value None where the record does not give it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from typing import Literal

from macros.compute import economics, quarter
from macros.compute.figures import quantity
from macros.model import data as m
from macros.model.playbook import Playbook

DECISION_LOG = "decision-log"
DAYS_PER_YEAR = 365
COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
}
# Standard week-1 readings, and the record field each comes from.
STANDARD: tuple[tuple[str, str, str], ...] = (
    ("task_success_rate", "Task success rate", "%"),
    ("error_rate", "Error rate", "%"),
    ("adoption", "Adoption", "% of eligible users"),
)


@dataclass(frozen=True)
class Flag:
    """A flag raised on one cycle: the rule it breaks and what the record shows."""

    rule: m.FlagRule
    cycle: int
    detail: str


@dataclass(frozen=True)
class Point:
    """One cycle's value of a metric (None when the record does not give it)."""

    cycle: int
    date: dt.date
    value: float | None


@dataclass(frozen=True)
class Series:
    """One metric across a pod's recorded cycles, with its target where it has one."""

    key: str
    label: str
    unit: str
    points: tuple[Point, ...]
    target: float | None = None
    comparator: str | None = None
    baseline: float | None = None

    def latest(self) -> Point | None:
        """The most recent point with a value."""
        return next((p for p in reversed(self.points) if p.value is not None), None)

    def meets(self, value: float) -> bool | None:
        """Whether `value` meets the target, or else improves on the baseline (None: neither)."""
        against = self.target if self.target is not None else self.baseline
        if against is None or self.comparator is None:
            return None
        return COMPARE[self.comparator](value, against)

    def change(self, value: float) -> float | None:
        """The change of `value` against the baseline, in percent (None without one)."""
        if not self.baseline:
            return None
        return (value - self.baseline) / abs(self.baseline) * 100


@dataclass(frozen=True)
class DecisionRow:
    """One decision-log entry: the cycle, and one value per template column."""

    cycle: int
    date: dt.date
    rolled_back: bool
    values: tuple[str, ...]


@dataclass(frozen=True)
class Actuals:
    """Recovered value from the records against the business case."""

    cycles: int
    volume: int
    volume_unit: str
    recovered: Fraction
    pod_cost: int
    monthly_run_rate: Fraction
    payback_months: Fraction | None
    case_payback_months: Fraction | None


@dataclass(frozen=True)
class QuarterToDate:
    """The latest cycle's quarter: its records, metrics, targets, changes and flags."""

    quarter: int
    records: tuple[m.CycleRecord, ...]
    series: tuple[Series, ...]
    targets: tuple[m.Target, ...]
    decisions: tuple[DecisionRow, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Summary:
    """What the registry shows for a pod's latest cycle."""

    cycle: int
    kpi_change: float | None
    kpi_improved: bool | None
    adoption: float | None
    open_flags: int


MetricStatus = Literal["clear", "fired", "none"]


@dataclass(frozen=True)
class MetricRow:
    """One metric over a run of cycles: first and latest value, and the latest's verdict.

    `change` is the latest value against the baseline in percent; `status` is 'clear' when
    the latest value meets the target (or else improves on the baseline), 'fired' when it
    does not, 'none' when there is no value or nothing to compare it with.
    """

    series: Series
    first: Point | None
    latest: Point | None
    change: float | None
    status: MetricStatus


@dataclass(frozen=True)
class CycleRow:
    """One recorded cycle in the pod's table of cycles: the record, its dates, its flags."""

    record: m.CycleRecord
    span: tuple[dt.date, dt.date]  # the cycle's first and last working day
    flags: int


@dataclass(frozen=True)
class PodCycles:
    """A pod's Cycles section: the latest cycle against targets, open flags, every cycle."""

    latest: m.CycleRecord
    span: tuple[dt.date, dt.date]  # the latest cycle's first and last working day
    metrics: tuple[MetricRow, ...]
    flags: tuple[Flag, ...]
    rows: tuple[CycleRow, ...]  # newest first
    actuals: Actuals | None
    illustrative: bool


@dataclass(frozen=True)
class Briefing:
    """What the domain-owner briefing says about a pod's latest cycle and its quarter."""

    qtd: QuarterToDate
    latest: m.CycleRecord
    first: m.CycleRecord  # the quarter's first recorded cycle
    span: tuple[dt.date, dt.date]  # the latest cycle's first and last working day
    today: dt.date  # the day the pod is shown as of
    owner: m.PodRole | None  # who holds the domain-owner role
    due: dt.date  # the briefing day on the pod's calendar
    held: dt.date  # the recorded briefing day, else the day it is due
    metrics: tuple[MetricRow, ...]
    undocumented: tuple[m.CycleRecord, ...]  # released this quarter with no decision-log entry
    least_samples: float | None  # the fewest samples the rule accepts
    actuals: Actuals | None
    illustrative: bool


@dataclass(frozen=True)
class Illustration:
    """A pod whose recorded cycles illustrate the cycle page."""

    pod: m.Pod
    cycles: int
    open_flags: int


# ---------------------------------------------------------------- thresholds and targets


def flag_rule(pb: Playbook, check: str) -> m.FlagRule | None:
    """The flag rule for a check, when `cycle.yaml` defines it."""
    return next((f for f in pb.cycle.flags if f.check == check), None)


def threshold(pb: Playbook, rule: m.FlagRule) -> float | None:
    """The number a flag compares against: its own, or the value of the cycle rule it names."""
    if rule.threshold is not None:
        return rule.threshold
    found = [r.value for w in pb.cycle.weeks for a in w.activities for r in a.rules
             if r.id == rule.from_rule]
    return float(found[0]) if found else None


def eval_values(pod: m.Pod, record: m.CycleRecord) -> dict[str, float]:
    """The record's value of each of the pod's evaluation metrics it gives.

    A metric named like a standard reading ('Error rate') takes that reading.
    """
    review = record.review
    values = {r.metric: r.value for r in review.evaluation}
    standard = {label.casefold(): getattr(review, key) for key, label, _ in STANDARD}
    for metric in pod.evaluation_metrics:
        found = standard.get(metric.name.casefold())
        if metric.name not in values and found is not None:
            values[metric.name] = found
    return values


def kpi_change(kpi: m.KpiReading) -> float | None:
    """The KPI's change against its baseline, in percent (None for a zero baseline)."""
    if kpi.baseline == 0:
        return None
    return (kpi.value - kpi.baseline) / abs(kpi.baseline) * 100


def kpi_improved(kpi: m.KpiReading) -> bool:
    """Whether the KPI moved the right way from its baseline."""
    return kpi.value < kpi.baseline if kpi.lower_is_better else kpi.value > kpi.baseline


# ---------------------------------------------------------------- flags


def _few_samples(pod: m.Pod, record: m.CycleRecord, limit: float | None) -> str | None:
    count = record.review.samples_reviewed
    if limit is None or count >= limit:
        return None
    return "no production samples reviewed" if count == 0 else (
        f"{count} production samples reviewed, fewer than {limit:g}")


def _rose(before: float | None, after: float | None, limit: float | None,
          rolled_back: bool) -> float | None:
    if before is None or after is None or limit is None or rolled_back:
        return None
    rise = after - before
    return rise if rise > limit else None


def _error_rate_rose(pod: m.Pod, record: m.CycleRecord, limit: float | None) -> str | None:
    deploy = record.deploy
    if deploy is None or deploy.date is None:
        return None
    rise = _rose(deploy.error_rate_before, deploy.error_rate_72h, limit, deploy.rolled_back)
    if rise is None:
        return None
    return (f"error rate {deploy.error_rate_before:g}% before the {deploy.date} release, "
            f"{deploy.error_rate_72h:g}% in the first 72 hours (+{rise:.1f} points), not rolled back")


def _rejection_rose(pod: m.Pod, record: m.CycleRecord, limit: float | None) -> str | None:
    deploy = record.deploy
    if deploy is None or deploy.date is None:
        return None
    rise = _rose(deploy.rejection_rate_before, deploy.rejection_rate_72h, limit,
                 deploy.rolled_back)
    if rise is None:
        return None
    return (f"user rejections {deploy.rejection_rate_before:g}% before the {deploy.date} release, "
            f"{deploy.rejection_rate_72h:g}% in the first 72 hours (+{rise:.1f} points), "
            "not rolled back")


def _deploy_without_decision(pod: m.Pod, record: m.CycleRecord, limit: float | None) -> str | None:
    deploy = record.deploy
    if deploy is None or deploy.date is None or deploy.decision_log:
        return None
    return f"released on {deploy.date} with no decision-log entry"


def _metric_below_target(pod: m.Pod, record: m.CycleRecord, limit: float | None) -> str | None:
    values = eval_values(pod, record)
    missed = [f"{e.name} {quantity(values[e.name], e.unit)} "
              f"(target {e.comparator} {quantity(e.value, e.unit)})"
              for e in pod.evaluation_metrics
              if e.name in values and not COMPARE[e.comparator](values[e.name], e.value)]
    return "; ".join(missed) or None


def _low_adoption(pod: m.Pod, record: m.CycleRecord, limit: float | None) -> str | None:
    adoption = record.review.adoption
    if adoption is None or limit is None or adoption >= limit:
        return None
    return f"adoption {adoption:g}% of eligible users, below {limit:g}%"


RecordCheck = Callable[[m.Pod, m.CycleRecord, float | None], str | None]
RECORD_CHECKS: dict[str, RecordCheck] = {
    "few-samples": _few_samples,
    "error-rate-rose": _error_rate_rose,
    "rejection-rose": _rejection_rose,
    "deploy-without-decision": _deploy_without_decision,
    "metric-below-target": _metric_below_target,
    "low-adoption": _low_adoption,
}


def _no_candidate(pb: Playbook, pod: m.Pod, record: m.CycleRecord, today: dt.date) -> str | None:
    briefing = record.briefing
    if briefing is not None:
        return None if briefing.expansion_candidate else (
            f"briefing on {briefing.date} named no expansion candidate")
    assert pod.launch_date is not None  # the loader refuses records of pods without one
    end = quarter.cycle_span(pb, pod.launch_date, record.number)[1]
    return f"the cycle ended on {end} with no briefing recorded" if end < today else None


def record_flags(pb: Playbook, pod: m.Pod, record: m.CycleRecord, today: dt.date) -> list[Flag]:
    """Every flag one record raises as of `today`, in the order `cycle.yaml` lists them."""
    found = []
    for rule in pb.cycle.flags:
        if rule.check == "no-expansion-candidate":
            detail = _no_candidate(pb, pod, record, today)
        elif rule.check in RECORD_CHECKS:
            detail = RECORD_CHECKS[rule.check](pod, record, threshold(pb, rule))
        else:
            continue
        if detail is not None:
            found.append(Flag(rule, record.number, detail))
    return found


def missed_cycles(pb: Playbook, pod: m.Pod, today: dt.date) -> list[int]:
    """Cycles after the last record whose last working day is before `today`, with no record."""
    records = pb.pod_cycles(pod.id)
    if not records or pod.launch_date is None:
        return []
    ended = quarter.cycles_ended(pb.cycle, pod.launch_date, today)
    return list(range(records[-1].number + 1, ended + 1))


def _missed_flags(pb: Playbook, pod: m.Pod, today: dt.date) -> list[Flag]:
    rule = flag_rule(pb, "missed-cycle")
    if rule is None or pod.launch_date is None:
        return []
    return [Flag(rule, n, f"cycle {n} ended on "
                 f"{quarter.cycle_span(pb, pod.launch_date, n)[1]} with no record")
            for n in missed_cycles(pb, pod, today)]


def pod_flags(pb: Playbook, pod: m.Pod, today: dt.date) -> list[Flag]:
    """Every flag on every recorded cycle, then the missed cycles, oldest first."""
    today = pod.as_of or today
    found = [f for r in pb.pod_cycles(pod.id) for f in record_flags(pb, pod, r, today)]
    return found + _missed_flags(pb, pod, today)


def open_flags(pb: Playbook, pod: m.Pod, today: dt.date) -> list[Flag]:
    """The flags that stand now: the latest record's, and cycles missed since it."""
    records = pb.pod_cycles(pod.id)
    if not records:
        return []
    today = pod.as_of or today
    return record_flags(pb, pod, records[-1], today) + _missed_flags(pb, pod, today)


# ---------------------------------------------------------------- series


def _points(records: tuple[m.CycleRecord, ...],
            value: Callable[[m.CycleRecord], float | None]) -> tuple[Point, ...]:
    return tuple(Point(r.number, r.review.date, value(r)) for r in records)


def _reading(key: str, record: m.CycleRecord) -> float | None:
    value: float | None = getattr(record.review, key)
    return value


def _eval_value(pod: m.Pod, name: str, record: m.CycleRecord) -> float | None:
    return eval_values(pod, record).get(name)


def _standard_series(pb: Playbook, pod: m.Pod, records: tuple[m.CycleRecord, ...]) -> list[Series]:
    targets = {e.name.casefold(): e for e in pod.evaluation_metrics}
    adoption = flag_rule(pb, "low-adoption")
    out = []
    for key, label, unit in STANDARD:
        target = targets.get(label.casefold())
        points = _points(records, partial(_reading, key))
        if target is not None:
            out.append(Series(key, label, unit, points, target.value, target.comparator))
        elif key == "adoption" and adoption is not None:
            out.append(Series(key, label, unit, points, threshold(pb, adoption), ">="))
        else:
            out.append(Series(key, label, unit, points))
    return out


def _kpi_series(pod: m.Pod, records: tuple[m.CycleRecord, ...]) -> list[Series]:
    readings = [r.review.kpi for r in records if r.review.kpi is not None]
    if not readings:
        return []
    last = readings[-1]
    points = _points(records, lambda r: r.review.kpi.value if r.review.kpi else None)
    return [Series("kpi", pod.kpi or pod.business_metric, last.unit, points,
                   baseline=last.baseline, comparator="<" if last.lower_is_better else ">")]


def _eval_series(pod: m.Pod, records: tuple[m.CycleRecord, ...]) -> list[Series]:
    standard = {label.casefold() for _, label, _ in STANDARD}
    return [Series(f"eval:{e.name}", e.name, e.unit,
                   _points(records, partial(_eval_value, pod, e.name)),
                   e.value, e.comparator)
            for e in pod.evaluation_metrics if e.name.casefold() not in standard]


def _samples_series(pb: Playbook, records: tuple[m.CycleRecord, ...]) -> Series:
    rule = flag_rule(pb, "few-samples")
    least = threshold(pb, rule) if rule else None
    return Series("samples_reviewed", "Samples reviewed by the domain owner", "samples",
                  _points(records, lambda r: float(r.review.samples_reviewed)), least, ">=")


def metric_series(pb: Playbook, pod: m.Pod,
                  records: tuple[m.CycleRecord, ...] | None = None) -> list[Series]:
    """One series per metric over the pod's cycles (or `records`), oldest cycle first.

    Order: the business KPI, task success rate, error rate, adoption, the pod's other
    evaluation metrics, samples reviewed. Metrics no record gives are left out.
    """
    records = pb.pod_cycles(pod.id) if records is None else records
    if not records:
        return []
    found = _kpi_series(pod, records) + _standard_series(pb, pod, records)
    found += [*_eval_series(pod, records), _samples_series(pb, records)]
    return [s for s in found if any(p.value is not None for p in s.points)]


# ---------------------------------------------------------------- decision log


def decision_columns(pb: Playbook) -> tuple[str, ...]:
    """The decision-log template's column names (empty without the template)."""
    template = next((t for t in pb.templates if t.id == DECISION_LOG), None)
    return tuple(c.name for c in template.columns) if template else ()


def decision_rows(pb: Playbook, records: tuple[m.CycleRecord, ...]) -> list[DecisionRow]:
    """One row per recorded decision-log entry, in cycle order, one value per column.

    The 'Date' column, when an entry leaves it out, is the deploy date.
    """
    columns = decision_columns(pb)
    rows = []
    for record in records:
        deploy = record.deploy
        if deploy is None or deploy.date is None or not deploy.decision_log:
            continue
        given = {**{"date": deploy.date.isoformat()}, **deploy.decision_log}
        values = tuple(given.get(m.column_key(name), "") for name in columns)
        rows.append(DecisionRow(record.number, deploy.date, deploy.rolled_back, values))
    return rows


def undocumented(records: tuple[m.CycleRecord, ...]) -> list[m.CycleRecord]:
    """The records whose deploy has no decision-log entry."""
    return [r for r in records
            if r.deploy is not None and r.deploy.date is not None and not r.deploy.decision_log]


# ---------------------------------------------------------------- actuals


def actuals(pb: Playbook, pod: m.Pod) -> Actuals | None:
    """Recovered value from records with volume and time saved, against the business case."""
    econ = pod.economics
    counted = [r.review for r in pb.pod_cycles(pod.id)
               if r.review.volume_handled is not None and r.review.minutes_saved_per_unit is not None]
    if econ is None or not counted:
        return None
    hours = sum((economics.exact(r.minutes_saved_per_unit or 0) * (r.volume_handled or 0) / 60
                 for r in counted), Fraction(0))
    recovered = hours * econ.hourly_rate
    months = Fraction(len(counted) * pb.cycle.length_weeks * 7 * 12, DAYS_PER_YEAR)
    rate = recovered / months
    return Actuals(cycles=len(counted), volume=sum(r.volume_handled or 0 for r in counted),
                   volume_unit=econ.volume_unit, recovered=recovered, pod_cost=econ.pod_cost,
                   monthly_run_rate=rate,
                   payback_months=Fraction(econ.pod_cost) / rate if rate else None,
                   case_payback_months=economics.compute(econ).payback_months)


# ---------------------------------------------------------------- quarter and registry


def quarter_to_date(pb: Playbook, pod: m.Pod, today: dt.date) -> QuarterToDate | None:
    """The quarter of the pod's latest recorded cycle, up to that cycle."""
    records = pb.pod_cycles(pod.id)
    if not records:
        return None
    number = quarter.cycle_quarter(pb, records[-1].number)
    mine = tuple(r for r in records if quarter.cycle_quarter(pb, r.number) == number)
    flags = tuple(open_flags(pb, pod, today))
    return QuarterToDate(number, mine, tuple(metric_series(pb, pod, mine)),
                         tuple(t for t in pod.targets if t.quarter == number),
                         tuple(decision_rows(pb, mine)), flags)


def summary(pb: Playbook, pod: m.Pod, today: dt.date) -> Summary | None:
    """The latest cycle's KPI change, adoption and number of open flags (None without records)."""
    records = pb.pod_cycles(pod.id)
    if not records:
        return None
    kpi = records[-1].review.kpi
    return Summary(cycle=records[-1].number,
                   kpi_change=None if kpi is None else kpi_change(kpi),
                   kpi_improved=None if kpi is None else kpi_improved(kpi),
                   adoption=records[-1].review.adoption,
                   open_flags=len(open_flags(pb, pod, today)))


def first_production(pb: Playbook, pod: m.Pod) -> dt.date | None:
    """The pod's first production date: its own field, else its first recorded deploy."""
    if pod.first_production_date is not None:
        return pod.first_production_date
    deploys = [r.deploy.date for r in pb.pod_cycles(pod.id)
               if r.deploy is not None and r.deploy.date is not None]
    return min(deploys) if deploys else None


def sample_reviews(pb: Playbook, pod: m.Pod) -> list[m.SampleReview]:
    """Every sample review: the pod's list plus each record's (dated by its review day)."""
    found = list(pod.sample_reviews)
    for record in pb.pod_cycles(pod.id):
        review = record.review
        if review.samples_reviewed > 0:
            found.append(m.SampleReview(date=review.samples_reviewed_on or review.date,
                                        samples=review.samples_reviewed))
    return sorted(found, key=lambda r: r.date)


# ---------------------------------------------------------------- what the pages show


def metric_row(series: Series) -> MetricRow:
    """The series' first and latest value, the latest's change against baseline and verdict."""
    latest = series.latest()
    first = next((p for p in series.points if p.value is not None), None)
    value = latest.value if latest else None
    met = None if value is None else series.meets(value)
    status: MetricStatus = "none" if met is None else ("clear" if met else "fired")
    return MetricRow(series, first, latest, None if value is None else series.change(value), status)


def cycle_rows(pb: Playbook, pod: m.Pod, today: dt.date) -> tuple[CycleRow, ...]:
    """Every recorded cycle, newest first, with its dates and the number of flags it raised."""
    assert pod.launch_date is not None  # the loader refuses records of pods without one
    flagged: dict[int, int] = {}
    for flag in pod_flags(pb, pod, today):
        flagged[flag.cycle] = flagged.get(flag.cycle, 0) + 1
    return tuple(CycleRow(r, quarter.cycle_span(pb, pod.launch_date, r.number),
                          flagged.get(r.number, 0))
                 for r in reversed(pb.pod_cycles(pod.id)))


def pod_cycles(pb: Playbook, pod: m.Pod, today: dt.date) -> PodCycles | None:
    """The pod's Cycles section as of its `as_of` day (else `today`); None without records."""
    records = pb.pod_cycles(pod.id)
    if not records:
        return None
    assert pod.launch_date is not None
    today = pod.as_of or today
    latest = records[-1]
    return PodCycles(latest, quarter.cycle_span(pb, pod.launch_date, latest.number),
                     tuple(metric_row(s) for s in metric_series(pb, pod, (latest,))),
                     tuple(open_flags(pb, pod, today)), cycle_rows(pb, pod, today),
                     actuals(pb, pod), any(r.illustrative for r in records))


def briefing(pb: Playbook, pod: m.Pod, today: dt.date) -> Briefing | None:
    """The briefing of the pod's latest cycle as of its `as_of` day (else `today`)."""
    today = pod.as_of or today
    qtd = quarter_to_date(pb, pod, today)
    if qtd is None or pod.launch_date is None:
        return None
    latest = qtd.records[-1]
    due = quarter.briefing_day(pb, pod.launch_date, latest.number)
    rule = flag_rule(pb, "few-samples")
    return Briefing(
        qtd=qtd, latest=latest, first=qtd.records[0],
        span=quarter.cycle_span(pb, pod.launch_date, latest.number), today=today,
        owner=next((r for r in pod.roles if r.role == m.DOMAIN_OWNER), None), due=due,
        held=latest.briefing.date if latest.briefing else due,
        metrics=tuple(metric_row(s) for s in qtd.series),
        undocumented=tuple(undocumented(qtd.records)),
        least_samples=None if rule is None else threshold(pb, rule),
        actuals=actuals(pb, pod), illustrative=latest.illustrative)


def illustrations(pb: Playbook, today: dt.date) -> list[Illustration]:
    """The pods with illustrative cycle records, by name, with their open flags as of `today`."""
    found = []
    for pod in sorted(pb.pods, key=lambda p: p.name.casefold()):
        records = pb.pod_cycles(pod.id)
        if any(r.illustrative for r in records):
            found.append(Illustration(pod, len(records), len(open_flags(pb, pod, today))))
    return found
