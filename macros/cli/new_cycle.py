"""`playbook new cycle POD`: the pod's next cycle record, dated from its calendar, that passes the check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from macros.cli import scaffold
from macros.compute import quarter
from macros.compute.cycles import STANDARD
from macros.load.loader import load_file, load_playbook
from macros.model import data as m
from macros.model.errors import DataError, PlaybookDataError

DECISION_LOG = "decision-log"


def new_cycle(pod_id: str, data_dir: Path, today: dt.date) -> Path:
    """Write `data/pods/POD/cycle-NN.yaml` for the pod's next cycle; return the file written."""
    pod, cycle = _pod(pod_id, data_dir), _cycle(data_dir)
    launch = pod.launch_date
    if launch is None:
        raise scaffold.ScaffoldError(f"the pod '{pod_id}' has no launch date, so its cycles have "
                                     f"no dates; add 'launch_date:' to data/pods/{pod_id}.yaml")
    previous = _latest(data_dir, pod_id)
    # Where a pod starts recording: the cycle running today (the first before launch).
    number = previous.number + 1 if previous else max(
        1, quarter.cycle_on(cycle, launch, pod.as_of or today))
    path = data_dir / "pods" / pod_id / f"cycle-{number:02d}.yaml"
    dates = quarter.cycle_dates(cycle, launch, number)
    if pod.as_of is not None and dates.start > pod.as_of:
        raise scaffold.ScaffoldError(
            f"cycle {number} of '{pod_id}' starts on {dates.start}, after the pod's as_of date "
            f"{pod.as_of} (the day its page describes); move as_of in data/pods/{pod_id}.yaml "
            "to a day in that cycle first")
    text = scaffold.environment().get_template("cycle.yaml.j2").render(
        pod=pod, number=number, dates=dates, previous=previous, today=today,
        columns=_columns(data_dir), metrics=_metrics(pod, previous))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _verify(data_dir, path)
    return path


def _load(data_dir: Path, path: Path, model: type[Any], what: str) -> Any:
    errors: list[DataError] = []
    loaded = load_file(data_dir, path, model, errors) if path.is_file() else None
    if loaded is None:
        raise scaffold.ScaffoldError(f"{what} does not load; run `make check`, fix what it "
                                     "reports, then try again")
    return loaded.model


def _pod(pod_id: str, data_dir: Path) -> m.Pod:
    scaffold.check_id(pod_id)
    path = data_dir / "pods" / f"{pod_id}.yaml"
    if not path.is_file():
        raise scaffold.ScaffoldError(f"there is no pod '{pod_id}' (no file data/pods/{pod_id}.yaml); "
                                     "add the pod first with `make new-pod ID=...`")
    return _load(data_dir, path, m.PodFile, f"data/pods/{pod_id}.yaml").pod  # type: ignore[no-any-return]


def _cycle(data_dir: Path) -> m.CycleFile:
    return _load(data_dir, data_dir / "cycle.yaml", m.CycleFile, "data/cycle.yaml")  # type: ignore[no-any-return]


def _latest(data_dir: Path, pod_id: str) -> m.CycleRecord | None:
    paths = sorted((data_dir / "pods" / pod_id).glob("cycle-*.yaml"))
    if not paths:
        return None
    return _load(data_dir, paths[-1], m.CycleRecordFile, f"data/pods/{pod_id}/{paths[-1].name}").cycle  # type: ignore[no-any-return]


def _metrics(pod: m.Pod, previous: m.CycleRecord | None) -> list[tuple[m.EvalMetric, float | None]]:
    """The pod's evaluation metrics the standard readings do not give, with last cycle's values."""
    standard = {label.casefold() for _, label, _ in STANDARD}
    last = {r.metric: r.value for r in previous.review.evaluation} if previous else {}
    return [(e, last.get(e.name)) for e in pod.evaluation_metrics
            if e.name.casefold() not in standard]


def _columns(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "templates" / f"{DECISION_LOG}.yaml"
    if not path.is_file():
        return []
    template = _load(data_dir, path, m.TemplateFile, f"data/templates/{DECISION_LOG}.yaml").template
    return [(m.column_key(c.name), " ".join(c.guidance.split())) for c in template.columns
            if m.column_key(c.name) != "date"]


def _verify(data_dir: Path, path: Path) -> None:
    """Remove the file and fail loudly if it does not pass the whole check (a starter bug)."""
    shown = f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"
    try:
        load_playbook(data_dir)
    except PlaybookDataError as err:
        mine = [str(e) for e in err.errors if e.file == shown]
        if mine:
            path.unlink()
            raise scaffold.ScaffoldError("the starter did not pass the check, so nothing was "
                                         f"written: {'; '.join(mine)}") from None
