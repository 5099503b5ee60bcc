"""Rounding-aware comparison: every stated number is an interval.

A stated ``28.6`` means any value in [28.55, 28.65): half a unit of the last
printed digit either side, lower end closed, upper end open (round half up).
A stated ``2.1`` (万亿元) covers [2.05, 2.15). Bound words widen the interval:

=== ======================================= ===========================
sym words                                   interval for a stated v
=== ======================================= ===========================
=   达, 为, plain                           [v - h, v + h)
>   超过, 超, 突破, 逾, 以上, 高于          (v - h, +inf)
>=  不低于, 至少                            [v - h, +inf)
<   不足, 低于, 以下, 未满                  (-inf, v + h)
<=  不超过, 最多                            (-inf, v + h)
~   约, 近, 左右, 接近                      [v(1 - 5%) - h, v(1 + 5%) + h]
=== ======================================= ===========================

where h is half a unit of the last printed digit. Bounds are taken
generously (``超过70%`` admits anything above 69.5), so that a finding is
raised only when no reading of the words could make the statements agree.

Exact arithmetic (``fractions.Fraction``) keeps the half-unit boundaries exact:
28.65 is outside a stated 28.6, 28.55 is inside. Computed intervals (products,
quotients) are treated as closed, which can only make them wider.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from analysis.base.numbers import decimals_of

#: relative slack for 约/近/左右 ("about"): documented in the book's method page
ABOUT_SLACK = Fraction(5, 100)


@dataclass(frozen=True)
class Interval:
    lo: Fraction | None  # None: unbounded below
    hi: Fraction | None  # None: unbounded above
    lo_closed: bool = True
    hi_closed: bool = True

    def __post_init__(self):
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    def contains(self, x) -> bool:
        x = Fraction(x)
        above = self.lo is None or (x >= self.lo if self.lo_closed else x > self.lo)
        below = self.hi is None or (x <= self.hi if self.hi_closed else x < self.hi)
        return above and below

    def overlaps(self, other: Interval) -> bool:
        """Is there a value both intervals admit?"""
        return _below(self.lo, self.lo_closed, other.hi, other.hi_closed) and _below(
            other.lo, other.lo_closed, self.hi, self.hi_closed
        )

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def describe(self, digits: int = 4) -> str:
        lo = "-inf" if self.lo is None else f"{float(self.lo):.{digits}g}"
        hi = "+inf" if self.hi is None else f"{float(self.hi):.{digits}g}"
        return f"{'[' if self.lo_closed and self.lo is not None else '('}{lo}, {hi}{']' if self.hi_closed and self.hi is not None else ')'}"


def _below(lo, lo_closed, hi, hi_closed) -> bool:
    """Can a value be >= lo (or > lo) and <= hi (or < hi) at once?"""
    if lo is None or hi is None:
        return True
    if lo < hi:
        return True
    return lo == hi and lo_closed and hi_closed


def half_unit(value_text: str) -> Fraction:
    return Fraction(1, 2 * 10 ** decimals_of(value_text))


def stated(value_text: str, bound: str = "=") -> Interval:
    """The interval a printed number admits, given its printed precision and bound word."""
    v = Fraction(value_text)
    h = half_unit(value_text)
    if bound == "=":
        return Interval(v - h, v + h, True, False)
    if bound == ">":
        return Interval(v - h, None, False, False)
    if bound == ">=":
        return Interval(v - h, None, True, False)
    if bound in ("<", "<="):
        return Interval(None, v + h, False, False)
    if bound == "~":
        return Interval(v * (1 - ABOUT_SLACK) - h, v * (1 + ABOUT_SLACK) + h)
    raise ValueError(f"unknown bound {bound!r}")


def stated_exact(value_text: str, bound: str = "=") -> Interval:
    """The interval a printed number admits when taken as exact (no rounding), given its bound word.

    A check that holds with ``stated`` but not with ``stated_exact`` holds only
    at the edge of rounding; 约 keeps its slack, since "about" is a word, not a rounding.
    """
    v = Fraction(value_text)
    if bound == "=":
        return Interval(v, v)
    if bound == ">":
        return Interval(v, None, False, False)
    if bound == ">=":
        return Interval(v, None, True, False)
    if bound == "<":
        return Interval(None, v, False, False)
    if bound == "<=":
        return Interval(None, v, False, True)
    if bound == "~":
        return Interval(v * (1 - ABOUT_SLACK), v * (1 + ABOUT_SLACK))
    raise ValueError(f"unknown bound {bound!r}")


#: how a printed number is read: with its rounding (``loose``), as exact (``exact``), or as a figure to be
#: met (``target``: a rounded figure keeps its rounding, a bound word binds the printed number itself)
READS = ("loose", "exact", "target")


def stated_as(value_text: str, bound: str, how: str) -> Interval:
    """``stated``, ``stated_exact``, or the target reading: rounding for = and 约, exact for bounds."""
    if how == "loose" or (how == "target" and bound in ("=", "~")):
        return stated(value_text, bound)
    if how in ("exact", "target"):
        return stated_exact(value_text, bound)
    raise ValueError(f"unknown reading {how!r}")


def midpoint(x: Interval) -> Fraction:
    """The middle of a bounded interval; the finite end of a half-open one (the printed figure of 突破3.2亿)."""
    if x.bounded:
        return (x.lo + x.hi) / 2
    return x.lo if x.lo is not None else x.hi


def point(x) -> Interval:
    x = Fraction(x)
    return Interval(x, x)


def scale(a: Interval, k) -> Interval:
    k = Fraction(k)
    if k < 0:
        raise ValueError("scale by a positive factor")
    return Interval(None if a.lo is None else a.lo * k, None if a.hi is None else a.hi * k, a.lo_closed, a.hi_closed)


def add(a: Interval, b: Interval) -> Interval:
    lo = None if a.lo is None or b.lo is None else a.lo + b.lo
    hi = None if a.hi is None or b.hi is None else a.hi + b.hi
    return Interval(lo, hi)


def sub(a: Interval, b: Interval) -> Interval:
    lo = None if a.lo is None or b.hi is None else a.lo - b.hi
    hi = None if a.hi is None or b.lo is None else a.hi - b.lo
    return Interval(lo, hi)


def _require_positive(*intervals: Interval) -> None:
    for i in intervals:
        if i.lo is None or i.lo <= 0:
            raise ValueError(f"products and quotients need intervals above 0, got {i.describe()}")


def mul(a: Interval, b: Interval) -> Interval:
    _require_positive(a, b)
    return Interval(a.lo * b.lo, None if a.hi is None or b.hi is None else a.hi * b.hi)


def div(a: Interval, b: Interval) -> Interval:
    """a / b for positive intervals; b must be bounded above 0."""
    _require_positive(a, b)
    lo = a.lo / b.hi if b.hi is not None else Fraction(0)
    hi = None if a.hi is None else a.hi / b.lo
    return Interval(lo, hi)


def power(a: Interval, exponent: Fraction) -> Interval:
    """a ** exponent for a positive interval (monotone for exponent > 0)."""
    _require_positive(a)
    e = float(exponent)
    lo = Fraction(float(a.lo) ** e)
    hi = None if a.hi is None else Fraction(float(a.hi) ** e)
    return Interval(lo, hi)
