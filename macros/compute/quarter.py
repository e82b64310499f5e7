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
# The briefing falls on the fifth day of the cycle's last week (a Friday for a Monday launch).
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


def _week_event(pb: Playbook, launch: dt.date, number: int) -> Event:
    length = pb.cycle.length_weeks
    cycle_no, week_no = divmod(number - 1, length)
    week = next((w for w in pb.cycle.weeks if w.number == week_no + 1), None)
    titles = [a.title for a in week.activities] if week else []
    name = week.title if week else f"Week {week_no + 1}"
    return Event(
        key=f"w{number:02d}", kind="week", date=launch + dt.timedelta(weeks=number - 1),
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
        day = working_day_on_or_before(
            pb, launch + dt.timedelta(weeks=number - 1, days=BRIEFING_OFFSET_DAYS))
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



# ---------------------------------------------------------------- cycles on the calendar


def week_span(pb: Playbook, launch: dt.date, cycle_no: int, week_no: int) -> tuple[dt.date, dt.date]:
    """First and last day of week `week_no` of cycle `cycle_no`, counted from `launch`."""
    return calendar.week_span(pb.cycle, launch, cycle_no, week_no)


def cycle_span(pb: Playbook, launch: dt.date, cycle_no: int) -> tuple[dt.date, dt.date]:
    """First and last day of cycle `cycle_no`."""
    return (week_span(pb, launch, cycle_no, 1)[0],
            week_span(pb, launch, cycle_no, pb.cycle.length_weeks)[1])


def cycle_quarter(pb: Playbook, cycle_no: int) -> int:
    """The quarter a cycle reports to: the one its last week (the briefing week) falls in."""
    last_week = cycle_no * pb.cycle.length_weeks
    return (last_week - 1) // pb.cycle.quarter_weeks + 1


def cycle_on(pb: Playbook, launch: dt.date, day: dt.date) -> int:
    """The number of the cycle running on `day` (0 before launch)."""
    if day < launch:
        return 0
    return (day - launch).days // (7 * pb.cycle.length_weeks) + 1


def briefing_day(pb: Playbook, launch: dt.date, cycle_no: int) -> dt.date:
    """The day of a cycle's domain-owner briefing, as the quarter calendar places it."""
    start = week_span(pb, launch, cycle_no, pb.cycle.length_weeks)[0]
    return working_day_on_or_before(pb, start + dt.timedelta(days=BRIEFING_OFFSET_DAYS))


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
