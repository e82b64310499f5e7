"""Where a cycle's weeks fall for a pod: the one date rule loading and computing share."""

from __future__ import annotations

import datetime as dt

from macros.model import data as m

# The week of a cycle's review and of its deploy: the check holds their dates to these weeks.
REVIEW_WEEK, DEPLOY_WEEK = 1, 3


def week_span(cycle: m.CycleFile, launch: dt.date, cycle_no: int,
              week_no: int) -> tuple[dt.date, dt.date]:
    """First and last day of week `week_no` of cycle `cycle_no`, counted from `launch`.

    Cycles follow each other from launch, as the quarter calendar numbers its weeks.
    """
    start = launch + dt.timedelta(weeks=(cycle_no - 1) * cycle.length_weeks + week_no - 1)
    return start, start + dt.timedelta(days=6)
