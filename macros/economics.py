"""A pod's business case: baseline, recovered capacity, payback and ROI, computed exactly."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from macros import models as m
from macros.playbook import Playbook
from macros.sources import cite_ref
from macros.templating import render

MONTHS = 12
MINUTES_PER_HOUR = 60


@dataclass(frozen=True)
class YearReturn:
    """Cumulative position at the end of one year after launch."""

    year: int
    cumulative_savings: Fraction
    cumulative_net: Fraction
    roi: Fraction | None


@dataclass(frozen=True)
class EconomicsResult:
    """Every number derived from a pod's `Economics` inputs, as exact fractions."""

    baseline_cost: Fraction
    hours_saved_per_year: Fraction
    recovered_per_year: Fraction
    monthly_savings: Fraction
    payback_months: Fraction | None
    payback_month: int | None
    years: tuple[YearReturn, ...]


def exact(value: float | int) -> Fraction:
    """A data number as an exact fraction (2.5 → 5/2, never 2.4999…)."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def compute(econ: m.Economics) -> EconomicsResult:
    """Derive baseline, savings, payback and ROI by year from the inputs alone."""
    hours = Fraction(econ.minutes_saved_per_unit, MINUTES_PER_HOUR) * econ.volume_per_year
    recovered = hours * econ.hourly_rate
    monthly = recovered / MONTHS
    # With no savings (an hourly rate of 0) the pod never pays back.
    payback = Fraction(econ.pod_cost) / monthly if monthly else None
    return EconomicsResult(
        baseline_cost=exact(econ.baseline_ftes) * econ.loaded_cost_per_fte,
        hours_saved_per_year=hours,
        recovered_per_year=recovered,
        monthly_savings=monthly,
        payback_months=payback,
        payback_month=None if payback is None else math.ceil(payback),
        years=tuple(_year(econ, recovered, y) for y in range(1, econ.horizon_years + 1)),
    )


def _year(econ: m.Economics, recovered: Fraction, year: int) -> YearReturn:
    savings = recovered * year
    net = savings - econ.pod_cost
    roi = net / econ.pod_cost if econ.pod_cost else None
    return YearReturn(year=year, cumulative_savings=savings, cumulative_net=net, roi=roi)


def money(value: Fraction) -> str:
    """Whole dollars as '$375,000' (cents only when there are any); negatives as '−$30,000'."""
    cents = _round(value, 2)
    places = 0 if cents == cents.to_integral_value() else 2
    text = f"${abs(cents):,.{places}f}"
    return f"−{text}" if cents < 0 else text


def dollars(value: int) -> str:
    """Whole dollars from data as '$3,000'."""
    return money(Fraction(value))


def number(value: Fraction, places: int = 2) -> str:
    """A fraction as a short decimal: 72/5 → '14.4', 500 → '500'."""
    text = f"{_round(value, places):,.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace("-", "−")


def percent(value: Fraction) -> str:
    """A ratio as a percentage with one decimal: −1/6 → '−16.7%'."""
    return number(value * 100, 1) + "%"


def _round(value: Fraction, places: int) -> Decimal:
    exact_value = Decimal(value.numerator) / Decimal(value.denominator)
    return exact_value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


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
    return render("economics-pod.html", pod=pod, econ=econ, cost=money(Fraction(econ.pod_cost)),
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
