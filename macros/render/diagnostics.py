"""The ghost-pod checklist, the signal table and each pod's diagnosis and composition check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from macros.compute.diagnosis import (
    KIND_LABELS,
    Deviation,
    TrendPoint,
    composition,
    evaluate,
    review_trend,
    score_gap,
    supplement_text,
)
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render import charts
from macros.render.environment import render
from macros.render.sources import cite_refs


def band_ranges(diagnostic: m.Diagnostic) -> list[tuple[str, m.VerdictBand]]:
    """Each verdict band with the scores it covers, e.g. ('2–3', at-risk), lowest first."""
    bands = sorted(diagnostic.verdicts, key=lambda b: b.min_score)
    uppers = [b.min_score - 1 for b in bands[1:]]
    out = []
    for band, upper in zip(bands, [*uppers, None], strict=True):
        if upper is None:
            out.append((f"{band.min_score} or more", band))
        else:
            span = f"{band.min_score}" if upper == band.min_score else f"{band.min_score}–{upper}"
            out.append((span, band))
    return out


def checklist_config(diagnostic: m.Diagnostic) -> dict[str, object]:
    """The data the checklist script needs: signal weights and verdict bands."""
    return {
        "id": diagnostic.id,
        "storageKey": f"ai-pod-playbook:checklist:{diagnostic.id}",
        "signals": [{"id": s.id, "weight": s.weight} for s in diagnostic.signals],
        "verdicts": [{"verdict": b.verdict, "min": b.min_score, "label": b.label}
                     for b in sorted(diagnostic.verdicts, key=lambda b: b.min_score)],
    }


def diagnostic_checklist(pb: Playbook, diagnostic_id: str, root: str) -> str:
    """A printable checklist of a diagnostic's signals that scripts turn into a live score."""
    diagnostic = pb.diagnostic(diagnostic_id)
    return render("diagnostics-checklist.html", diagnostic=diagnostic, bands=band_ranges(diagnostic),
                  config=checklist_config(diagnostic), root=root)


def signal_table(pb: Playbook, diagnostic_id: str, root: str) -> str:
    """Each signal of a diagnostic: why it matters, its threshold and what to do."""
    diagnostic = pb.diagnostic(diagnostic_id)
    return render("diagnostics-signal-table.html", diagnostic=diagnostic,
                  bands=band_ranges(diagnostic))


def pod_diagnosis(pb: Playbook, pod_id: str, root: str, today: dt.date) -> str:
    """Which signals the pod's data fires and why, the verdict, and its review trend."""
    pod = pb.pod(pod_id)
    parts = []
    for d in pb.diagnostics:
        found, trend = evaluate(pb, pod, d, today), review_trend(pod, d)
        parts.append(render("diagnostics-pod-diagnosis.html", pod=pod, diagnosis=found,
                            trend=_trend_rows(trend, d), gap=score_gap(found, trend), root=root))
    return "".join(parts)


@dataclass(frozen=True)
class TrendRow:
    """One committed review: the signals it ticked and its score change from the one before."""

    point: TrendPoint
    ticked: str  # signal titles, or 'none'
    change: str  # '+2', '−1', or '—' for the first review


@dataclass(frozen=True)
class DeviationRow:
    """One departure of a pod's staffing from the role guidance, with its sources."""

    deviation: Deviation
    kind: str
    supplement: str | None
    sources: list[Markup]


def _trend_rows(trend: list[TrendPoint], diagnostic: m.Diagnostic) -> list[TrendRow]:
    """Each review with the titles it ticked and its score change from the review before."""
    rows = []
    for i, point in enumerate(trend):
        ticked = [s.title for s in diagnostic.signals if point.review.signals.get(s.id)]
        change = "—" if i == 0 else f"{point.score - trend[i - 1].score:+d}".replace("-", "−")
        rows.append(TrendRow(point, ", ".join(ticked) or "none", change))
    return rows




def pod_composition(pb: Playbook, pod_id: str, root: str, today: dt.date | None = None) -> str:
    """The pod's staffing against the role guidance, as a chart and a table with its sources."""
    pod = pb.pod(pod_id)
    rows = [DeviationRow(d, KIND_LABELS[d.kind], supplement_text(d.holder),
                         cite_refs(pb, d.cited, root))
            for d in composition(pb, pod)]
    chart = Markup(charts.staffing(pb, pod, today))  # rendered by the autoescaping env
    return render("diagnostics-composition.html", pod=pod, rows=rows, root=root, chart=chart)
