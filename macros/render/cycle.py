"""Cycle renderers: the four-week calendar, its numbered rules and the published results."""

from __future__ import annotations

from dataclasses import dataclass

from macros.model.data import Activity, Role, Rule, Template, Week
from macros.model.playbook import Playbook
from macros.render.environment import render
from macros.render.sources import cited_facts


def rule_value(rule: Rule) -> str:
    """A rule's number with its unit: '20–30 samples' or '72 hours'."""
    span = f"{rule.value}" if rule.max_value is None else f"{rule.value}–{rule.max_value}"
    return f"{span} {rule.unit}"


def roles_with(pb: Playbook, activity: Activity, letter: str) -> list[Role]:
    """The roles holding one RACI letter in an activity, in data order."""
    return [pb.role(r.role) for r in activity.raci if r.letter == letter]


def _outputs(pb: Playbook, activity: Activity) -> list[Template]:
    return [pb.template(t) for t in activity.outputs]


@dataclass(frozen=True)
class ActivityCard:
    """One activity in the calendar: who holds each RACI letter, its outputs and its rules."""

    act: Activity
    owner: list[Role]
    responsible: list[Role]
    consulted: list[Role]
    informed: list[Role]
    outputs: list[Template]
    rules: list[tuple[Rule, str]]  # (rule, its value as text)


@dataclass(frozen=True)
class WeekColumn:
    """One week of the calendar with its activities."""

    week: Week
    activities: list[ActivityCard]


@dataclass(frozen=True)
class RuleRow:
    """One numbered rule with where in the cycle it applies."""

    number: int
    rule: Rule
    value: str
    week: Week
    act: Activity


def _activity(pb: Playbook, activity: Activity) -> ActivityCard:
    return ActivityCard(activity, roles_with(pb, activity, "A"), roles_with(pb, activity, "R"),
                        roles_with(pb, activity, "C"), roles_with(pb, activity, "I"),
                        _outputs(pb, activity),
                        [(rule, rule_value(rule)) for rule in activity.rules])


def cycle_calendar(pb: Playbook, root: str) -> str:
    """The cycle as a grid: a column per week with its activities, owners, outputs and rules."""
    weeks = [WeekColumn(week, [_activity(pb, a) for a in week.activities])
             for week in pb.cycle.weeks]
    return render("cycle-calendar.html", root=root, weeks=weeks)


def cycle_rules(pb: Playbook, root: str) -> str:
    """A table of every numbered rule of the cycle, with its week and activity."""
    rows = [RuleRow(n, rule, rule_value(rule), week, act)
            for n, (week, act, rule) in enumerate(
                ((w, a, r) for w, a in pb.activities() for r in a.rules), start=1)]
    return render("cycle-rules.html", root=root, rows=rows)


def cycle_results(pb: Playbook, root: str) -> str:
    """The published results of running the cycle, each with its source."""
    return render("cycle-results.html", root=root,
                  results=cited_facts(pb, pb.cycle.results, root))
