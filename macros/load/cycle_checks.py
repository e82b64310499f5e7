"""Checks on cycle records: their place, their numbering, their dates and their references."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Collection, Iterator

from macros.load.loaded import AnyFile, Loaded, LoadedFiles
from macros.model import data as m
from macros.model.calendar import DEPLOY_WEEK, REVIEW_WEEK, week_holds, working_week
from macros.model.errors import DataError, format_path

Path = tuple[str | int, ...]
DECISION_LOG = "decision-log"
# Flag checks that compare against a number, so their rule must give one.
NEEDS_THRESHOLD = frozenset({"few-samples", "error-rate-rose", "rejection-rose", "low-adoption"})


def _error(item: AnyFile, path: Path, message: str, hint: str) -> DataError:
    return DataError(item.file, item.line(*path), format_path(path), message, hint)


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known) or '(none)'}"


def check_cycles(loaded: LoadedFiles,
                 known_pods: Collection[str] | None = None) -> list[DataError]:
    """Every problem in the cycle records and in the flag rules of `cycle.yaml`.

    `known_pods` are the pod ids that may exist (all of them, when a pod file has errors).
    """
    errors = [e for item in loaded["cycle"] for e in _flag_rules(item)]
    if not loaded.get("cycles") or not loaded["cycle"]:
        return errors
    pods = {item.model.pod.id: item.model.pod for item in loaded["pods"]}
    cycle = loaded["cycle"][0].model
    logs = [item for item in loaded["templates"] if item.model.template.id == DECISION_LOG]
    # Without a valid decision-log template (its file has errors) any column name may be right.
    columns = [m.column_key(c.name) for item in logs for c in item.model.template.columns] \
        if logs else None
    numbers: dict[str, list[tuple[int, AnyFile]]] = {}
    for item in loaded["cycles"]:
        record = item.model.cycle
        errors.extend(_place(item, record, pods, pods if known_pods is None else known_pods))
        pod = pods.get(record.pod)
        if pod is not None and pod.launch_date is not None:
            errors.extend(_record(item, record, pod, cycle, columns))
        numbers.setdefault(record.pod, []).append((record.number, item))
    errors.extend(e for found in numbers.values() for e in _contiguous(found))
    return errors


def _flag_rules(item: Loaded[m.CycleFile]) -> Iterator[DataError]:
    cycle = item.model
    rules = {r.id for w in cycle.weeks for a in w.activities for r in a.rules}
    seen: set[str] = set()
    for f, flag in enumerate(cycle.flags):
        base: Path = ("flags", f)
        if flag.check in seen:
            yield _error(item, (*base, "check"), f"the check '{flag.check}' is listed twice",
                         "list each check once")
        seen.add(flag.check)
        if flag.from_rule is not None and flag.from_rule not in rules:
            yield _error(item, (*base, "from_rule"), f"there is no cycle rule with id "
                         f"'{flag.from_rule}'", _suggest(flag.from_rule, sorted(rules)))
        if flag.check in NEEDS_THRESHOLD and flag.threshold is None and flag.from_rule is None:
            yield _error(item, (*base,), f"the check '{flag.check}' needs a number",
                         "add 'threshold:' or 'from_rule:' (the id of a rule with the number)")


def _place(item: AnyFile, record: m.CycleRecord, pods: dict[str, m.Pod],
           known_pods: Collection[str]) -> Iterator[DataError]:
    folder, name = item.file.split("/")[-2:]  # 'data/pods/<folder>/<name>'
    expected = f"cycle-{record.number:02d}.yaml"
    if record.pod != folder:
        yield _error(item, ("cycle", "pod"), f"the pod '{record.pod}' does not match the folder "
                     f"'{folder}'", f"keep the record in data/pods/{record.pod}/, or set pod "
                     f"to '{folder}'")
    elif record.pod not in known_pods:
        yield _error(item, ("cycle", "pod"), f"there is no pod with id '{record.pod}'",
                     f"add data/pods/{record.pod}.yaml, or {_suggest(record.pod, sorted(pods))}")
    elif record.pod in pods and pods[record.pod].launch_date is None:
        yield _error(item, ("cycle", "pod"), f"the pod '{record.pod}' has no launch date, so its "
                     "cycles have no dates", f"add 'launch_date:' to data/pods/{record.pod}.yaml")
    if name != expected:
        yield _error(item, ("cycle", "number"), f"cycle {record.number} is in the file "
                     f"'{name}'", f"name the file '{expected}', or set number to match it")


def _contiguous(found: list[tuple[int, AnyFile]]) -> Iterator[DataError]:
    ordered = sorted(found, key=lambda pair: pair[0])
    for (before, _), (number, item) in itertools.pairwise(ordered):
        if number != before + 1:
            missing = f"cycle {before + 1}" if number == before + 2 else (
                f"cycles {before + 1} to {number - 1}")
            yield _error(item, ("cycle", "number"), f"cycle {number} follows cycle {before}: "
                         f"{missing} has no record", "add the missing record(s) with `playbook "
                         "new cycle POD`, or renumber this one")


def _record(item: AnyFile, record: m.CycleRecord, pod: m.Pod, cycle: m.CycleFile,
            columns: list[str] | None) -> Iterator[DataError]:
    yield from _dates(item, record, pod, cycle)
    names = [e.name for e in pod.evaluation_metrics]
    for e, reading in enumerate(record.review.evaluation):
        if reading.metric not in names:
            yield _error(item, ("cycle", "review", "evaluation", e, "metric"), f"the pod has no "
                         f"evaluation metric named '{reading.metric}'", _suggest(reading.metric, names))
    build = record.build
    if build is not None and build.rubric_changed and build.rubric_change is None:
        yield _error(item, ("cycle", "build", "rubric_changed"), "the rubric changed but "
                     "'rubric_change' does not say why", "add 'rubric_change:' with the reason")
    if record.deploy is not None:
        yield from _deploy(item, record.deploy, columns)
    briefing = record.briefing
    if briefing is not None and briefing.decision and briefing.expansion_candidate is None:
        yield _error(item, ("cycle", "briefing", "decision"), "a decision is recorded but no "
                     "expansion candidate", "add 'expansion_candidate:', or remove 'decision:'")


def _deploy(item: AnyFile, deploy: m.CycleDeploy, columns: list[str] | None) -> Iterator[DataError]:
    base: Path = ("cycle", "deploy")
    if deploy.date is None:
        given = [k for k in ("error_rate_before", "error_rate_72h", "rejection_rate_before",
                             "rejection_rate_72h", "decision_log") if getattr(deploy, k) is not None]
        if deploy.rolled_back:
            given.insert(0, "rolled_back")
        for key in given:
            yield _error(item, (*base, key), f"'{key}' needs a deploy, but no deploy date is "
                         "given", "add 'date:' (the day the change reached production) under "
                         f"'deploy:', or remove '{key}'")
    for key in sorted(deploy.decision_log or {}):
        if columns is not None and key not in columns:
            yield _error(item, (*base, "decision_log", key), f"the decision log has no column "
                         f"'{key}'", _suggest(key, columns))


def _dates(item: AnyFile, record: m.CycleRecord, pod: m.Pod, cycle: m.CycleFile) -> Iterator[DataError]:
    launch = pod.launch_date
    assert launch is not None
    last = cycle.length_weeks
    checks: list[tuple[Path, dt.date | None, int, int]] = [
        (("cycle", "review", "date"), record.review.date, REVIEW_WEEK, REVIEW_WEEK),
        (("cycle", "review", "samples_reviewed_on"), record.review.samples_reviewed_on, 1, last),
        (("cycle", "deploy", "date"), record.deploy.date if record.deploy else None,
         DEPLOY_WEEK, DEPLOY_WEEK),
        (("cycle", "briefing", "date"), record.briefing.date if record.briefing else None,
         last, last),
    ]
    for path, day, first_week, last_week in checks:
        if day is None:
            continue
        start, end, latest = _weeks(cycle, launch, record.number, first_week, last_week)
        if not start <= day <= latest:
            weeks = f"week {first_week}" if first_week == last_week else "the weeks"
            yield _error(item, path, f"{day} is outside {weeks} of cycle {record.number} "
                         f"({start} to {end} for this pod, launched {launch})",
                         f"use a date from {start} to {end}, or check the cycle number")


def _weeks(cycle: m.CycleFile, launch: dt.date, number: int, first: int,
           last: int) -> tuple[dt.date, dt.date, dt.date]:
    """The weeks' first and last working day, as every page shows them, and the last day a
    record may give (a day off after them still counts)."""
    start, end = working_week(cycle, launch, number, first)[0], working_week(cycle, launch, number, last)[1]
    return start, end, week_holds(cycle, launch, number, last)[1]
