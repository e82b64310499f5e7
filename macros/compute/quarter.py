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
DOMAIN_OWNER = "domain-owner"
# The briefing falls on the fifth day of the cycle's last week (a Friday for a Monday launch).
BRIEFING_OFFSET_DAYS = 4

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
    role = next((r for r in pb.roles if r.id == DOMAIN_OWNER), None)
    return role.name if role else "Domain owner"


def _briefings(pb: Playbook, launch: dt.date) -> list[Event]:
    length, weeks = pb.cycle.length_weeks, pb.cycle.quarter_weeks
    last = next((w for w in pb.cycle.weeks if w.number == length), None)
    about = last.goal if last else ""
    events = []
    for cycle_no in range(1, weeks // length + 1):
        number = cycle_no * length
        day = launch + dt.timedelta(weeks=number - 1, days=BRIEFING_OFFSET_DAYS)
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
    return [Event(key=f"day-{days:03d}", kind="checkpoint",
                  date=launch + dt.timedelta(days=days),
                  title=f"Day {days}: something in production?",
                  description=f"{signal.question} {signal.action}",
                  quarter_week=days // 7 + 1)]


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
    return start + dt.timedelta(days=BRIEFING_OFFSET_DAYS)
