"""Build every pod's `.ics` file on the machine's other core while MkDocs renders the pages."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from macros.model.playbook import Playbook
from macros.render.generate import pod_calendars

# Below this many pods a second process costs more than it saves.
PARALLEL_FROM = 100
_shared: dict[str, Any] = {}


class Pending:
    """Calendars being built; `result()` waits for them."""

    def __init__(self, futures: list[Future[dict[str, bytes]]], done: dict[str, bytes]) -> None:
        self._futures = futures
        self._done = done

    def result(self) -> dict[str, bytes]:
        """Every calendar, path → bytes."""
        for future in self._futures:
            self._done.update(future.result())
        self._futures = []
        return self._done


def start(pb: Playbook, changes: Mapping[str, dt.datetime]) -> Pending:
    """Start building the calendars: in a forked worker for big registries, else right here.

    `changes` maps data files to their last commit (`macros.load.history.last_changes`).
    """
    if len(pb.pods) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods() \
            or (os.cpu_count() or 1) < 2:
        return Pending([], pod_calendars(pb, changes))
    _shared["playbook"], _shared["changes"] = pb, changes  # inherited by the forked worker
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_build)
    pool.shutdown(wait=False)
    return Pending([future], {})


def _build() -> dict[str, bytes]:
    return pod_calendars(_shared["playbook"], _shared["changes"])
