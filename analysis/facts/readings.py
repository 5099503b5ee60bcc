"""How a claim's value reads: where its period comes from, and its value as a ratio of new to old.

Each claim carries two columns that say how to read it (``data/claims.csv``):

- ``period_basis``: where its period comes from: ``stated`` (a year in the
  claim's own clause), ``sentence`` (a year elsewhere in its sentence),
  ``context`` (read from the surrounding text; the note must say why), ``none``
  (no period). The gate checks the first two against the text.
- ``reading``: how the value maps onto a ratio of new to old, when claims of one
  fact use different forms: ``decrease`` (降低60% is x0.4), ``increase`` (提升35%
  is x1.35), empty (the value as stated; 1/5 is x0.2, 3倍 is x3 or x4).

``comparable`` puts two claims' values on a common footing (base values, or ratios).
"""

from __future__ import annotations

import re
from fractions import Fraction

from analysis import ledger
from analysis.base import intervals as iv
from analysis.base import numbers, textsim
from analysis.base.numbers import is_digits

PERIOD_BASES = {
    "stated": "a year in the claim's own clause",
    "sentence": "a year elsewhere in its sentence",
    "context": "read from the surrounding text (the note says why)",
    "none": "no period",
}
READINGS = {
    "": "the value as stated",
    "decrease": "a fall by the value (new/old = 1 - value)",
    "increase": "a rise by the value (new/old = 1 + value)",
}
DECREASE_WORDS = re.compile(r"降|减|缩|下降|少")


# --- how a claim reads ------------------------------------------------------------------------------
def _years_in(text: str) -> set[str]:
    return {t for t in numbers.NUMBER_TOKEN.findall(text) if numbers.is_year(t)}


def default_period_basis(row: dict, text: str) -> str:
    """Where the claim's period is found: its clause, its sentence, elsewhere (context), or nowhere."""
    if not row["period"]:
        return "none"
    start = ledger.span_start(text, row["span"], int(row["occurrence"])) or 0
    end = start + len(row["span"])
    clause = textsim.around(text, start, end, textsim.CLAUSE_STOPS)
    sentence = textsim.around(text, start, end, textsim.SENTENCE_STOPS)
    year = row["period"][-4:]
    if year in _years_in(clause) or year in _years_in(row["span"]):
        return "stated"
    if year in _years_in(sentence):
        return "sentence"
    return "context"


# --- values on a common footing -----------------------------------------------------------------------
def base_interval(row: dict, scales: dict[str, Fraction], how: str = "loose") -> iv.Interval:
    """A claim's interval in its base unit (亿 and 万 scale; a fraction's numerator is exact)."""
    unit = row["unit"]
    if unit.startswith("/") and is_digits(unit[1:]):
        return iv.point(Fraction(row["value"]) / int(unit[1:]))
    return iv.scale(iv.stated_as(row["value"], row["bound"], how), scales[unit])


def change_ratios(row: dict, direction: str = "", how: str = "loose") -> list[iv.Interval] | None:
    """A claim as a ratio new/old under every reading its words allow; None if it states no change.

    ``1/5`` -> 0.2, the numerator taken as exact; ``高出3.2倍`` -> 3.2 or 4.2 (Chinese
    usage admits both "3.2 times" and "3.2 times more"); a percentage with
    ``direction`` ``decrease`` (降低60% -> 0.4) or ``increase`` (提升35% -> 1.35).
    ``relations`` (same_change) and ``comparable`` both read changes through this.
    """
    unit = row["unit"]
    if unit.startswith("/") and is_digits(unit[1:]):
        return [iv.point(Fraction(row["value"]) / int(unit[1:]))]
    if unit == "倍":
        times = iv.stated_as(row["value"], row["bound"], how)
        return [times, iv.add(times, iv.point(1))]
    if unit == "%" and direction in ("decrease", "increase"):
        pct = iv.scale(iv.stated_as(row["value"], row["bound"], how), Fraction(1, 100))
        return [iv.sub(iv.point(1), pct) if direction == "decrease" else iv.add(iv.point(1), pct)]
    return None


def comparable(
    a: dict, b: dict, scales: dict[str, Fraction], how_a: str = "loose", how_b: str = "loose"
) -> tuple[list, list, str] | None:
    """The two claims' value intervals on one footing, and what that footing is; None if they have none.

    Same base unit and same reading: compare the base values (13.8万亿元 with 138000亿元).
    Otherwise, both read as a ratio of new to old (1/5, 降低80%, 3倍).
    """
    if a["base_unit"] == b["base_unit"] and a["reading"] == b["reading"] and a["base_unit"]:
        return [base_interval(a, scales, how_a)], [base_interval(b, scales, how_b)], "value"
    ra, rb = change_ratios(a, a["reading"], how_a), change_ratios(b, b["reading"], how_b)
    # a fall by more than 100 % is no ratio to compare
    if ra and rb and all(r.lo is None or r.lo >= 0 for r in ra + rb):
        return ra, rb, "ratio to the old value"
    return None
