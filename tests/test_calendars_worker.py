"""The .ics worker: a spawned process (never a fork of the build) gives the same calendars."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from macros.load.history import last_changes
from macros.load.loader import load_playbook
from macros.mkdocs_adapter import calendars
from macros.render.generate import pod_calendars
from tests.conftest import ROOT


def test_the_spawned_worker_builds_the_same_calendars(monkeypatch: pytest.MonkeyPatch) -> None:
    pb = load_playbook(ROOT / "data")
    monkeypatch.setattr(calendars, "PARALLEL_FROM", 0)  # the worker even for three pods
    monkeypatch.setattr(calendars.os, "cpu_count", lambda: 2)
    pending = calendars.Calendars.start(pb, ROOT / "data", last_changes(ROOT, "data"))
    assert pending.result() == pod_calendars(pb, last_changes(ROOT, "data"))
    assert pending.result()  # asked twice, answered from what it kept


def test_small_registries_build_in_process() -> None:
    pb = load_playbook(ROOT / "data")
    assert calendars.Calendars.start(pb, ROOT / "data", last_changes(ROOT, "data")).result() == pod_calendars(
        pb, last_changes(ROOT, "data"))


def test_a_worker_that_died_is_replaced_by_building_here() -> None:
    dead: Future[dict[str, bytes]] = Future()
    dead.set_exception(BrokenProcessPool("the worker could not start"))
    pending = calendars.Calendars(lambda: {"downloads/pods/a.ics": b"BEGIN:VCALENDAR"}, dead)
    assert pending.result() == {"downloads/pods/a.ics": b"BEGIN:VCALENDAR"}
