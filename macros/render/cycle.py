"""Cycle renderers: the four-week calendar, its numbered rules and the published results."""

from __future__ import annotations

from typing import Any

from macros.model.data import Activity, Role, Rule, Template
from macros.model.playbook import Playbook
from macros.render.environment import render
from macros.render.sources import cite_ref


def rule_value(rule: Rule) -> str:
    """A rule's number with its unit: '20–30 samples' or '72 hours'."""
    span = f"{rule.value}" if rule.max_value is None else f"{rule.value}–{rule.max_value}"
    return f"{span} {rule.unit}"


def roles_with(pb: Playbook, activity: Activity, letter: str) -> list[Role]:
    """The roles holding one RACI letter in an activity, in data order."""
    return [pb.role(r.role) for r in activity.raci if r.letter == letter]


def _outputs(pb: Playbook, activity: Activity) -> list[Template]:
    return [pb.template(t) for t in activity.outputs]


def _activity(pb: Playbook, activity: Activity) -> dict[str, Any]:
    return {"act": activity, "owner": roles_with(pb, activity, "A"),
            "responsible": roles_with(pb, activity, "R"),
            "consulted": roles_with(pb, activity, "C"), "informed": roles_with(pb, activity, "I"),
            "outputs": _outputs(pb, activity),
            "rules": [(rule, rule_value(rule)) for rule in activity.rules]}


def cycle_calendar(pb: Playbook, root: str) -> str:
    """The cycle as a grid: a column per week with its activities, owners, outputs and rules."""
    weeks = [{"week": week, "activities": [_activity(pb, a) for a in week.activities]}
             for week in pb.cycle.weeks]
    return render("cycle-calendar.html", root=root, weeks=weeks)


def cycle_rules(pb: Playbook, root: str) -> str:
    """A table of every numbered rule of the cycle, with its week and activity."""
    rows = [{"number": n, "rule": rule, "value": rule_value(rule), "week": week, "act": act}
            for n, (week, act, rule) in enumerate(
                ((w, a, r) for w, a in pb.activities() for r in a.rules), start=1)]
    return render("cycle-rules.html", root=root, rows=rows)


def cycle_results(pb: Playbook, root: str) -> str:
    """The published results of running the cycle, each with its source."""
    results = [{"text": fact.text, "cite": cite_ref(pb, fact.cited, root)}
               for fact in pb.cycle.results]
    return render("cycle-results.html", root=root, results=results)
