"""A pod's quarter as a table on its page and as an `.ics` download for calendar apps."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as IcsEvent
from markupsafe import Markup

from macros.compute.quarter import (
    PRODID,
    UID_DOMAIN,
    Event,
    calendar_version,
    quarter_events,
    quarter_weeks,
)
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render import charts
from macros.render.environment import render


def _ics_event(pod: m.Pod, event: Event, stamp: dt.datetime, sequence: int) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"{pod.id}-{event.key}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    item.add("sequence", sequence)
    item.add("dtstart", event.date)
    item.add("dtend", event.date + dt.timedelta(days=1))
    item.add("summary", f"{pod.name}: {event.title}")
    if event.description:
        item.add("description", event.description)
    item.add("transp", "TRANSPARENT")
    return item


def pod_ics(pb: Playbook, pod: m.Pod, changed: dt.datetime | None = None) -> bytes:
    """The pod's quarter as an iCalendar file; identical bytes for the same data and `changed`.

    `changed` is when the files the calendar comes from last changed (see `calendar_version`):
    DTSTAMP, LAST-MODIFIED and SEQUENCE follow it, so a calendar app that imported an older copy
    replaces each event (same UID, higher SEQUENCE) when a date or text changes.
    """
    if pod.launch_date is None:
        raise ValueError(f"pod '{pod.id}' has no launch_date, so it has no quarter calendar")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{pod.name}: first quarter")
    # The version comes from the data's history, not the clock, so rebuilding changes nothing.
    stamp, sequence = calendar_version(pod, changed)
    for event in quarter_events(pb, pod):
        cal.add_component(_ics_event(pod, event, stamp, sequence))
    return bytes(cal.to_ical())


def pod_quarter(pb: Playbook, pod_id: str, root: str, today: dt.date | None = None) -> str:
    """The pod's 13-week quarter as a timeline and a dated table, with its calendar file."""
    pod = pb.pod(pod_id)
    chart = Markup(charts.quarter(pb, pod, today))  # rendered by the autoescaping env
    return render("calendar-quarter.html", pod=pod, rows=quarter_weeks(pb, pod),
                  cycle=pb.cycle, root=root, chart=chart)
