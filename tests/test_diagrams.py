"""Diagrams: the pod, the cycle loop and asset inheritance, readable at 3 pods and at hundreds."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from macros.compute import diagrams as dg
from macros.compute.charts import Point
from macros.load.loader import load_playbook
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render import diagrams
from tests.htmlparse import parse

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_CHART_BYTES = 10_000


@cache
def real() -> Playbook:
    """The real `data/`."""
    return load_playbook(DATA)


def test_ring_spaces_points_evenly_clockwise_from_the_top() -> None:
    points = dg.ring(4, Point(0, 0), 10, 10)
    assert points == [Point(0, -10), Point(10, 0), Point(0, 10), Point(-10, 0)]
    five = dg.ring(5, Point(100, 100), 50, 50)
    gaps = {round(math.dist((a.x, a.y), (b.x, b.y)), 0) for a, b in zip(five, five[1:] + five[:1],
                                                                        strict=True)}
    assert len(gaps) == 1


def test_grouped_names() -> None:
    assert dg.grouped(()) == "none yet"
    assert dg.grouped(("A", "B")) == "A, B"
    assert dg.grouped(("A", "B", "C", "D")) == "A, B and 2 more"
    assert dg.wrap("Prepare the domain owner briefing", 22) == ("Prepare the domain", "owner briefing")


def test_pod_diagram_has_every_role_on_the_ring() -> None:
    pb = real()
    d = dg.pod_diagram(pb)
    assert [n.title for n in d.roles] == [r.short_name for r in sorted(pb.roles, key=lambda r: r.order)]
    for node, start in zip(d.roles, d.links, strict=True):
        assert math.dist((start.x, start.y), (d.centre.x, d.centre.y)) == pytest.approx(d.radius,
                                                                                     abs=0.2)
        assert node.at.x - node.width / 2 >= 0
        assert node.at.x + node.width / 2 <= d.width
        assert node.at.y - node.height / 2 >= 0
        assert node.at.y + node.height / 2 <= d.height


def test_loop_diagram_arrows_join_the_weeks_in_order() -> None:
    pb = real()
    d = dg.loop_diagram(pb)
    assert [n.title for n in d.weeks] == [f"Week {w.number}" for w in pb.cycle.weeks]
    assert len(d.arrows) == len(d.weeks)
    assert d.per_quarter == pb.cycle.quarter_weeks // pb.cycle.length_weeks
    for node in d.weeks:
        assert node.at.x - node.width / 2 >= 0
        assert node.at.x + node.width / 2 <= d.width


def _many_pods(pb: Playbook, count: int) -> Playbook:
    """The real playbook with `count` extra pods that inherit the first asset from one builder."""
    builder = next(p for p in pb.pods if any(i.status == "built" for i in p.infrastructure))
    asset = next(i.asset for i in builder.infrastructure if i.status == "built")
    extra = [builder.model_copy(update={
        "id": f"copy-{n:03d}", "name": f"Copy pod {n:03d}",
        "infrastructure": (m.PodAsset(asset=asset, status="inherited", detail="Reused.",
                                      from_pod=builder.id),)}) for n in range(count)]
    return replace(pb, pods=pb.pods + tuple(extra))


def test_inheritance_at_three_pods_names_everyone() -> None:
    pb = real()
    root = parse(diagrams.inheritance_diagram(pb))
    svg = root.find("svg")
    assert svg.attrs["role"] == "img"
    groups = [g for g in svg.find_all("g") if "data-asset" in g.attrs]
    assert [g.attrs["data-asset"] for g in groups] == [a.id for a in pb.assets]
    for asset, group in zip(pb.assets, groups, strict=True):
        built = [p.name for p in pb.pods
                 if any(i.asset == asset.id and i.status == "built" for i in p.infrastructure)]
        assert f"Built by {len(built)} pod" in group.text


def test_inheritance_at_hundreds_groups_names_and_stays_small() -> None:
    pb = _many_pods(real(), 300)
    html = diagrams.inheritance_diagram(pb)
    assert len(html.encode()) <= MAX_CHART_BYTES
    svg = parse(html).find("svg")
    row = dg.inheritance_diagram(pb).rows[0]
    count = sum(1 for p in pb.pods for i in p.infrastructure
                if i.asset == row.asset.id and i.status == "inherited")
    assert count > 300
    assert f"Inherited by {count} pods" in svg.text
    assert f"and {count - 1} more" in svg.text
    table = parse(html).find("details").find("table")
    assert "more" in table.text


def test_diagrams_are_accessible_and_deterministic() -> None:
    pb = real()
    for render in (diagrams.pod_diagram, diagrams.cycle_loop, diagrams.inheritance_diagram):
        html = render(pb)
        assert html == render(load_playbook(DATA))
        root = parse(html)
        svg = root.find("svg")
        assert [c.tag for c in svg.children[:2]] == ["title", "desc"]
        assert svg.children[1].text
        assert root.find("details").find("table").find("tbody").find_all("tr")
        assert not [e for e in root.iter() if "style" in e.attrs or e.tag == "script"]
        assert len(html.encode()) <= MAX_CHART_BYTES
