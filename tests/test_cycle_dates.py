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


@pytest.mark.parametrize(("days", "launch", "number", "review", "deploy", "briefing"), [
    # Monday launch, cycle 2: weeks from 2 Feb; the fifth day of week 4 (from 23 Feb) is Friday 27.
    (MON_FRI, D(2026, 1, 5), 2, D(2026, 2, 2), D(2026, 2, 16), D(2026, 2, 27)),
    (MON_THU, D(2026, 1, 5), 2, D(2026, 2, 2), D(2026, 2, 16), D(2026, 2, 26)),  # Thursday
    # Wednesday launch: week 4 runs Wed 28 Jan to Tue 3 Feb; its fifth day is Sunday 1 Feb.
    (MON_FRI, D(2026, 1, 7), 1, D(2026, 1, 7), D(2026, 1, 21), D(2026, 1, 30)),  # Friday
    (MON_SAT, D(2026, 1, 7), 1, D(2026, 1, 7), D(2026, 1, 21), D(2026, 1, 31)),  # Saturday
    (MON_THU, D(2026, 1, 7), 1, D(2026, 1, 7), D(2026, 1, 21), D(2026, 1, 29)),  # Thursday
    # Sunday launch, Tuesday to Saturday: review and deploy on the weeks' first Tuesday.
    (TUE_SAT, D(2026, 1, 4), 1, D(2026, 1, 6), D(2026, 1, 20), D(2026, 1, 29)),
    # Weekends only: nothing from Monday 26 Jan to Friday 30, so the Saturday after.
    (("saturday", "sunday"), D(2026, 1, 5), 1, D(2026, 1, 10), D(2026, 1, 24), D(2026, 1, 31)),
])
def test_cycle_dates(real: Playbook, days: tuple[str, ...], launch: dt.date, number: int,
                     review: dt.date, deploy: dt.date, briefing: dt.date) -> None:
    found = quarter.cycle_dates(week(real, *days), launch, number)
    start = launch + dt.timedelta(weeks=4 * (number - 1))
    assert [w[0] for w in found.weeks] == [start + dt.timedelta(weeks=n) for n in range(4)]
    assert (found.start, found.end) == (start, start + dt.timedelta(days=27))
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
