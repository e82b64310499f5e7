"""A pod's business case on its page: each formula with its inputs and the computed result."""

from __future__ import annotations

from fractions import Fraction

from markupsafe import Markup

from macros.compute.economics import MINUTES_PER_HOUR, MONTHS, EconomicsResult, compute, exact
from macros.compute.figures import money, number, percent
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render import charts
from macros.render.environment import render
from macros.render.sources import cite_ref


def source_rounding(econ: m.Economics, result: EconomicsResult) -> str | None:
    """How the source's payback month differs from ours, or None when they agree."""
    said, months = econ.source_payback_month, result.payback_months
    if said is None or months is None or said == result.payback_month:
        return None
    by_then = money(result.monthly_savings * said)
    cost = money(Fraction(econ.pod_cost))
    how = "down" if said < months else "up"
    return (f"The source gives month {said}, rounding {number(months)} months {how}. At the "
            f"end of month {said} cumulative savings are {by_then} against a cost of {cost}; "
            f"they reach the cost during month {result.payback_month}.")


def pod_economics(pb: Playbook, pod_id: str, root: str) -> str:
    """The pod's business case: each formula with its inputs and the computed result."""
    pod = pb.pod(pod_id)
    econ = pod.economics
    if econ is None:
        return render("economics-none.html", pod=pod)
    result = compute(econ)
    chart = Markup(charts.payback(pb, pod))  # rendered by the autoescaping env
    return render("economics-pod.html", pod=pod, chart=chart, econ=econ, cost=money(Fraction(econ.pod_cost)),
                  rows=_formula_rows(econ, result),
                  years=_year_rows(result), note=source_rounding(econ, result),
                  cite=None if econ.cited is None else cite_ref(pb, econ.cited, root))


def _formula_rows(econ: m.Economics, r: EconomicsResult) -> list[tuple[str, str, str]]:
    """(quantity, formula with inputs, result) for each derived number."""
    hours = f"{econ.minutes_saved_per_unit} min ÷ {MINUTES_PER_HOUR} × " \
            f"{econ.volume_per_year:,} {econ.volume_unit}"
    return [
        ("Annual baseline cost", f"{number(exact(econ.baseline_ftes))} FTE × "
         f"{money(Fraction(econ.loaded_cost_per_fte))} loaded cost", money(r.baseline_cost)),
        ("Hours saved per year", hours, f"{number(r.hours_saved_per_year)} h"),
        ("Recovered capacity per year", f"{number(r.hours_saved_per_year)} h × "
         f"{money(Fraction(econ.hourly_rate))}/h", money(r.recovered_per_year)),
        ("Savings per month", f"{money(r.recovered_per_year)} ÷ {MONTHS}",
         money(r.monthly_savings)),
        ("Payback", f"{money(Fraction(econ.pod_cost))} pod cost ÷ {money(r.monthly_savings)}"
         " a month", _payback(r)),
    ]


def _payback(r: EconomicsResult) -> str:
    if r.payback_months is None:
        return "never (no savings)"
    return f"{number(r.payback_months)} months (reached during month {r.payback_month})"


def _year_rows(result: EconomicsResult) -> list[tuple[str, str, str, str]]:
    """(year, cumulative savings, cumulative net, ROI) rows."""
    return [(f"Year {y.year}", money(y.cumulative_savings), money(y.cumulative_net),
             "n/a" if y.roi is None else percent(y.roi)) for y in result.years]
