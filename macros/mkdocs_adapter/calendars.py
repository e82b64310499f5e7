"""Build every pod's `.ics` file on the machine's other core while MkDocs renders the pages.

The worker is a spawned process, not a fork: `mkdocs serve` runs threads, and forking a
process that has threads can deadlock the child (Python 3.12 warns about it). A spawned worker
shares nothing, so it reads the data folder itself; what it needs comes as its arguments.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from macros.render.generate import pod_calendars

# Below this many pods a second process costs more than it saves (it loads the data again).
PARALLEL_FROM = 200


class Calendars:
    """The calendars of one build: finished, or being built by a worker; `result()` waits."""

    def __init__(self, build: Callable[[], dict[str, bytes]],
                 future: Future[dict[str, bytes]] | None = None) -> None:
        self._build = build  # builds them here: no worker, or the worker could not start
        self._future = future
        self._done: dict[str, bytes] | None = None

    @classmethod
    def start(cls, pb: Playbook, data_dir: Path, changes: Mapping[str, dt.datetime]) -> Calendars:
        """Start building the calendars of `pb`, read from `data_dir`: in a spawned worker for
        big registries, else right here.

        `changes` maps data files to their last commit (`macros.load.history.last_changes`).
        """
        here = partial(pod_calendars, pb, changes)
        if len(pb.pods) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            return cls(here)
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        future = pool.submit(calendars_of, data_dir, dict(changes))
        pool.shutdown(wait=False)
        return cls(here, future)

    def result(self) -> dict[str, bytes]:
        """Every calendar, path → bytes."""
        if self._done is None:
            from_worker = self._from_worker() if self._future is not None else None
            self._done = from_worker if from_worker is not None else self._build()
        return self._done

    def _from_worker(self) -> dict[str, bytes] | None:
        """The worker's calendars; None when it died (e.g. a main module it cannot re-import)."""
        assert self._future is not None
        try:
            return self._future.result()
        except BrokenProcessPool:
            return None


def calendars_of(data_dir: Path, changes: Mapping[str, dt.datetime]) -> dict[str, bytes]:
    """The calendars of the playbook in `data_dir` (what the worker runs)."""
    return pod_calendars(load_playbook(data_dir), changes)
