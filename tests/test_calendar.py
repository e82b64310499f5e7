"""Quarter calendars: dated events from launch, the HTML table and a reproducible .ics file."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from macros.compute import quarter as cq
from macros.model.playbook import Playbook
from macros.render import quarter as calendar
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
    assert checkpoint.date == acme.launch_date + dt.timedelta(days=days)
    assert checkpoint.key == "day-090"


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


def test_ics_dtstamp_comes_from_the_launch_date() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    assert acme.launch_date is not None
    for event in Calendar.from_ical(calendar.pod_ics(pb, acme)).walk("VEVENT"):
        stamp = event.decoded("DTSTAMP")
        assert stamp == dt.datetime.combine(acme.launch_date, dt.time(), tzinfo=dt.UTC)


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
