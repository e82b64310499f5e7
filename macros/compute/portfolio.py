"""Portfolio geometry for the registry: pods by stage and verdict, verdicts over time, sparklines."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from macros.compute import diagnosis
from macros.compute.charts import WIDTH, Frame, Point, Tick
from macros.compute.scales import bands, linear, nice_ticks, tidy
from macros.model import data as m
from macros.model.playbook import Playbook

STAGES: tuple[str, ...] = ("forming", "building", "production", "scaling", "closed")
LARGEST_DOT = 17
MONTHS_SHOWN = 12
SPARK_WIDTH, SPARK_HEIGHT = 72, 20
# Month names spelled here, not by the locale, so every machine builds the same bytes.
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_name(day: dt.date) -> str:
    """'Apr 2026' for any day in April 2026."""
    return f"{MONTH_ABBR[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Cell:
    """Pods of one stage with one verdict: how many, and the dot drawn for them."""

    stage: str
    band: m.VerdictBand
    count: int
    at: Point
    radius: float


@dataclass(frozen=True)
class Series:
    """One verdict's pod count at the end of each month with reviews, as a line."""

    band: m.VerdictBand
    counts: tuple[int, ...]
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Portfolio:
    """The registry at a glance: a stage × verdict grid and verdict counts by month."""

    diagnostic: m.Diagnostic
    grid: Frame
    stages: tuple[Tick, ...]
    verdicts: tuple[Tick, ...]
    cells: tuple[Cell, ...]
    total: int
    trend: Frame
    months: tuple[Tick, ...]
    month_names: tuple[str, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]


def _bands(diagnostic: m.Diagnostic) -> list[m.VerdictBand]:
    return sorted(diagnostic.verdicts, key=lambda b: b.min_score)


def stage_verdict_counts(pb: Playbook, diagnostic: m.Diagnostic,
                         today: dt.date) -> dict[tuple[str, str], int]:
    """(stage, verdict) → number of pods, from each pod's automatic diagnosis as of `today`."""
    counts: dict[tuple[str, str], int] = {}
    for pod in pb.pods:
        verdict = diagnosis.evaluate(pb, pod, diagnostic, today).band.verdict
        counts[(pod.stage, verdict)] = counts.get((pod.stage, verdict), 0) + 1
    return counts


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The last day of every month from `first`'s month to `last`'s, in order."""
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        out.append(nxt - dt.timedelta(days=1))
        year, month = nxt.year, nxt.month
    return out


def verdicts_by_month(pb: Playbook, diagnostic: m.Diagnostic,
                      today: dt.date) -> tuple[list[dt.date], dict[str, list[int]]]:
    """Month ends (at most the last 12 with reviews) and, per verdict, the pods whose latest
    committed review by that day gave that verdict."""
    trends = [diagnosis.review_trend(p, diagnostic) for p in pb.pods]
    dates = [pt.review.date for t in trends for pt in t if pt.review.date <= today]
    if not dates:
        return [], {}
    ends = month_ends(min(dates), max(dates))[-MONTHS_SHOWN:]
    counts: dict[str, list[int]] = {b.verdict: [0] * len(ends) for b in diagnostic.verdicts}
    for trend in trends:
        for i, end in enumerate(ends):
            done = [pt for pt in trend if pt.review.date <= end]
            if done:
                counts[done[-1].band.verdict][i] += 1
    return ends, counts


def portfolio(pb: Playbook, today: dt.date) -> Portfolio | None:
    """Lay out the registry's portfolio view, or None without pods or a diagnostic."""
    if not pb.pods or not pb.diagnostics:
        return None
    diagnostic = pb.diagnostics[0]
    levels = _bands(diagnostic)
    grid = Frame(WIDTH, 40 + 44 * len(levels), 112, 8, 552, 8 + 44 * len(levels))
    columns = bands(len(STAGES), grid.left, grid.right, 0)
    rows = bands(len(levels), grid.top, grid.bottom, 0)
    counts = stage_verdict_counts(pb, diagnostic, today)
    most = max(counts.values())
    cells = tuple(
        Cell(stage, band, counts.get((stage, band.verdict), 0), Point(col.middle - 10, row.middle),
             tidy(LARGEST_DOT * math.sqrt(counts.get((stage, band.verdict), 0) / most)))
        for band, row in zip(levels, rows, strict=True)
        for stage, col in zip(STAGES, columns, strict=True))
    ends, by_verdict = verdicts_by_month(pb, diagnostic, today)
    trend = Frame(WIDTH, 216, 40, 28, 420, 176)
    x = linear((0, max(len(ends) - 1, 1)), (trend.left, trend.right))
    top = max((c for series in by_verdict.values() for c in series), default=1)
    y_values = nice_ticks(0, max(top, 1), 4)
    y = linear((0, y_values[-1]), (trend.bottom, trend.top))
    series = tuple(Series(b, tuple(by_verdict.get(b.verdict, ())),
                          tuple(Point(x.at(i), y.at(c))
                                for i, c in enumerate(by_verdict.get(b.verdict, ()))))
                   for b in levels)
    step = max(1, math.ceil(len(ends) / 6))
    return Portfolio(
        diagnostic=diagnostic, grid=grid,
        stages=tuple(Tick(c.middle, s) for s, c in zip(STAGES, columns, strict=True)),
        verdicts=tuple(Tick(r.middle, b.label) for b, r in zip(levels, rows, strict=True)),
        cells=cells, total=len(pb.pods), trend=trend,
        months=tuple(Tick(x.at(i), month_name(e)) for i, e in enumerate(ends)
                     if (len(ends) - 1 - i) % step == 0),
        month_names=tuple(month_name(e) for e in ends),
        y_ticks=tuple(Tick(y.at(v), f"{v:g}") for v in y_values
                      if float(v).is_integer()),
        series=series)


@dataclass(frozen=True)
class Spark:
    """A pod's review scores, oldest first, as a small line."""

    points: tuple[Point, ...]
    scores: tuple[int, ...]
    labels: tuple[str, ...]
    width: int
    height: int


def spark(pod: m.Pod, diagnostic: m.Diagnostic) -> Spark | None:
    """The pod's committed review scores as a sparkline (higher is worse), or None without any."""
    trend = diagnosis.review_trend(pod, diagnostic)
    if not trend:
        return None
    worst = max(sum(s.weight for s in diagnostic.signals), 1)
    x = linear((0, max(len(trend) - 1, 1)), (4, SPARK_WIDTH - 4))
    y = linear((0, worst), (SPARK_HEIGHT - 4, 4))
    points = tuple(Point(x.at(i) if len(trend) > 1 else SPARK_WIDTH / 2, y.at(p.score))
                   for i, p in enumerate(trend))
    return Spark(points, tuple(p.score for p in trend), tuple(p.band.label for p in trend),
                 SPARK_WIDTH, SPARK_HEIGHT)
