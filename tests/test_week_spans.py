"""One pod, one set of week dates: every view of a weekend-launched pod shows the same spans.

The procurement pod really launched on Monday 2026-04-20. Moved to the Saturday or Sunday
before, with a Monday-to-Friday week, each of its weeks still runs from a Monday to a Friday:
week k of cycle n from 2026-04-20 + 7 × (4 (n − 1) + k − 1) days to the Friday after. Its
records (all on weekdays) stay in their weeks, so the data still passes the check. The views
are the pod page's Cycles section and flags, the briefing, the quarter table, the .ics file,
the `playbook new cycle` starter and the check's message.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import vobject

from macros.cli.main import main
from macros.cli.new_cycle import new_cycle
from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from macros.render import cycles as rc
from macros.render import quarter as rq
from tests.htmlparse import parse

DATA = Path(__file__).resolve().parent.parent / "data"
POD = "harbourline-procurement"
MONDAY = dt.date(2026, 4, 20)  # the real launch; week 1's first working day either way
TODAY = dt.date(2026, 12, 1)  # after the pod's as_of (2026-11-06), so as_of decides
Span = tuple[dt.date, dt.date]


def week(cycle: int, number: int) -> Span:
    """Week `number` of cycle `cycle`, Monday to Friday, worked out by hand."""
    monday = MONDAY + dt.timedelta(weeks=4 * (cycle - 1) + number - 1)
    return monday, monday + dt.timedelta(days=4)


def cycle_span(cycle: int) -> Span:
    """A cycle's first working day (week 1's Monday) to its last (week 4's Friday)."""
    return week(cycle, 1)[0], week(cycle, 4)[1]


def _launch_on(tmp_path: Path, offset: int) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    pod = data / "pods" / f"{POD}.yaml"
    text = pod.read_text(encoding="utf-8")
    old = f"launch_date: {MONDAY}"
    assert old in text
    pod.write_text(text.replace(old, f"launch_date: {MONDAY + dt.timedelta(days=offset)}"),
                   encoding="utf-8")
    return data


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _pod_page(pb: Playbook) -> list[tuple[str, object, object]]:
    root = parse(rc.pod_cycles(pb, POD, "../../", TODAY))
    latest = re.search(r"Latest recorded: cycle (\d+) ?, (\S+) to (\S+)\.", root.text)
    assert latest, root.text
    shown = [("pod page: latest cycle", (_d(latest[2]), _d(latest[3])), cycle_span(int(latest[1])))]
    for number in (4, 5, 6):
        row = root.find("tr", id_=f"cycle-{POD}-{number}")
        shown.append((f"pod page: cycle {number} starts", _d(row.find("time").attrs["datetime"]),
                      cycle_span(number)[0]))
    missed = root.find("li", cls="pod-flag", data_check="missed-cycle").text
    ended = re.search(r"cycle 7 ended on (\S+) with no record", missed)
    assert ended, missed
    shown.append(("pod page: missed-cycle flag", _d(ended[1]), cycle_span(7)[1]))
    return shown


def _briefing(pb: Playbook) -> list[tuple[str, object, object]]:
    root = parse(str(rc.briefing_body(pb, pb.pod(POD), "../../../", TODAY)))
    meta = re.search(r"Cycle (\d+) \((\S+) to (\S+)\)",
                     root.find("p", cls="pod-briefing__meta").text)
    assert meta
    return [("briefing", (_d(meta[2]), _d(meta[3])), cycle_span(int(meta[1])))]


def _quarter_table(pb: Playbook) -> list[tuple[str, object, object]]:
    root = parse(rq.pod_quarter(pb, POD, "../../"))
    shown = []
    for row in root.find_all("tr", cls="pod-quarter__week"):
        number = int(row.find("th").text)
        times = [_d(t.attrs["datetime"]) for t in row.find_all("time")[:2]]
        cycle, cycle_week = divmod(number - 1, 4)
        shown.append((f"quarter table: week {number}", tuple(times), week(cycle + 1, cycle_week + 1)))
    assert len(shown) == pb.cycle.quarter_weeks
    return shown


def _ics(pb: Playbook) -> list[tuple[str, object, object]]:
    events = vobject.readOne(rq.pod_ics(pb, pb.pod(POD)).decode("utf-8"), validate=True).vevent_list
    starts = sorted(e.dtstart.value for e in events if re.search(r"-w\d+@", e.uid.value))
    expected = [week(n // 4 + 1, n % 4 + 1)[0] for n in range(pb.cycle.quarter_weeks)]
    return [(".ics: week starts", starts, expected)]


def _starter(data: Path) -> list[tuple[str, object, object]]:
    text = new_cycle(POD, data, TODAY).read_text(encoding="utf-8")
    found = re.findall(r"# Week (\d) \((\S+) to (\S+)\)", text)
    assert len(found) == 4, text
    return [(f"new cycle 7: week {n}", (_d(a), _d(b)), week(7, int(n))) for n, a, b in found]


@pytest.mark.parametrize("offset", [-2, -1], ids=["saturday", "sunday"])
def test_every_view_shows_the_same_week_dates(tmp_path: Path, offset: int) -> None:
    data = _launch_on(tmp_path, offset)
    pb = load_playbook(data)
    assert pb.pod(POD).launch_date == MONDAY + dt.timedelta(days=offset)
    shown = _pod_page(pb) + _briefing(pb) + _quarter_table(pb) + _ics(pb) + _starter(data)
    wrong = [f"{view}: shows {got}, expected {want}" for view, got, want in shown if got != want]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("offset", [-2, -1], ids=["saturday", "sunday"])
def test_the_check_names_the_same_week(tmp_path: Path, offset: int,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = _launch_on(tmp_path, offset)
    # Cycle 6's release moved to the Saturday before its week 3: a day off after week 2.
    record = data / "pods" / POD / "cycle-06.yaml"
    text = record.read_text(encoding="utf-8")
    old = "  deploy:\n    date: 2026-09-22\n"
    assert old in text
    saturday = week(6, 3)[0] - dt.timedelta(days=2)
    record.write_text(text.replace(old, f"  deploy:\n    date: {saturday}\n"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "check", "--no-pages"]) == 1
    out = capsys.readouterr()
    first, last = week(6, 3)
    launch = MONDAY + dt.timedelta(days=offset)
    line = next(n for n, t in enumerate(record.read_text(encoding="utf-8").splitlines(), 1)
                if t == f"    date: {saturday}")
    assert (f"data/pods/{POD}/cycle-06.yaml:{line}: cycle.deploy.date: {saturday} is outside "
            f"week 3 of cycle 6 ({first} to {last} for this pod, launched {launch}); use a date "
            f"from {first} to {last}, or check the cycle number") in out.out + out.err
