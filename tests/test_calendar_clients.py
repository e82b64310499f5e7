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


def test_every_event_falls_on_a_working_day(built_site: Path) -> None:
    working = set(PB.cycle.working_days)
    for path in _calendars(built_site):
        events = _events(path)
        assert [e for e in events if "briefing" in e.uid.value or "-day-" in e.uid.value]
        for event in events:  # week starts, briefings and the day-N checkpoint
            assert f"{event.dtstart.value:%A}".lower() in working, (path.name, event.summary.value)


def test_a_command_line_calendar_imports_every_event(built_site: Path, tmp_path: Path) -> None:
    import os
    import re
    import shutil
    import subprocess

    calcurse = shutil.which("calcurse")
    if calcurse is None:
        message = "calcurse is not installed; `make test` installs it (apt-get install calcurse)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    for path in _calendars(built_site):
        folder = tmp_path / path.stem
        folder.mkdir()
        run = subprocess.run([calcurse, "-D", str(folder), "-i", str(path)], capture_output=True,
                             text=True, check=False, timeout=60, stdin=subprocess.DEVNULL)
        assert run.returncode == 0, run.stderr
        report = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", run.stdout)
        assert report, run.stdout
        assert int(report.group(2)) == len(_events(path)), (path.name, run.stdout)
        assert int(report.group(4)) == 0, (path.name, run.stdout)


def test_each_calendar_dates_from_the_last_commit_to_its_data_or_code(built_site: Path) -> None:
    import subprocess

    from macros.model import urls

    data = ["data/cycle.yaml", "data/diagnostics", urls.role_data("domain-owner")]
    code = ["macros/model/calendar.py", "macros/compute/quarter.py", "macros/render/quarter.py"]
    for pod in (p for p in PB.pods if p.launch_date is not None):
        inputs = [urls.pod_data(pod.id), *data, *code]
        run = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", *inputs],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0 or not run.stdout.strip():
            pytest.skip("no git history")
        expected = dt.datetime.fromtimestamp(int(run.stdout), tz=dt.UTC)
        events = _events(built_site / urls.pod_calendar(pod.id))
        assert {e.last_modified.value for e in events} == {expected}, pod.id
