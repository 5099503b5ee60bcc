"""Periods carried through consistent restatements.

A claim with no period of its own (``period_basis`` ``none``) often repeats, with the
same value, a claim of its fact that does state one: Dewu's 复购率达45% (2.2.3, no
year) is 4.3.2's 得物复购率达45% for 2025. Such a claim takes its twin's period,
marked as **inferred** (``period_basis`` ``inferred``; ``period_from`` names the
twin), so that a third statement of the fact for another year reads as a change
over time rather than as two values nobody can date.

The rule is deliberately narrow:

- the twin states its period firmly (``stated`` or ``sentence``), in another paragraph;
- the two agree as printed (each within the other's rounding, not only at its edge);
- neither is a target (a goal and a result may share a number by chance);
- every such twin gives the same period: twins that disagree infer nothing.

An inferred period only ever separates two statements (different periods); it never
makes two statements "the same period" for a contradiction: that verdict needs
periods the text states.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from analysis.facts.readings import comparable

#: period bases the text states (checked against the text by the gate)
FIRM_BASES = ("stated", "sentence")
INFERRED = "inferred"


@dataclass(frozen=True)
class Inferred:
    period: str
    twins: tuple[str, ...]  # the dated claims it agrees with, in id order


def agree_as_printed(a: dict, b: dict, scales: dict[str, Fraction]) -> bool:
    """Each value, as printed, falls within the other's rounding (statcheck's rule, both ways)."""
    for how_a, how_b in (("exact", "target"), ("target", "exact")):
        got = comparable(a, b, scales, how_a, how_b)
        if got is None or not any(x.overlaps(y) for x in got[0] for y in got[1]):
            return False
    return True


def infer_periods(rows: list[dict], scales: dict[str, Fraction]) -> dict[str, Inferred]:
    """For the claims of ONE fact: the undated claims whose period follows from a dated twin."""
    out = {}
    for row in rows:
        if row["period"] or not row["value"] or row["kind"] == "target":
            continue
        twins = [
            t
            for t in rows
            if t["paragraph"] != row["paragraph"]
            and t["period_basis"] in FIRM_BASES
            and t["period"]
            and t["value"]
            and t["kind"] != "target"
            and agree_as_printed(row, t, scales)
        ]
        periods = {t["period"] for t in twins}
        if len(periods) == 1:
            out[row["claim_id"]] = Inferred(periods.pop(), tuple(sorted(t["claim_id"] for t in twins)))
    return out


def with_inferred(rows: list[dict], scales: dict[str, Fraction]) -> list[dict]:
    """The rows of one fact, each undated claim with a dated twin carrying the twin's period, marked inferred."""
    found = infer_periods(rows, scales)
    return [
        {
            **r,
            "period": found[r["claim_id"]].period,
            "period_basis": INFERRED,
            "period_from": found[r["claim_id"]].twins,
        }
        if r["claim_id"] in found
        else r
        for r in rows
    ]
