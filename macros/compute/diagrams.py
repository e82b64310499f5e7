"""Diagram geometry: the pod (roles around one domain), the cycle loop, asset inheritance."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from macros.compute.charts import WIDTH, Point
from macros.compute.scales import tidy
from macros.model import data as m
from macros.model.playbook import Playbook

NAMES_SHOWN = 2
LOOP_LINE_CHARS = 22
ARROW_GAP_DEGREES = 24


@dataclass(frozen=True)
class Node:
    """A labelled box centred on `at`."""

    at: Point
    width: float
    height: float
    title: str
    lines: tuple[str, ...]


def ring(count: int, centre: Point, rx: float, ry: float, start: float = -90) -> list[Point]:
    """`count` points evenly spaced clockwise on an ellipse, the first at `start` degrees."""
    return [_on(centre, rx, ry, start + 360 * i / count) for i in range(count)]


def _on(centre: Point, rx: float, ry: float, degrees: float) -> Point:
    angle = math.radians(degrees)
    return Point(tidy(centre.x + rx * math.cos(angle)), tidy(centre.y + ry * math.sin(angle)))


def _span(r: m.PercentRange) -> str:
    return f"{r.min}%" if r.min == r.max else f"{r.min}–{r.max}%"


def time_words(time: m.TimeCommitment) -> str:
    """A role's time in a few words: 'full time', 'part time, 20–50%'."""
    if time.kind == "full-time":
        return "full time" + (f", up to {time.shareable_across} pods"
                              if time.shareable_across > 1 else "")
    return f"part time, {_span(time.first_quarter)}"


@dataclass(frozen=True)
class PodDiagram:
    """Five roles around one domain, with the pod's one metric and one cycle in the middle."""

    width: int
    height: int
    centre: Point
    radius: float
    roles: tuple[Node, ...]
    links: tuple[Point, ...]
    cycle_weeks: int


def pod_diagram(pb: Playbook) -> PodDiagram:
    """Lay out the pod diagram: the roles in role order, clockwise from the top."""
    roles = sorted(pb.roles, key=lambda r: r.order)
    centre = Point(280, 176)
    spots = ring(len(roles), centre, 196, 130)
    nodes = tuple(Node(at, 168, 50, role.short_name, (time_words(role.time),))
                  for role, at in zip(roles, spots, strict=True))
    radius = 74
    # Each link starts on the hub's rim, so it never crosses the words inside the hub.
    links = tuple(_towards(centre, n.at, radius) for n in nodes)
    return PodDiagram(WIDTH, 340, centre, radius, nodes, links, pb.cycle.length_weeks)


def _towards(start: Point, end: Point, distance: float) -> Point:
    """The point `distance` from `start` on the way to `end`."""
    length = math.hypot(end.x - start.x, end.y - start.y) or 1
    return Point(tidy(start.x + (end.x - start.x) * distance / length),
                 tidy(start.y + (end.y - start.y) * distance / length))


def wrap(text: str, width: int) -> tuple[str, ...]:
    """`text` in lines of at most `width` characters (a longer word keeps its own line)."""
    return tuple(textwrap.wrap(text, width)) or ("",)


@dataclass(frozen=True)
class Arrow:
    """A curved arrow from one node to the next: start, control point, end."""

    start: Point
    control: Point
    end: Point


@dataclass(frozen=True)
class LoopDiagram:
    """The weeks of the cycle on a ring, each arrowing to the next, the last back to the first."""

    width: int
    height: int
    centre: Point
    weeks: tuple[Node, ...]
    arrows: tuple[Arrow, ...]
    per_quarter: int


def loop_diagram(pb: Playbook) -> LoopDiagram:
    """Lay out the cycle loop: week 1 at the top, clockwise."""
    weeks = sorted(pb.cycle.weeks, key=lambda w: w.number)
    centre, rx, ry = Point(280, 170), 180, 118
    count = len(weeks)
    nodes = tuple(Node(at, 196, 66, f"Week {w.number}", wrap(w.title, LOOP_LINE_CHARS))
                  for w, at in zip(weeks, ring(count, centre, rx, ry), strict=True))
    arrows = []
    for i in range(count):
        a, b = -90 + 360 * i / count, -90 + 360 * (i + 1) / count
        arrows.append(Arrow(_on(centre, rx * 0.75, ry * 1.1, a + ARROW_GAP_DEGREES),
                            _on(centre, rx * 1.2, ry * 1.35, (a + b) / 2),
                            _on(centre, rx * 0.92, ry * 1.0, b - ARROW_GAP_DEGREES)))
    return LoopDiagram(WIDTH, 344, centre, nodes, tuple(arrows),
                       pb.cycle.quarter_weeks // pb.cycle.length_weeks)


@dataclass(frozen=True)
class AssetRow:
    """One shared asset: the pods that built it and the pods that inherited it."""

    asset: m.Asset
    top: float
    built: tuple[str, ...]
    inherited: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class InheritanceDiagram:
    """Per asset, a 'built by' box arrowing to an 'inherited by' box, names grouped past two."""

    width: int
    height: int
    rows: tuple[AssetRow, ...]
    row_height: int


def inheritance_diagram(pb: Playbook) -> InheritanceDiagram:
    """Group the pods by what they did with each shared asset (pod names sorted)."""
    names = {p.id: p.name for p in pb.pods}
    row_height = 104
    rows = []
    for i, asset in enumerate(pb.assets):
        built: list[str] = []
        inherited: list[str] = []
        sources: set[str] = set()
        for pod in pb.pods:
            for item in pod.infrastructure:
                if item.asset != asset.id:
                    continue
                (built if item.status == "built" else inherited).append(pod.name)
                if item.status == "inherited" and item.from_pod:
                    sources.add(names.get(item.from_pod, item.from_pod))
        rows.append(AssetRow(asset, 8 + i * row_height, tuple(sorted(built, key=str.casefold)),
                             tuple(sorted(inherited, key=str.casefold)),
                             tuple(sorted(sources, key=str.casefold))))
    return InheritanceDiagram(WIDTH, 8 + len(rows) * row_height, tuple(rows), row_height)


def grouped(names: tuple[str, ...], shown: int = NAMES_SHOWN) -> str:
    """Names for a box: all of a few, else the first `shown` and how many more."""
    if not names:
        return "none yet"
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
