"""A pod's business case: baseline, recovered capacity, payback and ROI, computed exactly."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from macros.model import data as m

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
