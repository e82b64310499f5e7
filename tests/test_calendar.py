"""Quarter calendars: dated events from launch, the HTML table and a reproducible .ics file."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import vobject
from icalendar import Calendar

from macros.compute import quarter as cq
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render import generate
from macros.render import quarter as calendar
from tests.conftest import ROOT
from tests.fixtures import mini_playbook
from tests.fixtures.pods_b import with_pod
from tests.htmlparse import parse


def pb_() -> Playbook:
    return mini_playbook()


def expected_count(pb: Playbook) -> int:
    """A week-start event per quarter week, a briefing per whole cycle, one day-N checkpoint."""
    cycle = pb.cycle
    return cycle.quarter_weeks + cycle.quarter_weeks // cycle.length_weeks + 1


def test_event_count() -> None:
    pb = pb_()
    events = cq.quarter_events(pb, pb.pod("acme"))
    # Fixture: 13 weeks in 4-week cycles → 13 week starts + 3 briefings + 1 checkpoint = 17.
    assert len(events) == expected_count(pb) == 17


def test_week_starts_are_weekly_from_launch() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    weeks = [e for e in cq.quarter_events(pb, acme) if e.kind == "week"]
    assert [e.date for e in weeks] == [acme.launch_date + dt.timedelta(days=7 * i)
                                       for i in range(pb.cycle.quarter_weeks)]
    # Quarter week 5 starts cycle 2 again at week 1: its activities are week 1's.
    week_one = [a.title for a in pb.cycle.weeks[0].activities]
    assert all(title in weeks[4].description for title in week_one)
    assert "cycle 2, week 1" in weeks[4].title


def test_briefings_fall_in_each_cycles_last_week() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    briefings = [e for e in cq.quarter_events(pb, acme) if e.kind == "briefing"]
    length = pb.cycle.length_weeks
    assert [e.quarter_week for e in briefings] == [length, 2 * length, 3 * length]
    for event in briefings:
        week_start = acme.launch_date + dt.timedelta(weeks=event.quarter_week - 1)
        assert week_start <= event.date < week_start + dt.timedelta(days=7)


def test_checkpoint_uses_the_signal_days() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    signal = cq.production_signal(pb)
    assert signal is not None
    assert signal.auto is not None
    days = signal.auto.days
    assert days == 90
    [checkpoint] = [e for e in cq.quarter_events(pb, acme) if e.kind == "checkpoint"]
    due = acme.launch_date + dt.timedelta(days=days)
    assert due.weekday() == 6  # Sunday: held on Friday, the working day before
    assert checkpoint.date == due - dt.timedelta(days=2)
    assert checkpoint.key == "day-090"
    assert checkpoint.title.startswith("Day 90:")
    assert "Sunday 6 April 2025) is not a working day" in checkpoint.description


def _with_working_days(pb: Playbook, *days: str) -> Playbook:
    return dataclasses.replace(pb, cycle=pb.cycle.model_copy(update={"working_days": days}))


@pytest.mark.parametrize("days", [
    ("monday", "tuesday", "wednesday", "thursday", "friday"),
    ("sunday", "monday", "tuesday", "wednesday", "thursday"),
    ("tuesday", "thursday"),
])
def test_briefings_and_checkpoints_fall_on_working_days(days: tuple[str, ...]) -> None:
    pb = _with_working_days(pb_(), *days)
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    for launch in (acme.launch_date + dt.timedelta(days=n) for n in range(7)):
        pod = acme.model_copy(update={"launch_date": launch})
        marks = [e for e in cq.quarter_events(pb, pod) if e.kind != "week"]
        assert len(marks) == expected_count(pb) - pb.cycle.quarter_weeks
        for event in marks:
            assert f"{event.date:%A}".lower() in days, (launch, event)


def _first_working_day(days: tuple[str, ...], start: dt.date) -> dt.date:
    """The first day from `start` whose weekday name is in `days` (within the week)."""
    return next(start + dt.timedelta(days=n) for n in range(7)
                if f"{start + dt.timedelta(days=n):%A}".lower() in days)


@pytest.mark.parametrize("days", [
    ("monday", "tuesday", "wednesday", "thursday", "friday"),
    ("sunday", "monday", "tuesday", "wednesday", "thursday"),
    ("tuesday", "thursday"),
])
def test_every_week_starts_on_its_first_working_day(days: tuple[str, ...]) -> None:
    pb = _with_working_days(pb_(), *days)
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    for launch in (acme.launch_date + dt.timedelta(days=n) for n in range(7)):
        pod = acme.model_copy(update={"launch_date": launch})
        weeks = [e for e in cq.quarter_events(pb, pod) if e.kind == "week"]
        assert len(weeks) == pb.cycle.quarter_weeks
        for event in weeks:
            start = launch + dt.timedelta(weeks=event.quarter_week - 1)
            assert event.date == _first_working_day(days, start), (launch, event.key)


@pytest.mark.parametrize("offset", [-2, -1])  # the fixture launches on a Monday
def test_a_weekend_launch_puts_every_calendar_event_on_a_working_day(offset: int) -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    launch = acme.launch_date + dt.timedelta(days=offset)
    assert f"{launch:%A}" == ("Saturday" if offset == -2 else "Sunday")
    pod = acme.model_copy(update={"launch_date": launch})
    data = calendar.pod_ics(pb, pod)
    assert data == calendar.pod_ics(pb, pod)  # the same data gives the same bytes
    events = list(vobject.readOne(data.decode("utf-8"), validate=True).vevent_list)
    assert len(events) == expected_count(pb)
    for event in events:
        assert f"{event.dtstart.value:%A}".lower() in pb.cycle.working_days, event.summary.value
    starts = sorted(e.dtstart.value for e in events if "-w" in e.uid.value)
    # Each week starts on the Monday after the weekend launch, a week apart.
    assert starts == [acme.launch_date + dt.timedelta(weeks=n)
                      for n in range(pb.cycle.quarter_weeks)]


def test_the_quarter_table_shows_working_days_only_for_a_weekend_launch() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    saturday = acme.launch_date - dt.timedelta(days=2)
    pod = acme.model_copy(update={"launch_date": saturday})
    root = parse(calendar.pod_quarter(with_pod(pb, pod), "acme", "../../"))
    times = root.find("div", cls="pod-quarter__weeks").find_all("time")
    assert len(times) >= 2 * pb.cycle.quarter_weeks
    for time in times:
        day = dt.date.fromisoformat(time.attrs["datetime"])
        assert f"{day:%A}".lower() in pb.cycle.working_days, time.attrs["datetime"]
    first = root.find("tr", cls="pod-quarter__week").find_all("time")
    # Week 1 runs Saturday to Friday; its working days are Monday to Friday.
    assert [t.attrs["datetime"] for t in first[:2]] == [
        (saturday + dt.timedelta(days=2)).isoformat(), (saturday + dt.timedelta(days=6)).isoformat()]


def test_a_sunday_to_thursday_week_keeps_a_sunday_checkpoint() -> None:
    pb = _with_working_days(pb_(), "sunday", "monday", "tuesday", "wednesday", "thursday")
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    [checkpoint] = [e for e in cq.quarter_events(pb, acme) if e.kind == "checkpoint"]
    assert checkpoint.date == acme.launch_date + dt.timedelta(days=90)
    assert "not a working day" not in checkpoint.description


def test_no_launch_date_means_no_events() -> None:
    pb = pb_()
    pod = pb.pod("beta").model_copy(update={"launch_date": None})
    assert cq.quarter_events(pb, pod) == []
    with pytest.raises(ValueError, match="launch_date"):
        calendar.pod_ics(pb, pod)
    html = calendar.pod_quarter(with_pod(pb, pod), "beta", "")
    assert "pod-quarter__none" in html
    assert ".ics" not in html


def test_ics_parses_and_holds_every_event() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    cal = Calendar.from_ical(calendar.pod_ics(pb, acme))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//")
    events = list(cal.walk("VEVENT"))
    assert len(events) == expected_count(pb)
    for event in events:
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        assert type(start) is dt.date  # all-day: a DATE, not a DATE-TIME
        assert end == start + dt.timedelta(days=1)
        assert event.get("SUMMARY")


def test_ics_uids_are_unique_and_stable() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    first = calendar.pod_ics(pb, acme)
    second = calendar.pod_ics(pb, acme)
    assert first == second
    uids = [str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert "acme-w03@ai-pod-playbook" in uids
    assert all(uid.startswith("acme-") for uid in uids)


def test_ics_version_without_history_comes_from_the_pods_latest_date() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    dates = [d for d in (acme.launch_date, acme.first_production_date, acme.as_of) if d]
    latest = max([*dates, *(r.date for r in acme.reviews), *(r.date for r in acme.sample_reviews)])
    for event in Calendar.from_ical(calendar.pod_ics(pb, acme)).walk("VEVENT"):
        stamp = event.decoded("DTSTAMP")
        assert stamp == dt.datetime.combine(latest, dt.time(), tzinfo=dt.UTC)
        assert event.decoded("LAST-MODIFIED") == stamp
        assert int(event["SEQUENCE"]) == (stamp - cq.SEQUENCE_EPOCH) // dt.timedelta(minutes=1)


def _sequences(data: bytes) -> set[int]:
    return {int(e["SEQUENCE"]) for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_later_change_raises_every_sequence_and_the_same_change_gives_the_same_bytes() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    before = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    after = before + dt.timedelta(minutes=1)
    first, again = calendar.pod_ics(pb, acme, before), calendar.pod_ics(pb, acme, before)
    assert first == again
    later = calendar.pod_ics(pb, acme, after)
    assert min(_sequences(later)) > max(_sequences(first))
    for event in Calendar.from_ical(later).walk("VEVENT"):
        assert event.decoded("LAST-MODIFIED") == after
        assert event.decoded("DTSTAMP") == after


def test_calendar_version_uses_the_latest_input_file() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    old, new = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    changes = {"data/pods/acme.yaml": old, "data/diagnostics/ghost-pod.yaml": new,
               "data/pods/beta.yaml": new + dt.timedelta(days=9),
               "docs/index.md": new + dt.timedelta(days=30)}
    data = generate.pod_calendars(pb, changes)[urls.pod_calendar("acme")]
    stamps = {e.decoded("LAST-MODIFIED") for e in Calendar.from_ical(data).walk("VEVENT")}
    assert stamps == {new}


def test_ics_lines_are_crlf_and_folded() -> None:
    data = calendar.pod_ics(pb_(), pb_().pod("acme"))
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_pod_quarter_table() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    root = parse(calendar.pod_quarter(pb, "acme", "../../"))
    rows = root.find("div", cls="pod-quarter__weeks").find("table").find("tbody").find_all("tr")
    assert len(rows) == pb.cycle.quarter_weeks
    first = rows[0].find("time")
    assert first.attrs["datetime"] == acme.launch_date.isoformat()
    milestones = root.find_all("span", cls="pod-quarter__milestone")
    assert len(milestones) == expected_count(pb) - pb.cycle.quarter_weeks
    link = root.find("p", cls="pod-quarter__download").find("a")
    assert link.attrs["href"] == "../../downloads/pods/acme.ics"


def test_a_change_to_the_calendar_code_raises_the_version() -> None:
    # A code change can move an event (a3293e1 moved week starts) without touching the data.
    pb = pb_()
    data_day, code_day = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for code in generate.CALENDAR_CODE:
        assert (ROOT / code).is_file(), f"{code} moved: update generate.CALENDAR_CODE"
        changes = {"data/pods/acme.yaml": data_day, code: code_day}
        data = generate.pod_calendars(pb, changes)[urls.pod_calendar("acme")]
        stamps = {e.decoded("LAST-MODIFIED") for e in Calendar.from_ical(data).walk("VEVENT")}
        assert stamps == {code_day}, code
