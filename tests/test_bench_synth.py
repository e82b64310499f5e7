"""`make bench`'s synthetic cycle records take their dates from the working week, any launch day."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bench.synth import write_pods
from macros.compute import quarter
from macros.load.loader import load_playbook

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 12, 1)


def test_synthetic_records_pass_the_check_on_working_days(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ids = [p.stem for p in write_pods(data, 12, seed=11, today=TODAY)]
    pb = load_playbook(data, TODAY)  # raises if a record's date is outside its week
    launches = {pb.pod(i).launch_date for i in ids if pb.pod_cycles(i)}
    assert {f"{d:%A}" for d in launches if d} & {"Saturday", "Sunday"}, "no weekend launch tried"
    working = set(pb.cycle.working_days)
    for pod_id in ids:
        launch = pb.pod(pod_id).launch_date
        assert launch is not None
        records = pb.pod_cycles(pod_id)
        for r in records:
            days = [r.review.date, r.deploy.date if r.deploy else None,
                    r.briefing.date if r.briefing else None]
            assert all(f"{d:%A}".lower() in working for d in days if d), (pod_id, r.number, days)
        # The cycles that have ended by their last working day, up to six of them.
        ended = quarter.cycles_ended(pb.cycle, launch, TODAY)
        assert [r.number for r in records] == list(range(max(1, ended - 5), ended + 1)), pod_id
