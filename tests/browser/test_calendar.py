"""A pod page's calendar link downloads an iCalendar file with the pod's dated quarter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import pytest
from icalendar import Calendar
from playwright.sync_api import Page

from macros.model import data as m
from macros.model.playbook import Playbook

pytestmark = pytest.mark.browser


def checkpoint_days(pb: Playbook) -> int:
    """Days after launch by which something must be in production (the diagnostic's number)."""
    return next(s.auto.days for d in pb.diagnostics for s in d.signals
                if s.auto and s.auto.check == "nothing-in-production" and s.auto.days)


def download_calendar(page: Page, base_url: str, pod: m.Pod) -> tuple[str, bytes]:
    """Click the pod page's .ics link as a reader would; return the link and the file."""
    page.goto(urljoin(base_url, f"pods/{pod.id}/"))
    link = page.locator("article a[href$='.ics']")
    assert link.count() == 1, f"{page.url}: want one article a[href$='.ics'], found {link.count()}"
    href = link.evaluate("a => a.href")
    with page.expect_download() as download:
        link.click()
    return href, Path(download.value.path()).read_bytes()


def day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a DTSTART value."""
    return value.date() if isinstance(value, dt.datetime) else value


def expected_problems(pb: Playbook, pod: m.Pod, events: list[dict[str, object]]) -> list[str]:
    """What is missing or wrong, judged from the pod's launch date and the cycle data."""
    assert pod.launch_date is not None
    launch, cycle = pod.launch_date, pb.cycle
    problems = []
    for number in range(1, cycle.quarter_weeks + 1):
        start = launch + dt.timedelta(weeks=number - 1)
        while start.strftime("%A").lower() not in cycle.working_days:  # its first working day
            start += dt.timedelta(days=1)
        week = next(w for w in cycle.weeks if w.number == (number - 1) % cycle.length_weeks + 1)
        if not any(e["start"] == start and week.title in str(e["summary"]) for e in events):
            problems.append(f"no event on {start} for quarter week {number} ({week.title!r})")
    for cycle_no in range(1, cycle.quarter_weeks // cycle.length_weeks + 1):
        first = launch + dt.timedelta(weeks=cycle_no * cycle.length_weeks - 1)
        if not any(first <= e["start"] < first + dt.timedelta(days=7)  # type: ignore[operator]  # parsed .ics
                   and "briefing" in str(e["summary"]).lower() for e in events):
            problems.append(f"no domain-owner briefing in the week of {first} (cycle {cycle_no})")
    days = checkpoint_days(pb)
    due = launch + dt.timedelta(days=days)
    while due.strftime("%A").lower() not in pb.cycle.working_days:  # held on the working day before
        due -= dt.timedelta(days=1)
    if not any(e["start"] == due and str(days) in str(e["summary"]) for e in events):
        problems.append(f"no day-{days} production checkpoint on {due}")
    return problems


def test_pod_calendar_downloads_and_holds_the_quarter(
    page: Page, base_url: str, playbook: Playbook
) -> None:
    """Each launched pod's .ics parses and has every quarter week, briefing and the checkpoint."""
    launched = [pod for pod in playbook.pods if pod.launch_date is not None]
    assert launched, "no pod in data/pods has a launch_date"
    cycle = playbook.cycle
    want = cycle.quarter_weeks + cycle.quarter_weeks // cycle.length_weeks + 1
    failures = []
    for pod in launched:
        href, body = download_calendar(page, base_url, pod)
        calendar = Calendar.from_ical(body)
        events = [{"uid": str(e.get("uid", "")), "summary": str(e.get("summary", "")),
                   "start": day(e.decoded("dtstart"))} for e in calendar.walk("VEVENT")]
        problems = expected_problems(playbook, pod, events)
        uids = [e["uid"] for e in events]
        if "" in uids or len(set(uids)) != len(uids):
            problems.append(f"UIDs missing or repeated: {sorted(uids)}")
        if len(events) != want:
            problems.append(f"{len(events)} events, want {want} (weeks + briefings + checkpoint)")
        failures += [f"{href} (pod {pod.id}): {problem}" for problem in problems]
    assert not failures, "\n".join(failures)
