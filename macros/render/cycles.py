"""Cycle records on the site: a pod's Cycles section and decision log, its briefing page, the flag rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from macros.compute import cycles, figures, quarter
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


def _target_text(series: cycles.Series) -> str:
    if series.target is None or series.comparator is None:
        return "—"
    return f"{SYMBOLS[series.comparator]} {value_text(series.target, series.unit)}"


def _status(series: cycles.Series, value: float | None) -> str:
    if value is None:
        return "none"
    met = series.meets(value)
    return "none" if met is None else ("clear" if met else "fired")


def metric_rows(series: list[cycles.Series] | tuple[cycles.Series, ...]) -> list[dict[str, Any]]:
    """Per metric: first and latest value, target, baseline and whether the latest meets it."""
    rows = []
    for s in series:
        latest = s.latest()
        first = next((p for p in s.points if p.value is not None), None)
        value = latest.value if latest else None
        change = None if value is None else s.change(value)
        rows.append({"label": s.label, "latest": value_text(value, s.unit),
                     "first": value_text(first.value if first else None, s.unit),
                     "first_cycle": first.cycle if first else None,
                     "latest_cycle": latest.cycle if latest else None,
                     "target": _target_text(s),
                     "baseline": value_text(s.baseline, s.unit) if s.baseline is not None else "—",
                     "change": None if change is None else signed(change, "%"),
                     "status": _status(s, value)})
    return rows


def flag_items(pb: Playbook, flags: list[cycles.Flag] | tuple[cycles.Flag, ...],
               root: str) -> list[dict[str, Any]]:
    """Flags as the fragments show them: title, cycle, detail, action, rule link, sources."""
    return [{"flag": f, "cites": [cite_ref(pb, c, root) for c in f.rule.cited]} for f in flags]


def _span(pb: Playbook, pod: m.Pod, number: int) -> tuple[dt.date, dt.date]:
    assert pod.launch_date is not None  # the loader refuses records of pods without one
    return quarter.cycle_span(pb, pod.launch_date, number)


def _cycle_rows(pb: Playbook, pod: m.Pod, today: dt.date) -> list[dict[str, Any]]:
    flagged: dict[int, int] = {}
    for flag in cycles.pod_flags(pb, pod, today):
        flagged[flag.cycle] = flagged.get(flag.cycle, 0) + 1
    rows = []
    for record in reversed(pb.pod_cycles(pod.id)):
        review, kpi = record.review, record.review.kpi
        rows.append({"r": record, "span": _span(pb, pod, record.number),
                     "success": value_text(review.task_success_rate, "%"),
                     "errors": value_text(review.error_rate, "%"),
                     "adoption": value_text(review.adoption, "%"),
                     "kpi": "—" if kpi is None else value_text(kpi.value, kpi.unit),
                     "adjustment": ADJUSTMENT_NAMES[review.adjustment.kind]
                     if review.adjustment else "—",
                     "flags": flagged.get(record.number, 0)})
    return rows


def _actuals(pod: m.Pod, found: cycles.Actuals | None) -> dict[str, str] | None:
    if found is None:
        return None
    return {"cycles": str(found.cycles), "volume": f"{found.volume:,} {found.volume_unit}",
            "recovered": figures.money(found.recovered), "cost": figures.dollars(found.pod_cost),
            "rate": figures.money(found.monthly_run_rate),
            "payback": "—" if found.payback_months is None else figures.number(found.payback_months, 1),
            "case": "—" if found.case_payback_months is None
            else figures.number(found.case_payback_months, 1)}


# ---------------------------------------------------------------- the pod page


def pod_cycles(pb: Playbook, pod_id: str, root: str, today: dt.date) -> str:
    """The Cycles section: latest metrics against targets, open flags, every cycle, actuals."""
    pod = pb.pod(pod_id)
    records = pb.pod_cycles(pod.id)
    if not records:
        return ""
    today = pod.as_of or today
    latest = records[-1]
    return render("cycles-pod.html", pod=pod, latest=latest, span=_span(pb, pod, latest.number),
                  metrics=metric_rows(cycles.metric_series(pb, pod, (latest,))),
                  flags=flag_items(pb, cycles.open_flags(pb, pod, today), root),
                  rows=_cycle_rows(pb, pod, today), actuals=_actuals(pod, cycles.actuals(pb, pod)),
                  illustrative=any(r.illustrative for r in records), root=root)


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


def _briefing_context(pb: Playbook, pod: m.Pod, today: dt.date, root: str) -> dict[str, Any]:
    qtd = cycles.quarter_to_date(pb, pod, today)
    assert qtd is not None  # only pods with records get a briefing page
    latest = qtd.records[-1]
    assert pod.launch_date is not None
    owner = next((r for r in pod.roles if r.role == "domain-owner"), None)
    rule = cycles.flag_rule(pb, "few-samples")
    return {"pod": pod, "latest": latest, "span": _span(pb, pod, latest.number), "qtd": qtd,
            "first": qtd.records[0], "today": today, "owner": owner,
            "due": quarter.briefing_day(pb, pod.launch_date, latest.number),
            "metrics": metric_rows(qtd.series), "flags": flag_items(pb, qtd.flags, root),
            "columns": cycles.decision_columns(pb), "decisions": qtd.decisions,
            "undocumented": cycles.undocumented(qtd.records),
            "least": None if rule is None else cycles.threshold(pb, rule),
            "actuals": _actuals(pod, cycles.actuals(pb, pod)),
            "illustrative": latest.illustrative, "root": root}


def briefing_body(pb: Playbook, pod: m.Pod, root: str, today: dt.date) -> FinishedBody:
    """The briefing page's HTML: what the workflow designer hands the domain owner in week 4."""
    today = pod.as_of or today
    return FinishedBody(render("cycles-briefing.html", **_briefing_context(pb, pod, today, root)))


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
    rows = [{"rule": f, "threshold": cycles.threshold(pb, f),
             "cites": [cite_ref(pb, c, root) for c in f.cited]} for f in pb.cycle.flags]
    return render("cycles-flag-rules.html", rows=rows, root=root)


def cycle_examples(pb: Playbook, root: str, today: dt.date) -> str:
    """Links to the pods whose cycles are recorded, as worked illustrations of the cycle."""
    items = []
    for pod in sorted(pb.pods, key=lambda p: p.name.casefold()):
        records = pb.pod_cycles(pod.id)
        if records and any(r.illustrative for r in records):
            items.append({"pod": pod, "count": len(records),
                          "flags": len(cycles.open_flags(pb, pod, today))})
    return render("cycles-examples.html", items=items, root=root)


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
