"""Where a cycle's weeks fall for a pod: the one date rule loading and computing share."""

from __future__ import annotations

import datetime as dt

from macros.model import data as m

# The week of a cycle's review and of its deploy: the check holds their dates to these weeks.
REVIEW_WEEK, DEPLOY_WEEK = 1, 3


def week_span(cycle: m.CycleFile, launch: dt.date, cycle_no: int,
              week_no: int) -> tuple[dt.date, dt.date]:
    """First and last calendar day of week `week_no` of cycle `cycle_no`, counted from `launch`.

    Cycles follow each other from launch, as the quarter calendar numbers its weeks. These
    seven days only place the week; the dates shown and checked are `working_week`'s.
    """
    start = launch + dt.timedelta(weeks=(cycle_no - 1) * cycle.length_weeks + week_no - 1)
    return start, start + dt.timedelta(days=6)


def working_days(cycle: m.CycleFile, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from `first` to `last` (both included) that `cycle.working_days` lists."""
    working = {m.WEEKDAYS.index(name) for name in cycle.working_days}
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if d.weekday() in working]


def working_week(cycle: m.CycleFile, launch: dt.date, cycle_no: int,
                 week_no: int) -> tuple[dt.date, dt.date]:
    """First and last working day of week `week_no` of cycle `cycle_no`: the week's dates.

    Every view and the check show a week as these two days, so a pod launched on a Saturday
    has its weeks from Monday to Friday (with a Monday-to-Friday week). Every week has one:
    seven days hold every weekday and `working_days` is never empty.
    """
    days = working_days(cycle, *week_span(cycle, launch, cycle_no, week_no))
    return days[0], days[-1]


def week_holds(cycle: m.CycleFile, launch: dt.date, cycle_no: int,
               week_no: int) -> tuple[dt.date, dt.date]:
    """The days a record may date to week `week_no` of cycle `cycle_no`.

    From the week's first working day to the day before the next week's first working day: a
    day off after the week (a weekend release) still counts in it, as it does on the calendar,
    where a week lasts until the next one starts.
    """
    index = (cycle_no - 1) * cycle.length_weeks + week_no  # the next week, counted from launch
    following = working_week(cycle, launch, index // cycle.length_weeks + 1,
                             index % cycle.length_weeks + 1)
    return working_week(cycle, launch, cycle_no, week_no)[0], following[0] - dt.timedelta(days=1)
