"""Exact money, number and percent text, shared by findings and pages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from macros.model import data as m


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


def percent_range(span: m.PercentRange) -> str:
    """'30–50%', or '100%' when both ends are equal."""
    return f"{span.min}%" if span.min == span.max else f"{span.min}–{span.max}%"


def quantity(value: float, unit: str) -> str:
    """A measured value with its unit: '95%' (no space before a percent sign), '2 s'."""
    return f"{value:g}{unit}" if unit == "%" or not unit else f"{value:g} {unit}"


def metric_text(metric: m.EvalMetric) -> str:
    """An evaluation metric as text, e.g. 'Recall > 95%' or 'Latency <= 2 s'."""
    return f"{metric.name} {metric.comparator} {quantity(metric.value, metric.unit)}"


def _round(value: Fraction, places: int) -> Decimal:
    exact_value = Decimal(value.numerator) / Decimal(value.denominator)
    return exact_value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
