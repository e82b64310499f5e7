"""Facts about pods that must agree with each other: dates in order, inheritance that happened.

Each rule here stops a page from contradicting itself (a review "-49 days ago", an asset
inherited from a pod that never built it). The pod's "as of" day is `as_of`, or the build date.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from macros.load.loaded import AnyFile, Loaded
from macros.model import data as m
from macros.model.errors import DataError, format_path

Path = tuple[str | int, ...]
_PRODUCING = ("production", "scaling")
_NOT_YET = ("forming", "building")


@dataclass(frozen=True)
class _Dated:
    """One dated fact of a pod: where it is written, what it is called, its date."""

    path: Path
    name: str
    date: dt.date


def pod_consistency(pods: Sequence[Loaded[m.PodFile]], records: Sequence[Loaded[m.CycleRecordFile]],
                    today: dt.date) -> Iterator[DataError]:
    """Every contradiction inside a pod file, between a pod and the pods it inherits from, and
    between a pod and its cycle records."""
    by_id = {item.model.pod.id: item.model.pod for item in pods}
    for item in pods:
        pod = item.model.pod
        yield from _date_order(item, pod, today)
        yield from _stage_dates(item, pod)
        yield from _inheritance(item, pod, by_id, today)
    for record in records:
        owner = by_id.get(record.model.cycle.pod)
        if owner is not None:
            yield from _record_dates(record, owner, today)


def _record_dates(item: Loaded[m.CycleRecordFile], pod: m.Pod, today: dt.date) -> Iterator[DataError]:
    """A cycle record's dates lie between the pod's launch and its as_of day (or the build date)."""
    as_of = min(_as_of(pod, today), today)
    for path, day in _dates_in(item.model, ()):
        if day > as_of:
            whose = "the build date" if as_of == today else "the pod's as_of date"
            yield _error(item, path, f"the date {day} is after {whose} {as_of}",
                         "write the date it actually happened, or move the pod's as_of")
        elif pod.launch_date is not None and day < pod.launch_date:
            yield _error(item, path, f"the date {day} is before the pod's launch date "
                         f"{pod.launch_date}", "check both dates")


# Values that hold no date and nothing inside: `_collect_dates` passes over them at once.
_LEAVES = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold a date (their type names a date or a model), looked
    up once per model rather than once per value."""
    return tuple(name for name, info in model.model_fields.items()
                 if _may_hold_date(info.annotation))


def _may_hold_date(annotation: object) -> bool:
    """Whether a value of this type can be or contain a date; True when unsure."""
    if annotation in (list, tuple):
        return True  # a bare list or tuple: its items are unknown
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(_field_names(annotation))  # the playbook's models do not contain themselves
    if isinstance(annotation, type):
        return issubclass(annotation, dt.date)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return False
    if origin is typing.Annotated:
        return _may_hold_date(args[0])
    if args:
        return any(_may_hold_date(arg) for arg in args if arg is not Ellipsis)
    return annotation is not None  # Any, a type variable: look inside to be safe


def _dates_in(value: object, path: Path) -> list[tuple[Path, dt.date]]:
    """Every date in `value` with its path, in the order of the fields."""
    found: list[tuple[Path, dt.date]] = []
    _collect_dates(value, path, found)
    return found


def _collect_dates(value: object, path: Path, found: list[tuple[Path, dt.date]]) -> None:
    if isinstance(value, dt.date):
        found.append((path, value))
    elif isinstance(value, BaseModel):
        for name in _field_names(type(value)):
            child = getattr(value, name)
            if type(child) not in _LEAVES:
                _collect_dates(child, (*path, name), found)
    elif isinstance(value, tuple | list):
        for i, child in enumerate(value):
            if type(child) not in _LEAVES:
                _collect_dates(child, (*path, i), found)


def _error(item: AnyFile, path: Path, message: str, hint: str) -> DataError:
    return DataError(item.file, item.line(*path), format_path(path), message, hint)


def _as_of(pod: m.Pod, today: dt.date) -> dt.date:
    return pod.as_of or today


def _date_order(item: AnyFile, pod: m.Pod, today: dt.date) -> Iterator[DataError]:
    launch, production = pod.launch_date, pod.first_production_date
    if production is not None and launch is None:
        yield _error(item, ("pod", "first_production_date"), "a first production date is "
                     "given but no launch date", "add 'launch_date:' (YYYY-MM-DD)")
    elif production is not None and launch is not None and production < launch:
        yield _error(item, ("pod", "first_production_date"), f"the first production date "
                     f"{production} is before the launch date {launch}", "check both dates")
    yield from _not_in_future(item, pod, today)
    if pod.as_of is not None:
        for fact in (f for f in _dated(pod) if f.path[1] != "as_of"):
            if fact.date > pod.as_of and not (fact.path[1] == "launch_date"
                                              and pod.stage == "forming"):
                yield _error(item, fact.path, f"the {fact.name} {fact.date} is after the pod's "
                             f"as_of date {pod.as_of}, the day its page describes",
                             "move as_of to the day of the latest fact, or correct the date")
    if launch is not None:
        for fact in _dated(pod):
            if fact.path[1] in ("reviews", "sample_reviews") and fact.date < launch:
                yield _error(item, fact.path, f"the {fact.name} {fact.date} is before the "
                             f"launch date {launch}", "check both dates")


def _not_in_future(item: AnyFile, pod: m.Pod, today: dt.date) -> Iterator[DataError]:
    for fact in _dated(pod):
        if fact.date <= today:
            continue
        if fact.path[1] == "launch_date" and pod.stage == "forming":
            continue  # a planned launch
        planned = " (a planned launch needs 'stage: forming')" if fact.path[1] == "launch_date" \
            else ""
        yield _error(item, fact.path, f"the {fact.name} {fact.date} is in the future (the build "
                     f"date is {today}){planned}", "write the date it actually happened")


def _dated(pod: m.Pod) -> Iterator[_Dated]:
    for key, name in (("launch_date", "launch date"), ("first_production_date",
                      "first production date"), ("as_of", "as_of date")):
        value = getattr(pod, key)
        if value is not None:
            yield _Dated(("pod", key), name, value)
    for r, review in enumerate(pod.reviews):
        yield _Dated(("pod", "reviews", r, "date"), "review", review.date)
    for s, sample in enumerate(pod.sample_reviews):
        yield _Dated(("pod", "sample_reviews", s, "date"), "sample review", sample.date)


def _stage_dates(item: AnyFile, pod: m.Pod) -> Iterator[DataError]:
    if pod.stage in _PRODUCING and pod.first_production_date is None:
        yield _error(item, ("pod", "stage"), f"the stage is '{pod.stage}' but no "
                     "first_production_date is given", "add 'first_production_date:' or "
                     "correct the stage")
    if pod.stage in _NOT_YET and pod.first_production_date is not None:
        yield _error(item, ("pod", "stage"), f"the stage is '{pod.stage}' but the pod reached "
                     f"production on {pod.first_production_date}",
                     "set the stage to production, or remove first_production_date")


def _inheritance(item: AnyFile, pod: m.Pod, by_id: dict[str, m.Pod],
                 today: dt.date) -> Iterator[DataError]:
    for i, held in enumerate(pod.infrastructure):
        path: Path = ("pod", "infrastructure", i, "from_pod")
        if held.status == "built" and held.from_pod is not None:
            yield _error(item, path, f"the asset '{held.asset}' is marked built but names the "
                         f"pod it came from ('{held.from_pod}')",
                         "set 'status: inherited', or remove from_pod")
        elif held.from_pod == pod.id:
            yield _error(item, path, f"the asset '{held.asset}' is inherited from this pod itself",
                         "name the pod that built it, or set 'status: built'")
        elif held.status == "inherited" and held.from_pod in by_id:
            source = by_id[held.from_pod]
            yield from _source_built(item, path, pod, held.asset, source, by_id, today)


def _source_built(item: AnyFile, path: Path, pod: m.Pod, asset: str, source: m.Pod,
                  by_id: dict[str, m.Pod], today: dt.date) -> Iterator[DataError]:
    status = {held.asset: held for held in source.infrastructure}.get(asset)
    if status is None or status.status != "built":
        builder = _builder(asset, source, by_id)
        how = "does not list it" if status is None else "inherited it too"
        hint = (f"name the pod that built it: from_pod: {builder}" if builder and builder != pod.id
                else "name a pod that lists it as built, or set 'status: built'")
        yield _error(item, path, f"the pod '{source.id}' did not build the asset '{asset}' "
                     f"({how})", hint)
        return
    as_of = _as_of(pod, today)
    if source.launch_date is not None and source.launch_date > as_of:
        yield _error(item, path, f"the pod '{source.id}' launched on {source.launch_date}, after "
                     f"this pod's as_of date {as_of}: it cannot have built '{asset}' yet",
                     "name a pod that built it earlier, or correct the dates")


def _builder(asset: str, start: m.Pod, by_id: dict[str, m.Pod]) -> str | None:
    """Follow from_pod links from `start` to the pod that built `asset` (None on a loop or gap)."""
    seen: set[str] = set()
    current: m.Pod | None = start
    while current is not None and current.id not in seen:
        seen.add(current.id)
        held = {h.asset: h for h in current.infrastructure}.get(asset)
        if held is None:
            return None
        if held.status == "built":
            return current.id
        current = by_id.get(held.from_pod or "")
    return None
