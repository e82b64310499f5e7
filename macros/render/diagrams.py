"""Diagrams on the hand-written pages: the pod, the cycle loop and asset inheritance."""

from __future__ import annotations

from dataclasses import dataclass

from macros.compute import diagrams
from macros.model.playbook import Playbook
from macros.render.charts import fit
from macros.render.environment import render

# Longest pod-name text a diagram box holds; the table below the diagram lists every name.
BOX_CHARS = 25
# Names the data table lists per cell before it says how many more there are.
TABLE_NAMES = 10


def pod_diagram(pb: Playbook) -> str:
    """The pod: its roles around one domain, one metric and one cycle."""
    diagram = diagrams.pod_diagram(pb)
    parts = "; ".join(f"{n.title} ({' '.join(n.lines)})" for n in diagram.roles)
    insight = (f"{len(diagram.roles)} roles around one business domain, working to one business "
               f"metric in one {diagram.cycle_weeks}-week cycle: {parts}.")
    roles = [(r.name, diagrams.time_words(r.time)) for r in sorted(pb.roles, key=lambda r: r.order)]
    return render("diagram-pod.svg.html", diagram=diagram, insight=insight, roles=roles)


def cycle_loop(pb: Playbook) -> str:
    """The cycle as a loop of its weeks, repeated through the quarter."""
    diagram = diagrams.loop_diagram(pb)
    steps = ", then ".join(f"{n.title.lower()}: {' '.join(n.lines).lower()}" for n in diagram.weeks)
    insight = (f"{steps}, then back to week 1; the loop runs {diagram.per_quarter} times a "
               "quarter.")
    return render("diagram-loop.svg.html", diagram=diagram, insight=insight,
                  weeks=sorted(pb.cycle.weeks, key=lambda w: w.number))


def box_lines(names: tuple[str, ...]) -> list[str]:
    """The two lines of names a box holds: both names, or the first and how many more."""
    if not names:
        return ["none yet"]
    if len(names) <= diagrams.NAMES_SHOWN:
        return [fit(n, BOX_CHARS) for n in names]
    return [fit(names[0], BOX_CHARS), f"and {len(names) - 1} more"]


def _all(names: tuple[str, ...]) -> str:
    return diagrams.grouped(names, TABLE_NAMES) if names else "—"


@dataclass(frozen=True)
class AssetBoxes:
    """One shared asset in the inheritance diagram: the names in its boxes and in its table row."""

    row: diagrams.AssetRow
    built: list[str]  # up to two lines
    inherited: list[str]  # up to two lines
    built_all: str
    inherited_all: str
    sources: str


def inheritance_diagram(pb: Playbook) -> str:
    """Which pods built and which inherited each shared asset, grouped when there are many."""
    diagram = diagrams.inheritance_diagram(pb)
    rows = [AssetBoxes(r, box_lines(r.built), box_lines(r.inherited), _all(r.built),
                       _all(r.inherited), _all(r.sources)) for r in diagram.rows]
    reused = [r for r in diagram.rows if r.inherited]
    insight = (f"{len(reused)} of {len(diagram.rows)} shared assets have been inherited by a "
               "later pod. " + " ".join(
                   f"{r.asset.name}: built by {len(r.built)}, inherited by {len(r.inherited)}."
                   for r in diagram.rows))
    return render("diagram-inheritance.svg.html", diagram=diagram, insight=insight, rows=rows)
