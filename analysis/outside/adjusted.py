"""A full-year claim against a part of the year, with the adjustment stated (``adjustment`` = ``pace_held``).

A partial period is never the record for the whole year, so it never makes a plain
"departs". What it does support is a comparison with its assumption in the open:
*if the year-to-date pace held*, the full year is the previous full year grown by
the year-to-date growth rate. The claim is held against that, and the sentence also
says what the rest of the year would have needed for the claim to hold.

For a level series ``S`` (the map names it with a partial period such as
``2025-01/09``) the rows used are: ``S`` for the partial period, ``S_YOY`` (its
growth) for the same period and ``S`` for the previous full year. For a growth
series ``S_YOY`` the implied full-year growth is the year-to-date growth itself, and
the level rows give the rest of the year's need. Everything is computed from the
rows' printed values as intervals; nothing is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from analysis.base import intervals as iv

PACE_HELD = "pace_held"
ADJUSTMENTS = (PACE_HELD,)
YOY = "_YOY"


@dataclass(frozen=True)
class PaceHeld:
    level_series: str
    implied: iv.Interval  # the full year if the pace held: a level (base units) or a growth (ratio, 0.064)
    rest_needed: Fraction | None  # growth the rest of the year would need for the claim to hold (ratio)
    ytd_growth: Fraction  # the year-to-date growth (ratio)
    rows: tuple[dict, ...]  # the partial level, its growth and the previous full year


def level_and_growth(series_id: str) -> tuple[str, str]:
    base = series_id[: -len(YOY)] if series_id.endswith(YOY) else series_id
    return base, base + YOY


def full_year(period: str) -> int:
    return int(period[:4])


def pace_held(series_id: str, partial_period: str, claim_value: Fraction, row_of, interval_of) -> PaceHeld | None:
    """The full year implied if the partial period's pace held, and what the rest of the year would need.

    ``row_of(series, period)`` returns a usable row (any figure kind) or None; ``interval_of(row)`` its interval in
    base units (a growth row in ratio units: 6.4 % is 0.064). ``claim_value`` is the claim's figure: a level in
    base units for a level series, a growth ratio for a growth series. None when a row is missing."""
    level, growth = level_and_growth(series_id)
    previous = str(full_year(partial_period) - 1)
    part, g, prev = row_of(level, partial_period), row_of(growth, partial_period), row_of(level, previous)
    if g is None or (series_id == level and (prev is None or part is None)):
        return None
    g_iv = interval_of(g)
    one_plus_g = iv.add(iv.point(1), g_iv)
    rest_needed = None
    if part is not None and prev is not None:
        p_part, p_prev = iv.midpoint(interval_of(part)), iv.midpoint(interval_of(prev))
        g_mid = iv.midpoint(g_iv)
        prev_part = p_part / (1 + g_mid)  # the same months of the previous year
        target = claim_value if series_id == level else p_prev * (1 + claim_value)
        rest_prev = p_prev - prev_part
        if rest_prev > 0:
            rest_needed = (target - p_part) / rest_prev - 1
    if series_id == level:
        implied = iv.mul(interval_of(prev), one_plus_g)
    else:
        implied = g_iv
    rows = tuple(r for r in (part, g, prev) if r is not None)
    return PaceHeld(level, implied, rest_needed, iv.midpoint(g_iv), rows)
