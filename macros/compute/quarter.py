"""A pod's first quarter as dated events: cycle weeks, briefings and the production checkpoint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from macros.model import calendar
from macros.model import data as m
from macros.model.playbook import Playbook

PRODID = "-//AI Pod Playbook//Pod quarter calendar//EN"
UID_DOMAIN = "ai-pod-playbook"
PRODUCTION_CHECK = "nothing-in-production"
# The briefing falls on the fifth day of the cycle's last week, counted from its first working
# day (a Friday with a Monday-to-Friday week), or on the working day before it.
BRIEFING_OFFSET_DAYS = 4
# SEQUENCE counts whole minutes from here to the calendar's last change, so it only ever grows.
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

EventKind = Literal["week", "briefing", "checkpoint"]


@dataclass(frozen=True)
class Event:
    """One all-day event in a pod's quarter; `key` is stable and unique within the pod."""

    key: str
    kind: EventKind
    date: dt.date
    title: str
    description: str
    quarter_week: int
    label: str = ""  # a short name for charts, e.g. 'Day 90' (held on the working day before)


@dataclass(frozen=True)
class CycleDates:
    """Where one of a pod's cycles falls: its weeks and its working days for review,
    deploy and briefing (each inside the week the check holds it to)."""

    number: int
    weeks: tuple[tuple[dt.date, dt.date], ...]  # first and last working day of each week
    review: dt.date  # the first working day of week 1
    deploy: dt.date  # the first working day of week 3, where the deploy window opens
    briefing: dt.date  # the working day on or before the last week's fifth day

    @property
    def start(self) -> dt.date:
        """The cycle's first working day."""
        return self.weeks[0][0]

    @property
    def end(self) -> dt.date:
        """The cycle's last working day."""
        return self.weeks[-1][1]


def cycle_dates(cycle: m.CycleFile, launch: dt.date, number: int) -> CycleDates:
    """The dates of cycle `number` of a pod launched on `launch`, honouring `working_days`.

    The one rule for a cycle's dates: each week runs from its first to its last working day
    (`calendar.working_week`, which the check uses too); the calendar, the pod page, the
    briefing, the flags, `playbook new cycle` and the bench all take them from here.
    """
    weeks = tuple(calendar.working_week(cycle, launch, number, w)
                  for w in range(1, cycle.length_weeks + 1))
    first, last = weeks[-1]
    fifth = min(first + dt.timedelta(days=BRIEFING_OFFSET_DAYS), last)
    return CycleDates(number, weeks, weeks[calendar.REVIEW_WEEK - 1][0],
                      weeks[calendar.DEPLOY_WEEK - 1][0],
                      calendar.working_days(cycle, first, fifth)[-1])


def _week_event(pb: Playbook, launch: dt.date, number: int) -> Event:
    length = pb.cycle.length_weeks
    cycle_no, week_no = divmod(number - 1, length)
    week = next((w for w in pb.cycle.weeks if w.number == week_no + 1), None)
    titles = [a.title for a in week.activities] if week else []
    name = week.title if week else f"Week {week_no + 1}"
    return Event(
        key=f"w{number:02d}", kind="week",
        date=working_week(pb, launch, cycle_no + 1, week_no + 1)[0],
        title=f"Quarter week {number} (cycle {cycle_no + 1}, week {week_no + 1}): {name}",
        description="; ".join(titles) or (week.goal if week else ""), quarter_week=number)


def _owner_name(pb: Playbook) -> str:
    role = next((r for r in pb.roles if r.id == m.DOMAIN_OWNER), None)
    return role.name if role else "Domain owner"


def working_day_on_or_before(pb: Playbook, day: dt.date) -> dt.date:
    """`day` if it is a working day (cycle.working_days), else the working day before it."""
    working = {m.WEEKDAYS.index(name) for name in pb.cycle.working_days}
    while day.weekday() not in working:
        day -= dt.timedelta(days=1)
    return day


def _briefings(pb: Playbook, launch: dt.date) -> list[Event]:
    length, weeks = pb.cycle.length_weeks, pb.cycle.quarter_weeks
    last = next((w for w in pb.cycle.weeks if w.number == length), None)
    about = last.goal if last else ""
    events = []
    for cycle_no in range(1, weeks // length + 1):
        number = cycle_no * length
        day = briefing_day(pb, launch, cycle_no)
        events.append(Event(key=f"c{cycle_no:02d}-briefing", kind="briefing", date=day,
                            title=f"{_owner_name(pb)} briefing, cycle {cycle_no}",
                            description=about, quarter_week=number))
    return events


def production_signal(pb: Playbook) -> m.Signal | None:
    """The first diagnostic signal that checks for nothing in production after N days."""
    for diagnostic in pb.diagnostics:
        for signal in diagnostic.signals:
            if signal.auto and signal.auto.check == PRODUCTION_CHECK and signal.auto.days:
                return signal
    return None


def _checkpoint(pb: Playbook, launch: dt.date) -> list[Event]:
    signal = production_signal(pb)
    if signal is None or signal.auto is None or signal.auto.days is None:
        return []
    days = signal.auto.days
    due = launch + dt.timedelta(days=days)
    held = working_day_on_or_before(pb, due)
    moved = "" if held == due else (
        f"Day {days} ({due:%A} {due.day} {due:%B %Y}) is not a working day, so the check is held on "
        f"the working day before it. ")
    return [Event(key=f"day-{days:03d}", kind="checkpoint", date=held,
                  title=f"Day {days}: something in production?",
                  description=f"{moved}{signal.question} {signal.action}",
                  quarter_week=(held - launch).days // 7 + 1, label=f"Day {days}")]


def quarter_events(pb: Playbook, pod: m.Pod) -> list[Event]:
    """The pod's quarter from launch as dated events, in date order (empty without a launch)."""
    launch = pod.launch_date
    if launch is None:
        return []
    events = [_week_event(pb, launch, n) for n in range(1, pb.cycle.quarter_weeks + 1)]
    events += _briefings(pb, launch) + _checkpoint(pb, launch)
    return sorted(events, key=lambda e: (e.date, e.key))


@dataclass(frozen=True)
class QuarterWeek:
    """One week of the quarter: its working days (from `week.date` to `end`), where it sits in
    the cycle, its milestones."""

    week: Event
    end: dt.date
    milestones: list[Event]
    cycle: int
    cycle_week: int
    plan: m.Week | None


def quarter_weeks(pb: Playbook, pod: m.Pod) -> list[QuarterWeek]:
    """One row per quarter week: its first to last working day (as `cycle_dates` gives them),
    cycle week and the milestones that fall in it (empty without a launch)."""
    events, launch, length = quarter_events(pb, pod), pod.launch_date, pb.cycle.length_weeks
    rows = []
    for week in (e for e in events if e.kind == "week"):
        assert launch is not None  # a pod without one has no events
        cycle_no, week_no = divmod(week.quarter_week - 1, length)
        end = cycle_dates(pb.cycle, launch, cycle_no + 1).weeks[week_no][1]
        marks = [e for e in events if e.kind != "week" and week.date <= e.date <= end]
        plan = next((w for w in pb.cycle.weeks if w.number == week_no + 1), None)
        rows.append(QuarterWeek(week, end, marks, cycle_no + 1, week_no + 1, plan))
    return rows


# ---------------------------------------------------------------- cycles on the calendar


def working_week(pb: Playbook, launch: dt.date, cycle_no: int,
                 week_no: int) -> tuple[dt.date, dt.date]:
    """First and last working day (cycle.working_days) of week `week_no` of cycle `cycle_no`.

    The week's dates wherever they are shown or checked: its "week starts" event falls on the
    first, so a pod launched on a Saturday starts its weeks on the Monday after (with a
    Monday-to-Friday week).
    """
    return calendar.working_week(pb.cycle, launch, cycle_no, week_no)


def cycle_span(pb: Playbook, launch: dt.date, cycle_no: int) -> tuple[dt.date, dt.date]:
    """First and last working day of cycle `cycle_no`."""
    dates = cycle_dates(pb.cycle, launch, cycle_no)
    return dates.start, dates.end


def cycle_quarter(pb: Playbook, cycle_no: int) -> int:
    """The quarter a cycle reports to: the one its last week (the briefing week) falls in."""
    last_week = cycle_no * pb.cycle.length_weeks
    return (last_week - 1) // pb.cycle.quarter_weeks + 1


def cycle_on(cycle: m.CycleFile, launch: dt.date, day: dt.date) -> int:
    """The number of the cycle running on `day` (0 before launch)."""
    if day < launch:
        return 0
    return (day - launch).days // (7 * cycle.length_weeks) + 1


def cycles_ended(cycle: m.CycleFile, launch: dt.date, day: dt.date) -> int:
    """How many cycles have ended before `day`: those whose last working day is before it."""
    running = cycle_on(cycle, launch, day)
    if running == 0:
        return 0
    return running if cycle_dates(cycle, launch, running).end < day else running - 1


def briefing_day(pb: Playbook, launch: dt.date, cycle_no: int) -> dt.date:
    """The day of a cycle's domain-owner briefing, as the quarter calendar places it."""
    return cycle_dates(pb.cycle, launch, cycle_no).briefing


def calendar_version(pod: m.Pod, changed: dt.datetime | None) -> tuple[dt.datetime, int]:
    """(LAST-MODIFIED, SEQUENCE) of a pod's calendar: from when its data last changed.

    `changed` is the last commit to any file the calendar is built from; without history (an
    archive, a new file) the latest date in the pod's own data stands in. The same data gives
    the same version; a later change gives a later time and a higher sequence.
    """
    if changed is None:
        dates = [d for d in (pod.launch_date, pod.first_production_date, pod.as_of) if d]
        dates += [r.date for r in pod.reviews] + [s.date for s in pod.sample_reviews]
        changed = dt.datetime.combine(max(dates), dt.time(), tzinfo=dt.UTC)
    changed = changed.astimezone(dt.UTC).replace(microsecond=0)
    return changed, max(0, int((changed - SEQUENCE_EPOCH).total_seconds()) // 60)
