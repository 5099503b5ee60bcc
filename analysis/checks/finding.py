"""The finding: what every check produces, its verdicts and severities.

A finding names statements of the report and says whether they can all hold;
it never says which one is wrong. Every check module (``restatement``,
``relations``, ``share_sums``, ``official``, ``forecast``) returns a list of
these, and ``findings`` assembles the register. This module imports nothing
above ``ledger`` and ``intervals``.

Verdicts, from the most to the least serious (documented in the book's "How to
read this audit"; their words for readers are in ``analysis/words/``):

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
from analysis.words import (  # noqa: F401 (the finding's vocabulary, re-exported for the checks)
    AT_THE_EDGE,
    BOUND_WORDS_EN,
    CHECKS,
    CLAIM_STATUS,
    DEPARTS_WORDS,
    OUTSIDE_CHECKED,
    OUTSIDE_NOT_CHECKABLE,
    OUTSIDE_STATUSES,
    SEVERITIES,
    SHOWN,
    STATUS_ORDER,
    VERDICT_WORDS,
    VERDICTS,
)


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
    #: how sure the finding is (``certainty.assess``): strong, moderate or weak, and why it is less than strong
    certainty: str = "strong"
    certainty_reasons: list[str] = field(default_factory=list)

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
        f" It holds only {AT_THE_EDGE}: recomputed from the numbers as printed it misses the "
        f"stated figure; with their rounding it gives {loose.describe()}."
    )


#: checks against the outside record: failing one is a departure from that record, not arithmetic
OUTSIDE_CHECK_NAMES = ("official", "forecast")


def departs_from_outside(f) -> bool:
    """A failed check against the outside record: a departure from that record, not arithmetic that fails."""
    return f.verdict == "inconsistent" and f.check in OUTSIDE_CHECK_NAMES


def holds_only_as_bound(f) -> bool:
    """A check against the outside record that holds only as a bound or on one reading: a part not above its
    official whole (or a whole not below its part), or a figure compared on a reading of words that leave open
    what it measures (``definition`` open in the map). Consistent with the record, it confirms nothing."""
    if f.check != "official" or f.verdict not in ("consistent", "edge"):
        return False
    return f.extra.get("comparison") in ("part_of", "contains") or bool(f.extra.get("open_base"))


def verdict_word(f) -> str:
    """A finding's verdict in words: a failed check against the outside record departs from it."""
    if departs_from_outside(f):
        return DEPARTS_WORDS
    return VERDICT_WORDS[f.verdict]
