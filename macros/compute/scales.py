"""Chart scales: round tick steps, linear data-to-drawing mappings and evenly spaced bands."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

# Tick steps are one of these times a power of ten, so tick labels stay round.
NICE_MULTIPLES = (1, 2, 2.5, 5, 10)
# Drawing coordinates carry one decimal: enough for a crisp line, short in the markup.
PRECISION = 1

Num = int | float | Fraction


def nice_step(span: Num, count: int) -> float:
    """The 1, 2, 2.5 or 5 × 10ⁿ step that splits `span` into at most about `count` parts."""
    if span <= 0 or count < 1:
        return 1.0
    raw = float(span) / count
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in NICE_MULTIPLES:
        if raw <= multiple * power * (1 + 1e-9):
            return multiple * power
    return 10 * power  # unreachable: the last multiple is 10


def nice_ticks(low: Num, high: Num, count: int = 5) -> tuple[float, ...]:
    """Round tick values from a step multiple at or below `low` to one at or above `high`."""
    low_f, high_f = float(low), float(high)
    if high_f < low_f:
        low_f, high_f = high_f, low_f
    step = nice_step(high_f - low_f, count)
    start = math.floor(low_f / step + 1e-9) * step
    stop = math.ceil(high_f / step - 1e-9) * step
    steps = max(1, round((stop - start) / step))
    return tuple(_clean(start + i * step) for i in range(steps + 1))


def _clean(value: float) -> float:
    """Drop floating-point noise (0.30000000000000004 → 0.3) so labels and bytes are stable."""
    return float(round(value, 9)) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class Linear:
    """Maps the data interval [d0, d1] onto the drawing interval [r0, r1]."""

    d0: float
    d1: float
    r0: float
    r1: float

    def at(self, value: Num) -> float:
        """The drawing coordinate of `value`, rounded to `PRECISION` decimals."""
        if self.d1 == self.d0:
            return tidy(self.r0)
        share = (float(value) - self.d0) / (self.d1 - self.d0)
        return tidy(self.r0 + share * (self.r1 - self.r0))


def tidy(value: float) -> float:
    """A drawing coordinate rounded to `PRECISION` decimals; whole numbers print without '.0'."""
    rounded = round(value, PRECISION) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(rounded) if rounded.is_integer() else rounded


def linear(domain: tuple[Num, Num], drawing: tuple[Num, Num]) -> Linear:
    """A `Linear` scale from a data interval to a drawing interval."""
    return Linear(float(domain[0]), float(domain[1]), float(drawing[0]), float(drawing[1]))


@dataclass(frozen=True)
class Band:
    """One slot of a band layout: where it starts, how wide it is, and its middle."""

    start: float
    size: float

    @property
    def middle(self) -> float:
        """The centre of the slot."""
        return tidy(self.start + self.size / 2)


def bands(count: int, start: float, end: float, gap: float = 0.2) -> tuple[Band, ...]:
    """`count` equal slots over [start, end], each leaving a `gap` share of its step empty."""
    if count < 1:
        return ()
    step = (end - start) / count
    size = step * (1 - gap)
    return tuple(Band(tidy(start + i * step + (step - size) / 2), tidy(size))
                 for i in range(count))
