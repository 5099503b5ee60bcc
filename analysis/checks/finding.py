"""The finding: what every check produces, its verdicts and severities.

A finding names statements of the report and says whether they can all hold;
it never says which one is wrong. Every check module (``restatement``,
``relations``, ``share_sums``, ``official``, ``forecast``) returns a list of
these, and ``findings`` assembles the register. This module imports nothing
above ``ledger`` and ``intervals``.

Verdicts, from the most to the least serious (documented in the book's "How to
read this audit"):

=============== ====================================================================
contradiction   one fact, one stated period, values no rounding reconciles
inconsistent    arithmetic, a whole, an official figure or a forecast the statements
                cannot meet
two_values      one fact, two values, and the periods cannot be told apart (no year on
                one or both, or a year read only from context)
changed         one fact, two stated periods, two values: both may hold
edge            holds, but only at the edge of rounding: recomputed from the printed
                numbers it misses the stated figure's own rounding (shown with its
                interval, not hidden as consistent)
consistent      checked and holds with room to spare
computed        recomputed, with nothing to hold it against
=============== ====================================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from analysis import ledger
from analysis.base import intervals as iv

CHECKS = {
    "restatement": "two claims of one fact (same subject, measure and qualifiers) compared on their values",
    "sum": "parts against their whole (a stated sum, shares against 100 %, the shares of one curated whole across the report)",
    "growth": "a growth rate against the two levels it compares",
    "speedup": "a stated improvement against the cut in a duration it comes from (as a cut or as a speed-up)",
    "cagr": "a compound annual growth rate against start and end values",
    "multiple": "an N-times statement against the two values it compares",
    "change_pp": "a change in percentage points against two percentages",
    "same_change": "two statements of one change (a percentage, a fraction, an N-times) against each other",
    "implied_base": "the total implied by a level and its share, against a stated or official total",
    "official": "a national figure against the official statistic",
    "forecast": "a 2026 figure against the forecasts of a family of models from official series",
}
SEVERITIES = ["high", "medium", "low", "info"]
VERDICTS = {
    "contradiction": "one fact, one period, values no rounding reconciles",
    "inconsistent": "arithmetic, a whole, an official figure or a forecast the statements cannot meet",
    "two_values": "one fact, two values, periods that cannot be told apart",
    "changed": "one fact, two stated periods, two values: both may hold",
    "edge": "holds only at the edge of rounding",
    "consistent": "checked and holds",
    "computed": "recomputed, nothing to hold it against",
}
#: verdicts the register lists by default; --include-consistent adds the others
SHOWN = ("contradiction", "inconsistent", "two_values", "changed", "edge")
#: what a verdict means for the claims involved, in the words of the book
CLAIM_STATUS = {
    "contradiction": "contradicted",
    "inconsistent": "contradicted",
    "two_values": "two values",
    "changed": "changed over time",
    "edge": "edge of rounding",
    "consistent": "consistent",
}
STATUS_ORDER = ["contradicted", "two values", "changed over time", "edge of rounding", "consistent", "not checkable"]


@dataclass
class Finding:
    id: str
    check: str
    severity: str
    paragraphs: list[str]
    claims: list[str]
    explanation: str
    quotes: list[str]
    verdict: str = "inconsistent"
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.check not in CHECKS or self.severity not in SEVERITIES or self.verdict not in VERDICTS:
            raise ValueError(
                f"finding {self.id}: unknown check, severity or verdict ({self.check}, {self.severity}, {self.verdict})"
            )

    @property
    def shown(self) -> bool:
        return self.verdict in SHOWN


# --- a claim as a number ---------------------------------------------------------------------------
def claim_interval(row, how: str = "loose") -> iv.Interval:
    """The values a claim admits: with rounding (``loose``), as printed (``exact``), or as a figure to meet
    (``target``); see ``intervals.stated_as``."""
    return iv.stated_as(row["value"], row["bound"], how)


BOUND_WORDS_EN = {"=": "", ">": "over ", ">=": "at least ", "<": "under ", "<=": "at most ", "~": "about "}


def stated_text(row) -> str:
    """A claim as stated, in English bound words and the report's own unit: 'over 1.2万亿元'."""
    return f"{BOUND_WORDS_EN[row['bound']]}{row['value']}{row['unit']}"


def fmt(row) -> str:
    return f"{stated_text(row)} ({row['paragraph']})"


def sorted_ids(rows) -> list[str]:
    return sorted((r["claim_id"] for r in rows), key=ledger.claim_sort_key)


def paragraphs_of(rows) -> list[str]:
    return sorted({r["paragraph"] for r in rows}, key=ledger.paragraph_sort_key)


def in_unit(value_in_base: Fraction | float, unit: str, scales: dict[str, Fraction], digits: int = 4) -> str:
    """A base-unit value in one of the report's units: 1.59722e13 CNY in 万亿元 -> '15.97万亿元'."""
    x = Fraction(value_in_base) / scales[unit]
    return f"{float(x):.{digits}g}{unit}"


def margin_text(loose: iv.Interval, exact_holds: bool) -> str:
    """The sentence that says a check held only thanks to rounding."""
    if exact_holds:
        return ""
    return (
        f" It holds only at the edge of rounding: recomputed from the numbers as printed it misses the "
        f"stated figure; with their rounding it gives {loose.describe()}."
    )


# --- the outside record: each claim's status (data/outside_checks.csv; analysis/outside.py) ----------------
#: held against a named source
OUTSIDE_CHECKED = {
    "official": "an official statistic (NBS, MOFCOM, GACC, CNNIC, CAITEC)",
    "regulator": "a regulator's decision or rule (SAMR, the European Commission, Korea's PIPC, a tax authority)",
    "filing": "a listed company's filing or results release",
    "forecast": "a forecast from an official series",
    "benchmark": "an industry benchmark where no official series exists",
}
#: not checkable, with the reason
OUTSIDE_NOT_CHECKABLE = {
    "platform_internal": "a platform-internal metric that no filing publishes",
    "future_target": "a target, plan or forecast for 2026 or later: nothing to hold it against yet",
    "no_counterpart": "not a statement an outside source could make (an example, the report's own survey or count)",
    "not_found": "an outside source could publish it, but none was found (the searches are recorded)",
}
OUTSIDE_STATUSES = {**OUTSIDE_CHECKED, **OUTSIDE_NOT_CHECKABLE}


#: verdicts in words for readers (the JSON register keeps the ids)
VERDICT_WORDS = {
    "contradiction": "contradiction",
    "inconsistent": "does not add up",
    "two_values": "two values",
    "changed": "changed over time",
    "edge": "edge of rounding",
    "consistent": "consistent",
    "computed": "recomputed",
}
#: checks against the outside record: failing one is a departure from that record, not arithmetic
OUTSIDE_CHECK_NAMES = ("official", "forecast")


def departs_from_outside(f) -> bool:
    """A failed check against the outside record: a departure from that record, not arithmetic that fails."""
    return f.verdict == "inconsistent" and f.check in OUTSIDE_CHECK_NAMES


def verdict_word(f) -> str:
    """A finding's verdict in words: a failed check against the outside record departs from it."""
    if departs_from_outside(f):
        return "departs from the outside record"
    return VERDICT_WORDS[f.verdict]
