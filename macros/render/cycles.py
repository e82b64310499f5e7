"""Cycle records on the site: a pod's Cycles section and decision log, its briefing page, the flag rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from macros.compute import cycles, figures
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render.csv_text import csv_bytes
from macros.render.environment import render
from macros.render.finished import FinishedBody
from macros.render.front_matter import front_matter
from macros.render.sources import cite_ref

OWNER = "AI Center of Excellence"
REVIEW_EVERY = "3 months"
ADJUSTMENT_NAMES: dict[str, str] = {
    "prompt-regression": "prompt regression",
    "data-quality": "data quality issue",
    "workflow-redesign": "workflow step redesign",
    "training-gap": "user training gap",
}


# ---------------------------------------------------------------- small formatters


def value_text(value: float | None, unit: str) -> str:
    """A reading with its unit: '4.2%', '38 minutes per contract', or '—' when not recorded."""
    if value is None:
        return "—"
    number = f"{value:g}"
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


def signed(value: float, unit: str) -> str:
    """A change with its sign: '+6.5%', '−12.0%'."""
    return ("+" if value > 0 else "−" if value < 0 else "±") + f"{abs(value):.1f}{unit}"


SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


@dataclass(frozen=True)
class MetricText:
    """A metric row as the fragments show it."""

    label: str
    first: str
    first_cycle: int | None
    latest: str
    latest_cycle: int | None
    target: str
    baseline: str
    change: str | None
    status: cycles.MetricStatus


@dataclass(frozen=True)
class CycleText:
    """A row of the pod's table of cycles as the fragment shows it."""

    r: m.CycleRecord
    span: tuple[dt.date, dt.date]
    success: str
    errors: str
    adoption: str
    kpi: str
    adjustment: str
    flags: int


@dataclass(frozen=True)
class ActualsText:
    """The business case against actuals, as text."""

    cycles: str
    volume: str
    recovered: str
    cost: str
    rate: str
    payback: str
    case: str


@dataclass(frozen=True)
class FlagItem:
    """A raised flag with its sources as links."""

    flag: cycles.Flag
    cites: list[Markup]


@dataclass(frozen=True)
class RuleItem:
    """A flag rule with the number it compares against and its sources as links."""

    rule: m.FlagRule
    threshold: float | None
    cites: list[Markup]


def _target_text(series: cycles.Series) -> str:
    if series.target is None or series.comparator is None:
        return "—"
    return f"{SYMBOLS[series.comparator]} {value_text(series.target, series.unit)}"


def metric_text(row: cycles.MetricRow) -> MetricText:
    """A metric row's values as text with their units."""
    s = row.series
    return MetricText(
        label=s.label, first=value_text(row.first.value if row.first else None, s.unit),
        first_cycle=row.first.cycle if row.first else None,
        latest=value_text(row.latest.value if row.latest else None, s.unit),
        latest_cycle=row.latest.cycle if row.latest else None, target=_target_text(s),
        baseline=value_text(s.baseline, s.unit) if s.baseline is not None else "—",
        change=None if row.change is None else signed(row.change, "%"), status=row.status)


def flag_items(pb: Playbook, flags: tuple[cycles.Flag, ...], root: str) -> list[FlagItem]:
    """Flags as the fragments show them: the flag and its sources as links."""
    return [FlagItem(f, [cite_ref(pb, c, root) for c in f.rule.cited]) for f in flags]


def _cycle_text(row: cycles.CycleRow) -> CycleText:
    review, kpi = row.record.review, row.record.review.kpi
    return CycleText(r=row.record, span=row.span,
                     success=value_text(review.task_success_rate, "%"),
                     errors=value_text(review.error_rate, "%"),
                     adoption=value_text(review.adoption, "%"),
                     kpi="—" if kpi is None else value_text(kpi.value, kpi.unit),
                     adjustment=ADJUSTMENT_NAMES[review.adjustment.kind]
                     if review.adjustment else "—", flags=row.flags)


def _actuals(found: cycles.Actuals | None) -> ActualsText | None:
    if found is None:
        return None
    return ActualsText(
        cycles=str(found.cycles), volume=f"{found.volume:,} {found.volume_unit}",
        recovered=figures.money(found.recovered), cost=figures.dollars(found.pod_cost),
        rate=figures.money(found.monthly_run_rate),
        payback="—" if found.payback_months is None else figures.number(found.payback_months, 1),
        case="—" if found.case_payback_months is None
        else figures.number(found.case_payback_months, 1))


# ---------------------------------------------------------------- the pod page


def pod_cycles(pb: Playbook, pod_id: str, root: str, today: dt.date) -> str:
    """The Cycles section: latest metrics against targets, open flags, every cycle, actuals."""
    pod = pb.pod(pod_id)
    found = cycles.pod_cycles(pb, pod, today)
    if found is None:
        return ""
    return render("cycles-pod.html", pod=pod, latest=found.latest, span=found.span,
                  metrics=[metric_text(r) for r in found.metrics],
                  flags=flag_items(pb, found.flags, root),
                  rows=[_cycle_text(r) for r in found.rows], actuals=_actuals(found.actuals),
                  illustrative=found.illustrative, root=root)


def pod_decision_log(pb: Playbook, pod_id: str, root: str) -> str:
    """The pod's live decision log: one row per recorded entry, the template's columns."""
    pod = pb.pod(pod_id)
    records = pb.pod_cycles(pod.id)
    if not records:
        return ""
    return render("cycles-decision-log.html", pod=pod, columns=cycles.decision_columns(pb),
                  rows=list(reversed(cycles.decision_rows(pb, records))), root=root)


def decision_log_csv(pb: Playbook, pod: m.Pod) -> bytes:
    """The pod's decision log as CSV: the template's columns, one row per entry, oldest first."""
    rows = [[" ".join(c.split()) for c in cycles.decision_columns(pb)]]
    rows += [list(row.values) for row in cycles.decision_rows(pb, pb.pod_cycles(pod.id))]
    return csv_bytes(rows)


# ---------------------------------------------------------------- the briefing page


def briefing_body(pb: Playbook, pod: m.Pod, root: str, today: dt.date) -> FinishedBody:
    """The briefing page's HTML: what the workflow designer hands the domain owner in week 4."""
    found = cycles.briefing(pb, pod, today)
    assert found is not None  # only pods with records get a briefing page
    return FinishedBody(render(
        "cycles-briefing.html", pod=pod, latest=found.latest, first=found.first,
        span=found.span, qtd=found.qtd, today=found.today, owner=found.owner, due=found.due,
        held=found.held, metrics=[metric_text(r) for r in found.metrics],
        flags=flag_items(pb, found.qtd.flags, root), columns=cycles.decision_columns(pb),
        decisions=found.qtd.decisions, undocumented=found.undocumented,
        least=found.least_samples, actuals=_actuals(found.actuals),
        illustrative=found.illustrative, root=root))


def briefing_front_matter(pb: Playbook, pod: m.Pod, today: dt.date) -> str:
    """Front matter of the briefing page (kept out of search like the pod pages)."""
    latest = pb.pod_cycles(pod.id)[-1]
    today = pod.as_of or today
    meta = {"title": f"Domain owner briefing: {pod.name}, cycle {latest.number}", "owner": OWNER,
            "description": f"{pod.organisation.name}: {pod.domain}, quarter to date",
            "last_reviewed": min(latest.review.date, today), "review_every": REVIEW_EVERY,
            "audience": ["domain-owner", "workflow-designer"], "tags": ["pods", "cycle"],
            "search": {"exclude": True}, "hide": ["navigation", "toc"]}
    return front_matter(meta)


# ---------------------------------------------------------------- the cycle and registry pages


def flag_rules(pb: Playbook, root: str) -> str:
    """The flags raised on cycle records: each rule, its threshold and its source."""
    rows = [RuleItem(f, cycles.threshold(pb, f), [cite_ref(pb, c, root) for c in f.cited])
            for f in pb.cycle.flags]
    return render("cycles-flag-rules.html", rows=rows, root=root)


def cycle_examples(pb: Playbook, root: str, today: dt.date) -> str:
    """Links to the pods whose cycles are recorded, as worked illustrations of the cycle."""
    return render("cycles-examples.html", items=cycles.illustrations(pb, today), root=root)


@dataclass(frozen=True)
class RegistryCells:
    """The registry's cycle columns for one pod, as text, with the numbers they sort by."""

    summary: cycles.Summary
    kpi: str | None  # the KPI's change against its baseline, e.g. '−53.3%'
    improved: bool | None
    adoption: str


def registry_cells(pb: Playbook, pod: m.Pod, today: dt.date) -> RegistryCells | None:
    """The registry's cycle columns for one pod: KPI change, adoption, open flags."""
    found = cycles.summary(pb, pod, today)
    if found is None:
        return None
    change = None if found.kpi_change is None else signed(found.kpi_change, "%")
    return RegistryCells(found, change, found.kpi_improved, value_text(found.adoption, "%"))
