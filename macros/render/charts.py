"""Charts on pod pages as accessible inline SVG: payback, staffing against guidance, quarter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.compute import charts, cycles, portfolio, trends
from macros.compute.diagnosis import KIND_LABELS
from macros.compute.figures import money, number, percent_range
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render.environment import render

# The payback table lists quarter ends plus the months the text names; the line is straight.
QUARTER_MONTHS = 3
COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}
# A panel title longer than this would run past the chart; the table and desc carry it whole.
PANEL_TITLE_CHARS = 56


def fit(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def payback_insight(chart: charts.PaybackChart) -> str:
    """The payback chart's point in one or two sentences."""
    cost, monthly = money(chart.cost), money(chart.monthly)
    if chart.break_even is None or chart.break_even_month is None:
        return f"No payback: the pod recovers nothing a month against its {cost} cost."
    text = (f"Payback in month {chart.break_even_month}, at {monthly} a month: recovered value "
            f"reaches the {cost} pod cost after {number(chart.break_even)} months.")
    if chart.source_at is not None and chart.source_month is not None:
        text += (f" At the end of month {chart.source_month}, the month the source gives, it "
                 f"stands at {money(chart.monthly * chart.source_month)}.")
    if chart.actual_rows:
        day, months, value = chart.actual_rows[-1]
        text += (f" Recorded so far: {money(value)} by {day.isoformat()} (month "
                 f"{number(months, 1)}), from {len(chart.actual_rows)} cycle records.")
    return text


def payback(pb: Playbook, pod: m.Pod) -> str:
    """The payback chart of a pod with economics (actuals from its cycle records), or ''."""
    if pod.economics is None:
        return ""
    chart = charts.payback_chart(pod.economics, charts.recorded_value(pb, pod))
    keep = {chart.source_month, chart.break_even_month}
    rows = [(r.month, money(r.recovered), money(r.net)) for r in chart.rows
            if r.month % QUARTER_MONTHS == 0 or r.month in keep]
    return render("chart-payback.svg.html", pod=pod, chart=chart, insight=payback_insight(chart),
                  rows=rows, cost=money(chart.cost), monthly=money(chart.monthly),
                  actual=[(d.isoformat(), number(mo, 1), money(v)) for d, mo, v in chart.actual_rows],
                  even=None if chart.break_even is None else number(chart.break_even))


def guidance_words(time: m.TimeCommitment) -> str:
    """A role's recommended allocation, short: 'full time' or 'first quarter 20–50%, …'."""
    if time.kind == "full-time":
        return "full time"
    first, steady = percent_range(time.first_quarter), percent_range(time.steady_state)
    return first if first == steady else f"first quarter {first}, steady state {steady}"


def _allocation_text(row: charts.StaffingRow) -> str:
    guide = guidance_words(row.role.time)
    if row.held is None:
        return f"nobody · guidance: {guide}"
    shared = f", shared across {row.held.shared_across} pods" if row.held.shared_across > 1 else ""
    return f"{row.held.allocation}%{shared} · guidance: {guide}"


def staffing_insight(chart: charts.StaffingChart) -> str:
    """The staffing chart's point: how many roles sit in their band, and which do not."""
    off = [r for r in chart.rows if r.kinds]
    text = f"{len(chart.rows) - len(off)} of {len(chart.rows)} roles staffed within their guidance"
    if not off:
        return text + "."
    parts = [f"{r.role.short_name} {'missing' if r.held is None else f'{r.held.allocation}%'} "
             f"({', '.join(KIND_LABELS[k].lower() for k in r.kinds)})" for r in off]
    return text + "; departures: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class StaffingBar:
    """One role's bar in the staffing chart, with its words."""

    row: charts.StaffingRow
    text: str  # allocation and guidance
    guide: str
    flags: list[str]  # deviation labels


def staffing(pb: Playbook, pod: m.Pod, today: dt.date | None) -> str:
    """Each role's allocation over its recommended band, deviations marked."""
    chart = charts.staffing_chart(pb, pod, today)
    rows = [StaffingBar(r, _allocation_text(r), guidance_words(r.role.time),
                        [KIND_LABELS[k] for k in r.kinds]) for r in chart.rows]
    return render("chart-staffing.svg.html", pod=pod, chart=chart, rows=rows,
                  insight=staffing_insight(chart))


def quarter_insight(chart: charts.QuarterChart) -> str:
    """Where the pod stands in its quarter, and when its milestones fall."""
    weeks = len(chart.weeks)
    whole = [c.label for c in chart.cycles if c.label.startswith("Cycle")]
    marks = "; ".join(f"{mark.title} on {mark.date.isoformat()}" for mark in chart.milestones)
    text = (f"Quarter of {weeks} weeks from {chart.launch.isoformat()}: {len(whole)} cycles. "
            f"{marks}.")
    day = chart.today_day
    if day is None or chart.today is None:
        return text
    if day < 0:
        return text + f" On {chart.today.isoformat()} the pod starts in {-day} days."
    if chart.today_x is None or chart.today_week is None:
        return text + f" On {chart.today.isoformat()} (day {day}) the first quarter is over."
    return text + f" On {chart.today.isoformat()} the pod is in week {chart.today_week} (day {day})."


def quarter(pb: Playbook, pod: m.Pod, today: dt.date | None) -> str:
    """The pod's quarter as a timeline, or '' for a pod with no launch date."""
    chart = charts.quarter_chart(pb, pod, today)
    if chart is None:
        return ""
    return render("chart-quarter.svg.html", pod=pod, chart=chart, insight=quarter_insight(chart))




def _count_words(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def portfolio_insight(view: portfolio.Portfolio) -> str:
    """The grid's point: where the pods sit by stage and verdict."""
    groups = sorted((c for c in view.cells if c.count), key=lambda c: -c.count)
    parts = [f"{c.count} {c.stage}, {c.band.label.lower()}" for c in groups]
    return f"{_count_words(view.total, 'pod')}: " + "; ".join(parts) + "."


def trend_insight(view: portfolio.Portfolio) -> str | None:
    """The trend's point: verdict counts in the first and the last month with reviews."""
    if not view.month_names:
        return None

    def at(i: int) -> str:
        return ", ".join(f"{s.counts[i]} {s.band.label.lower()}" for s in view.series)

    last = f"By the end of {view.month_names[-1]}: {at(-1)}."
    if len(view.month_names) == 1:
        return last
    return f"At the end of {view.month_names[0]}: {at(0)}. " + last


def portfolio_view(pb: Playbook, today: dt.date) -> str:
    """The registry's portfolio chart, or '' without pods or a diagnostic."""
    view = portfolio.portfolio(pb, today)
    if view is None:
        return ""
    table = [(label.label, [c.count for c in view.cells if c.band.label == label.label])
             for label in view.verdicts]
    return render("chart-portfolio.svg.html", view=view, grid_insight=portfolio_insight(view),
                  trend_insight=trend_insight(view), table=table, stages=list(portfolio.STAGES))


def spark(pod: m.Pod, diagnostic: m.Diagnostic) -> str:
    """A pod's review scores as a sparkline, or '' for a pod with no committed review."""
    line = portfolio.spark(pod, diagnostic)
    return "" if line is None else render("chart-spark.svg.html", pod=pod, spark=line)


def with_unit(value: float, unit: str) -> str:
    """A reading with its unit: '92%', '4.2 minutes per enquiry'."""
    return f"{value:g}{unit}" if unit.startswith("%") else f"{value:g} {unit}"


def _value(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _reference(series: cycles.Series) -> str:
    """A panel's reference line in words: 'target ≥ 85', '60% line', 'baseline 9'."""
    if series.target is not None and series.comparator is not None:
        return f"target {COMPARATORS.get(series.comparator, series.comparator)} {series.target:g}"
    return "" if series.baseline is None else f"baseline {series.baseline:g}"


def _series_words(series: cycles.Series) -> str:
    last = series.latest()
    if last is None or last.value is None:
        return ""
    text = f"{series.label} {with_unit(last.value, series.unit)} in cycle {last.cycle}"
    meets = series.meets(last.value)
    if meets is not None:
        text += f" ({_reference(series)}: {'met' if meets else 'missed'})"
    elif series.baseline is not None:
        text += f" against a baseline of {series.baseline:g}"
    return text


def trends_insight(chart: trends.TrendChart) -> str:
    """The trend chart's point: each metric's latest value against its target, and rollbacks."""
    parts = [w for w in (_series_words(p.series) for p in chart.panels) if w]
    back = [str(r.cycle) for r in chart.releases if r.rolled_back]
    text = "; ".join(parts) + "."
    text += f" {_count_words(len(chart.releases), 'deploy')}"
    return text + (f", rolled back in cycle {', '.join(back)}." if back else ", none rolled back.")


def cycle_trends(pb: Playbook, pod: m.Pod) -> str:
    """The pod's cycle trends, or '' for a pod with no cycle records."""
    chart = trends.trend_chart(pb, pod)
    if chart is None:
        return ""
    deploys = {r.cycle: r for r in chart.releases}
    rows = []
    for tick in chart.cycles:
        n = int(tick.label)
        values = [_value(next((p.value for p in panel.series.points if p.cycle == n), None))
                  for panel in chart.panels]
        release = deploys.get(n)
        deploy = "—" if release is None else (
            f"{release.date.isoformat()}{', rolled back' if release.rolled_back else ''}")
        rows.append((n, values, deploy))
    headers = [f"{p.series.label} ({p.series.unit})" for p in chart.panels]
    return render("chart-trends.svg.html", pod=pod, chart=chart, insight=trends_insight(chart),
                  headers=headers, titles=[fit(h, PANEL_TITLE_CHARS) for h in headers],
                  rows=rows, refs=[_reference(p.series) for p in chart.panels])
