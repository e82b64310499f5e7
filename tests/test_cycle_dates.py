"""A cycle's dates honour the working week, and `new cycle`, the calendar and the check agree.

Dates are worked out by hand on a 2026 calendar (2026-01-05 is a Monday).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from macros.cli.main import main
from macros.cli.new_cycle import new_cycle
from macros.compute import quarter
from macros.load.loader import load_playbook
from macros.model import calendar
from macros.model import data as m
from macros.model.playbook import Playbook

DATA = Path(__file__).resolve().parent.parent / "data"
D = dt.date
MON_FRI = ("monday", "tuesday", "wednesday", "thursday", "friday")
MON_THU = ("monday", "tuesday", "wednesday", "thursday")
MON_SAT = (*MON_FRI, "saturday")
TUE_SAT = ("tuesday", "wednesday", "thursday", "friday", "saturday")


@pytest.fixture(scope="module")
def real() -> Playbook:
    return load_playbook(DATA)


def week(real: Playbook, *days: str) -> m.CycleFile:
    return real.cycle.model_copy(update={"working_days": days})


@pytest.mark.parametrize(("days", "launch", "number", "weeks", "review", "deploy", "briefing"), [
    # Monday launch, cycle 2: weeks from Monday 2 Feb to Friday 27 Feb; the fifth day of week 4
    # (from 23 Feb) is Friday 27.
    (MON_FRI, D(2026, 1, 5), 2, (D(2026, 2, 2), D(2026, 2, 27)),
     D(2026, 2, 2), D(2026, 2, 16), D(2026, 2, 27)),
    (MON_THU, D(2026, 1, 5), 2, (D(2026, 2, 2), D(2026, 2, 26)),  # to Thursday 26
     D(2026, 2, 2), D(2026, 2, 16), D(2026, 2, 26)),
    # Wednesday launch: each week runs Wednesday to Tuesday (its weekend inside); week 4 runs
    # Wed 28 Jan to Tue 3 Feb, its fifth day Sunday 1 Feb.
    (MON_FRI, D(2026, 1, 7), 1, (D(2026, 1, 7), D(2026, 2, 3)),
     D(2026, 1, 7), D(2026, 1, 21), D(2026, 1, 30)),  # Friday
    (MON_SAT, D(2026, 1, 7), 1, (D(2026, 1, 7), D(2026, 2, 3)),
     D(2026, 1, 7), D(2026, 1, 21), D(2026, 1, 31)),  # Saturday
    (MON_THU, D(2026, 1, 7), 1, (D(2026, 1, 7), D(2026, 2, 3)),
     D(2026, 1, 7), D(2026, 1, 21), D(2026, 1, 29)),  # Thursday
    # Sunday launch, Tuesday to Saturday: each week from its Tuesday to its Saturday; week 4's
    # fifth day from Tuesday 27 Jan is Saturday 31.
    (TUE_SAT, D(2026, 1, 4), 1, (D(2026, 1, 6), D(2026, 1, 31)),
     D(2026, 1, 6), D(2026, 1, 20), D(2026, 1, 31)),
    # Saturday and Sunday launches, Monday to Friday: each week from the Monday after to its
    # Friday, the briefing on week 4's Friday as for a Monday launch.
    (MON_FRI, D(2026, 1, 3), 1, (D(2026, 1, 5), D(2026, 1, 30)),
     D(2026, 1, 5), D(2026, 1, 19), D(2026, 1, 30)),
    (MON_FRI, D(2026, 1, 4), 1, (D(2026, 1, 5), D(2026, 1, 30)),
     D(2026, 1, 5), D(2026, 1, 19), D(2026, 1, 30)),
    # Weekends only: each week is its Saturday and Sunday; week 4 (Saturday 31 Jan, Sunday
    # 1 Feb) has no fifth day, so the briefing is its last working day.
    (("saturday", "sunday"), D(2026, 1, 5), 1, (D(2026, 1, 10), D(2026, 2, 1)),
     D(2026, 1, 10), D(2026, 1, 24), D(2026, 2, 1)),
])
def test_cycle_dates(real: Playbook, days: tuple[str, ...], launch: dt.date, number: int,
                     weeks: tuple[dt.date, dt.date], review: dt.date, deploy: dt.date,
                     briefing: dt.date) -> None:
    found = quarter.cycle_dates(week(real, *days), launch, number)
    first, end = weeks
    # Each week runs from its first to its last working day, a week after the one before.
    assert found.weeks == tuple((first + dt.timedelta(weeks=n), end - dt.timedelta(weeks=3 - n))
                                for n in range(4))
    assert (found.start, found.end) == weeks
    assert (found.review, found.deploy, found.briefing) == (review, deploy, briefing)


@pytest.mark.parametrize("days", [MON_THU, MON_SAT, TUE_SAT])
def test_the_calendar_places_briefings_by_the_same_rule(real: Playbook, days: tuple[str, ...]) -> None:
    pb = dataclasses.replace(real, cycle=week(real, *days))
    pod = real.pod("professional-services-revenue-cycle").model_copy(
        update={"launch_date": D(2026, 1, 7)})
    briefings = [e.date for e in quarter.quarter_events(pb, pod) if e.kind == "briefing"]
    assert briefings == [quarter.cycle_dates(pb.cycle, D(2026, 1, 7), n).briefing for n in (1, 2, 3)]
    last = {MON_THU: "Thursday", MON_SAT: "Saturday", TUE_SAT: "Saturday"}[days]
    assert {f"{d:%A}" for d in briefings} == {last}


# ---------------------------------------------------------------- `playbook new cycle` and the check


def _data(tmp_path: Path, days: tuple[str, ...]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cycle = data / "cycle.yaml"
    text = cycle.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^working_days: \[.*\]$", f"working_days: [{', '.join(days)}]", text)
    cycle.write_text(text, encoding="utf-8")
    # The pod launched on a Wednesday instead, and is shown as of the last day of cycle 4.
    pod = data / "pods" / "professional-services-revenue-cycle.yaml"
    text = pod.read_text(encoding="utf-8")
    for old, new in (("launch_date: 2026-01-05", "launch_date: 2026-01-07"),
                     ("as_of: 2026-04-14", "as_of: 2026-04-28")):
        assert old in text
        text = text.replace(old, new)
    pod.write_text(text, encoding="utf-8")
    return data


def _uncomment(path: Path) -> dict[str, str]:
    """Take the starter's deploy and briefing dates in, as an editor would; return them."""
    text = path.read_text(encoding="utf-8")
    found = {}
    for part in ("deploy", "briefing"):
        hit = re.search(rf"(?m)^  # {part}:\n  #   date: (\S+)", text)
        assert hit, part
        found[part] = hit.group(1)
        text = text.replace(hit.group(0), f"  {part}:\n    date: {hit.group(1)}")
    path.write_text(text, encoding="utf-8")
    return found


@pytest.mark.parametrize(("days", "review", "deploy", "briefing"), [
    # Cycle 4 of a pod launched Wednesday 7 Jan runs from Wednesday 1 April to Tuesday 28 April;
    # week 3 opens Wednesday 15 April; week 4 runs 22 to 28 April, its fifth day Sunday 26.
    (MON_THU, "2026-04-01", "2026-04-15", "2026-04-23"),
    (MON_SAT, "2026-04-01", "2026-04-15", "2026-04-25"),
])
def test_new_cycle_follows_the_working_week(tmp_path: Path, days: tuple[str, ...], review: str,
                                            deploy: str, briefing: str) -> None:
    data = _data(tmp_path, days)
    path = new_cycle("professional-services-revenue-cycle", data, D(2026, 12, 1))
    assert path.name == "cycle-04.yaml"
    assert f"    date: {review}  # the day of the review" in path.read_text(encoding="utf-8")
    assert _uncomment(path) == {"deploy": deploy, "briefing": briefing}
    pb = load_playbook(data)  # raises if the filled-in record does not pass the check
    record = pb.pod_cycles("professional-services-revenue-cycle")[-1]
    launch = pb.pod("professional-services-revenue-cycle").launch_date
    assert launch is not None
    assert record.briefing is not None
    assert record.briefing.date == quarter.briefing_day(pb, launch, 4)
    assert main(["--root", str(data.parent), "check", "--no-pages"]) == 0


# ---------------------------------------------------------------- a week's dates, wherever shown


@pytest.mark.parametrize(("launch", "week_1", "holds_1", "week_4", "holds_4"), [
    # Monday launch: Monday to Friday; the weekend after still counts in the week.
    (D(2026, 1, 5), (D(2026, 1, 5), D(2026, 1, 9)), D(2026, 1, 11),
     (D(2026, 1, 26), D(2026, 1, 30)), D(2026, 2, 1)),
    # Wednesday launch: Wednesday to Tuesday, the weekend inside; the next week starts Wednesday.
    (D(2026, 1, 7), (D(2026, 1, 7), D(2026, 1, 13)), D(2026, 1, 13),
     (D(2026, 1, 28), D(2026, 2, 3)), D(2026, 2, 3)),
    # Saturday and Sunday launches: from the Monday after to its Friday, then the weekend.
    (D(2026, 1, 3), (D(2026, 1, 5), D(2026, 1, 9)), D(2026, 1, 11),
     (D(2026, 1, 26), D(2026, 1, 30)), D(2026, 2, 1)),
    (D(2026, 1, 4), (D(2026, 1, 5), D(2026, 1, 9)), D(2026, 1, 11),
     (D(2026, 1, 26), D(2026, 1, 30)), D(2026, 2, 1)),
])
def test_a_week_is_its_working_days(real: Playbook, launch: dt.date, week_1: tuple[dt.date, dt.date],
                                    holds_1: dt.date, week_4: tuple[dt.date, dt.date],
                                    holds_4: dt.date) -> None:
    cycle = week(real, *MON_FRI)
    assert calendar.working_week(cycle, launch, 1, 1) == week_1
    assert calendar.working_week(cycle, launch, 1, 4) == week_4
    # What a record may give: from the first working day until the next week starts.
    assert calendar.week_holds(cycle, launch, 1, 1) == (week_1[0], holds_1)
    assert calendar.week_holds(cycle, launch, 1, 4) == (week_4[0], holds_4)
    pb = dataclasses.replace(real, cycle=cycle)
    assert quarter.working_week(pb, launch, 1, 4) == week_4
    assert quarter.cycle_span(pb, launch, 1) == (week_1[0], week_4[1])


@pytest.mark.parametrize(("launch", "day", "ended"), [
    (D(2026, 1, 5), D(2026, 1, 1), 0),  # before launch
    (D(2026, 1, 5), D(2026, 1, 30), 0),  # cycle 1's last working day, a Friday
    (D(2026, 1, 5), D(2026, 1, 31), 1),  # the Saturday after it
    (D(2026, 1, 5), D(2026, 2, 2), 1),  # cycle 2's first day
    (D(2026, 1, 3), D(2026, 1, 30), 0),  # a Saturday launch: the same Friday
    (D(2026, 1, 3), D(2026, 1, 31), 1),  # ... and the Saturday after it, cycle 2's first day
    (D(2026, 1, 7), D(2026, 2, 3), 0),  # a Wednesday launch: cycle 1 ends on Tuesday 3 Feb
    (D(2026, 1, 7), D(2026, 2, 4), 1),
])
def test_a_cycle_has_ended_after_its_last_working_day(real: Playbook, launch: dt.date,
                                                     day: dt.date, ended: int) -> None:
    assert quarter.cycles_ended(week(real, *MON_FRI), launch, day) == ended


@pytest.mark.parametrize("offset", range(7))
def test_the_quarter_table_weeks_are_the_cycles_weeks(real: Playbook, offset: int) -> None:
    pb = dataclasses.replace(real, cycle=week(real, *MON_FRI))
    launch = D(2026, 1, 5) + dt.timedelta(days=offset)
    pod = real.pod("professional-services-revenue-cycle").model_copy(update={"launch_date": launch})
    rows = quarter.quarter_weeks(pb, pod)
    assert len(rows) == pb.cycle.quarter_weeks
    for row in rows:
        dates = quarter.cycle_dates(pb.cycle, launch, row.cycle)
        assert (row.week.date, row.end) == dates.weeks[row.cycle_week - 1]
        assert all(row.week.date <= e.date <= row.end for e in row.milestones)
    briefings = [e for row in rows for e in row.milestones if e.kind == "briefing"]
    assert [e.date for e in briefings] == [quarter.briefing_day(pb, launch, n) for n in (1, 2, 3)]
    if offset in (5, 6):  # a Saturday or Sunday launch: weeks from Monday 12 Jan
        assert (rows[0].week.date, rows[0].end) == (D(2026, 1, 12), D(2026, 1, 16))
