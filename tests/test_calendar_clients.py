"""The built `.ics` files as a strict parser other than the writer (vobject) reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import vobject

from macros.load.loader import load_playbook
from tests.conftest import ROOT

pytestmark = pytest.mark.build
PB = load_playbook(ROOT / "data")


def _calendars(site: Path) -> list[Path]:
    files = sorted((site / "downloads" / "pods").glob("*.ics"))
    assert len(files) == sum(1 for p in PB.pods if p.launch_date is not None)
    return files


def _events(path: Path) -> list[vobject.base.Component]:
    cal = vobject.readOne(path.read_text(encoding="utf-8"), validate=True)
    return list(cal.vevent_list)


def test_every_calendar_parses_strictly_with_what_updates_need(built_site: Path) -> None:
    for path in _calendars(built_site):
        events = _events(path)
        assert events, path
        for event in events:
            stamp = event.dtstamp.value
            assert stamp.tzinfo is not None
            assert event.last_modified.value == stamp
            assert int(event.sequence.value) > 0
            assert isinstance(event.dtstart.value, dt.date)
        assert len({e.uid.value for e in events}) == len(events)


def test_milestones_and_briefings_fall_on_working_days(built_site: Path) -> None:
    working = set(PB.cycle.working_days)
    for path in _calendars(built_site):
        marks = [e for e in _events(path) if "briefing" in e.uid.value or "-day-" in e.uid.value]
        assert marks
        for event in marks:
            assert f"{event.dtstart.value:%A}".lower() in working, (path.name, event.summary.value)
