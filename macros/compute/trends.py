"""Cycle-trend geometry: each metric of a pod's cycle records as a small panel, deploys marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.compute import cycles
from macros.compute.charts import WIDTH, Frame, Tick
from macros.compute.scales import linear, nice_ticks
from macros.model import data as m
from macros.model.playbook import Playbook

PANEL = 96
PANEL_GAP = 34
STRIP = 40


@dataclass(frozen=True)
class Dot:
    """One cycle's value in a panel, and whether it meets the metric's target (None: no target)."""

    cycle: int
    x: float
    y: float
    value: float
    meets: bool | None


@dataclass(frozen=True)
class Panel:
    """One metric across the recorded cycles, with its target or baseline as a line."""

    series: cycles.Series
    top: float
    bottom: float
    ticks: tuple[Tick, ...]
    dots: tuple[Dot, ...]
    target_y: float | None
    baseline_y: float | None


@dataclass(frozen=True)
class Release:
    """A cycle's deploy, rolled back or kept."""

    cycle: int
    x: float
    date: dt.date
    rolled_back: bool


@dataclass(frozen=True)
class TrendChart:
    """Panels stacked over a shared cycle axis, with a strip of deploys at the bottom."""

    frame: Frame
    cycles: tuple[Tick, ...]
    panels: tuple[Panel, ...]
    releases: tuple[Release, ...]
    strip_y: float


def _panel(series: cycles.Series, x: dict[int, float], top: float) -> Panel:
    bottom = top + PANEL
    values = [p.value for p in series.points if p.value is not None]
    refs = [v for v in (series.target, series.baseline) if v is not None]
    ticks = nice_ticks(min(values + refs), max(values + refs), 3)
    y = linear((ticks[0], ticks[-1]), (bottom, top + 8))
    dots = tuple(Dot(p.cycle, x[p.cycle], y.at(p.value), p.value, series.meets(p.value))
                 for p in series.points if p.value is not None)
    return Panel(series, top, bottom, tuple(Tick(y.at(v), f"{v:g}") for v in (ticks[0], ticks[-1])),
                 dots, None if series.target is None else y.at(series.target),
                 None if series.baseline is None else y.at(series.baseline))


def trend_chart(pb: Playbook, pod: m.Pod) -> TrendChart | None:
    """Lay out the pod's cycle trends, or None without cycle records."""
    records = pb.pod_cycles(pod.id)
    series = cycles.metric_series(pb, pod)
    if not records or not series:
        return None
    numbers = [r.number for r in records]
    height = len(series) * (PANEL + PANEL_GAP) + STRIP + 40
    frame = Frame(WIDTH, height, 72, 8, 452, height - 40)
    scale = linear((min(numbers), max(max(numbers), min(numbers) + 1)), (frame.left, frame.right))
    x = {n: scale.at(n) for n in numbers}
    panels = tuple(_panel(s, x, frame.top + 22 + i * (PANEL + PANEL_GAP))
                   for i, s in enumerate(series))
    releases = tuple(Release(r.number, x[r.number], r.deploy.date, r.deploy.rolled_back)
                     for r in records if r.deploy is not None and r.deploy.date is not None)
    return TrendChart(frame, tuple(Tick(x[n], str(n)) for n in numbers), panels, releases,
                      frame.bottom - STRIP / 2)
