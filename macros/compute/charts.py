"""Chart geometry from pod data: payback, staffing against guidance and the quarter timeline."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from macros.compute import diagnosis
from macros.compute.economics import MINUTES_PER_HOUR, compute, exact
from macros.compute.quarter import quarter_events
from macros.compute.scales import Band, Linear, bands, linear, nice_ticks, tidy
from macros.model import data as m
from macros.model.playbook import Playbook

# Every chart draws in a 560-unit-wide viewBox: at a 390 px phone width the text stays legible.
WIDTH = 560
MONTHS_PER_STEP = 6
LONGEST_PAYBACK_SHOWN = 120


@dataclass(frozen=True)
class Tick:
    """One axis tick: where it sits in drawing units and its label."""

    pos: float
    label: str


@dataclass(frozen=True)
class Point:
    """A point in drawing units."""

    x: float
    y: float


@dataclass(frozen=True)
class Frame:
    """A chart's size and the plot area inside it, in drawing units."""

    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float


def short_money(value: float) -> str:
    """An axis label: $0, $50k, $1.2M."""
    if value >= 1_000_000:
        return f"${value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    if value >= 1_000:
        return f"${value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"${value:.0f}"


# ---------------------------------------------------------------- payback


@dataclass(frozen=True)
class PaybackRow:
    """Cumulative position at the end of one month after launch."""

    month: int
    recovered: Fraction
    net: Fraction


@dataclass(frozen=True)
class PaybackChart:
    """Cumulative recovered value against the pod's cost by month, with the break-even point."""

    frame: Frame
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    recovered: tuple[Point, ...]
    cost: Fraction
    cost_y: float
    monthly: Fraction
    months: int
    rows: tuple[PaybackRow, ...]
    break_even: Fraction | None
    break_even_month: int | None
    break_even_at: Point | None
    source_month: int | None
    source_at: Point | None
    actual: tuple[Point, ...] = ()
    actual_rows: tuple[tuple[dt.date, Fraction, Fraction], ...] = ()


DAYS_PER_MONTH = Fraction(365, 12)


def recorded_value(pb: Playbook, pod: m.Pod) -> tuple[tuple[dt.date, Fraction, Fraction], ...]:
    """(review date, months after launch, cumulative recovered value) for each cycle record that
    gives its volume and time saved, valued at the business case's hourly rate."""
    econ, launch = pod.economics, pod.launch_date
    if econ is None or launch is None:
        return ()
    out, total = [], Fraction(0)
    for record in pb.pod_cycles(pod.id):
        review = record.review
        if review.volume_handled is None or review.minutes_saved_per_unit is None:
            continue
        total += (exact(review.minutes_saved_per_unit) * review.volume_handled
                  / MINUTES_PER_HOUR * econ.hourly_rate)
        out.append((review.date, (review.date - launch).days / DAYS_PER_MONTH, total))
    return tuple(out)


def break_even(cost: Fraction, monthly: Fraction) -> Fraction | None:
    """Months until cumulative savings equal the cost (14.4 for $180,000 at $12,500), or None."""
    return cost / monthly if monthly > 0 else None


def payback_span(month: int | None) -> int:
    """Months the chart shows: whole half-years reaching at least six months past break-even."""
    if month is None:
        return 12
    span = MONTHS_PER_STEP * math.ceil((month + MONTHS_PER_STEP) / MONTHS_PER_STEP)
    return min(max(12, span), LONGEST_PAYBACK_SHOWN)


def payback_rows(cost: Fraction, monthly: Fraction, months: int) -> tuple[PaybackRow, ...]:
    """Month 1 to `months`: cumulative recovered value and net position (recovered − cost)."""
    return tuple(PaybackRow(n, monthly * n, monthly * n - cost) for n in range(1, months + 1))


def payback_chart(econ: m.Economics,
                  actuals: tuple[tuple[dt.date, Fraction, Fraction], ...] = ()) -> PaybackChart:
    """Lay out the payback chart for a pod's economics inputs and its recorded actuals."""
    result = compute(econ)
    cost, monthly = Fraction(econ.pod_cost), result.monthly_savings
    months = max([payback_span(result.payback_month)]
                 + [MONTHS_PER_STEP * math.ceil(a[1] / MONTHS_PER_STEP) for a in actuals])
    frame = Frame(WIDTH, 300, 64, 16, 540, 240)
    top = max([cost, monthly * months] + [a[2] for a in actuals])
    y_values = nice_ticks(0, top, 5)
    x = linear((0, months), (frame.left, frame.right))
    y = linear((0, y_values[-1]), (frame.bottom, frame.top))
    even = break_even(cost, monthly)
    shown = even is not None and even <= months
    said = econ.source_payback_month if econ.source_payback_month is not None else None
    return PaybackChart(
        frame=frame,
        x_ticks=tuple(Tick(x.at(n), str(n)) for n in range(0, months + 1, MONTHS_PER_STEP // 2)),
        y_ticks=tuple(Tick(y.at(v), short_money(v)) for v in y_values),
        recovered=(Point(x.at(0), y.at(0)), Point(x.at(months), y.at(monthly * months))),
        cost=cost, cost_y=y.at(cost), monthly=monthly, months=months,
        rows=payback_rows(cost, monthly, months), break_even=even,
        break_even_month=result.payback_month,
        break_even_at=Point(x.at(even), y.at(cost)) if shown and even is not None else None,
        source_month=said,
        source_at=(Point(x.at(said), y.at(monthly * said))
                   if said is not None and said <= months and said != result.payback_month
                   else None),
        actual=tuple(Point(x.at(mo), y.at(v)) for _, mo, v in actuals),
        actual_rows=tuple((d, mo, v) for d, mo, v in actuals))


# ---------------------------------------------------------------- staffing


@dataclass(frozen=True)
class Span:
    """A horizontal stretch in drawing units."""

    start: float
    size: float


@dataclass(frozen=True)
class StaffingRow:
    """One role: its recommended bands by phase, the pod's allocation bar and any deviations."""

    role: m.Role
    held: m.PodRole | None
    slot: Band
    first: Span
    steady: Span
    bar_w: float
    kinds: tuple[diagnosis.DeviationKind, ...]


@dataclass(frozen=True)
class StaffingChart:
    """Each role's allocation drawn over the bands its guidance recommends."""

    frame: Frame
    ticks: tuple[Tick, ...]
    rows: tuple[StaffingRow, ...]
    phase: str


STAFFING_ROW = 70
# A one-value band (100% for a full-time role) still shows as a thin mark.
THINNEST_BAND = 4


def band_span(x: Linear, r: m.PercentRange) -> Span:
    """Where a recommended range sits on the allocation axis, never thinner than a mark."""
    size = max(x.at(r.max) - x.at(r.min), THINNEST_BAND)
    return Span(tidy(min(x.at(r.min), x.r1 - size)), tidy(size))


def staffing_chart(pb: Playbook, pod: m.Pod, today: dt.date | None) -> StaffingChart:
    """Lay out the staffing chart: one row per playbook role, in role order."""
    roles = sorted(pb.roles, key=lambda r: r.order)
    frame = Frame(WIDTH, STAFFING_ROW * len(roles) + 28, 14, 4, 536, 4 + STAFFING_ROW * len(roles))
    x = linear((0, 100), (frame.left, frame.right))
    # Without a date the pod is taken at its launch, so in its first quarter.
    phase = diagnosis.phase_of(pb, pod, pod.as_of or today or pod.launch_date or dt.date.min)
    kinds: dict[str, list[diagnosis.DeviationKind]] = {}
    for found in diagnosis.composition(pb, pod):
        kinds.setdefault(found.role.id, []).append(found.kind)
    rows = []
    for role, slot in zip(roles, bands(len(roles), frame.top, frame.bottom, 0), strict=True):
        held = next((h for h in pod.roles if h.role == role.id), None)
        rows.append(StaffingRow(
            role=role, held=held, slot=slot, first=band_span(x, role.time.first_quarter),
            steady=band_span(x, role.time.steady_state),
            bar_w=0 if held is None else tidy(x.at(held.allocation) - frame.left),
            kinds=tuple(kinds.get(role.id, ()))))
    ticks = tuple(Tick(x.at(v), f"{v:g}%") for v in nice_ticks(0, 100, 4))
    return StaffingChart(frame, ticks, tuple(rows), phase)


# ---------------------------------------------------------------- quarter


@dataclass(frozen=True)
class WeekSlot:
    """One quarter week: its number, cycle and cycle week, and where it is drawn."""

    number: int
    cycle: int
    cycle_week: int
    start: float
    size: float
    date: dt.date


@dataclass(frozen=True)
class CycleSlot:
    """A whole cycle (or the quarter's leftover weeks) drawn as one labelled span."""

    label: str
    start: float
    size: float


@dataclass(frozen=True)
class Milestone:
    """A briefing or the production checkpoint, placed on its day."""

    kind: str
    x: float
    date: dt.date
    title: str
    label: str


@dataclass(frozen=True)
class QuarterChart:
    """The pod's quarter: weeks grouped into cycles, milestones and today's position."""

    frame: Frame
    weeks: tuple[WeekSlot, ...]
    cycles: tuple[CycleSlot, ...]
    milestones: tuple[Milestone, ...]
    today: dt.date | None
    today_day: int | None
    today_x: float | None
    launch: dt.date
    today_week: int | None = None  # the quarter week `today` falls in, by its working days


def _cycle_slots(weeks: list[WeekSlot], length: int) -> tuple[CycleSlot, ...]:
    """One span per whole cycle; weeks left over after the last whole cycle get none."""
    slots = []
    for cycle in sorted({w.cycle for w in weeks}):
        inside = [w for w in weeks if w.cycle == cycle]
        if len(inside) < length:
            continue
        label = f"Cycle {cycle}"
        end = inside[-1].start + inside[-1].size
        slots.append(CycleSlot(label, inside[0].start, tidy(end - inside[0].start)))
    return tuple(slots)


def quarter_chart(pb: Playbook, pod: m.Pod, today: dt.date | None) -> QuarterChart | None:
    """Lay out the quarter timeline, or None for a pod with no launch date."""
    launch = pod.launch_date
    if launch is None:
        return None
    events = quarter_events(pb, pod)
    frame = Frame(WIDTH, 176, 12, 8, 548, 150)
    days = 7 * pb.cycle.quarter_weeks
    x = linear((0, days), (frame.left, frame.right))
    weeks = [WeekSlot(e.quarter_week, (e.quarter_week - 1) // pb.cycle.length_weeks + 1,
                      (e.quarter_week - 1) % pb.cycle.length_weeks + 1,
                      x.at((e.quarter_week - 1) * 7),
                      tidy(x.at(7) - x.at(0)), e.date)
             for e in events if e.kind == "week"]
    marks = tuple(Milestone(e.kind, x.at((e.date - launch).days + 0.5), e.date, e.title,
                            "Briefing" if e.kind == "briefing"
                            else e.label or f"Day {(e.date - launch).days}")
                  for e in events if e.kind != "week")
    now = pod.as_of or today
    day = None if now is None else (now - launch).days
    where = x.at(day + 0.5) if day is not None and 0 <= day < days else None
    # A week holds the days from its first working day until the next week starts.
    week = None if where is None or now is None else max(
        (w.number for w in weeks if w.date <= now), default=1)
    return QuarterChart(frame, tuple(weeks), _cycle_slots(weeks, pb.cycle.length_weeks), marks,
                        now, day, where, launch, week)
