"""Restatements: every two claims of one fact, in different paragraphs, compared on their values.

Claims of one fact (``facts``) are compared whatever their wording: on their
base values (亿 and 万 scale), or, when one states a level and the other a
change, both as a ratio of new to old (1/5, 降低80%, 3倍). Rounding and bound
words widen each value into an interval (``intervals``).

What a pair means depends on the periods (``period_basis`` on each claim):

- both periods stated (in the clause or its sentence) and equal: values no
  rounding reconciles are a **contradiction** (high);
- different stated periods: a **change over time** (low): both may hold;
- a claim with no year that repeats, with the same value, a dated claim of its
  fact takes that year, marked inferred (``facts.periods``): it can separate two
  periods (a change), never make one;
- otherwise (no year on one or both, or a year read only from context): **two
  values for one fact** whose periods cannot be told apart (medium): a reader
  cannot quote either without checking;
- a target against a stated figure of the same measure is a change (low): a
  goal and a result may both hold.

A pair that agrees only thanks to rounding is ``edge`` (info, shown); one that
agrees with room to spare is ``consistent`` (info, listed with
``--include-consistent``).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import pandas as pd

from analysis import facts as facts_mod
from analysis import ledger
from analysis.checks.finding import AT_THE_EDGE, Finding, fmt, paragraphs_of
from analysis.facts.periods import FIRM_BASES, INFERRED, with_inferred
from analysis.words import PERIOD_INFERRED_TEXT


def period_tier(a: dict, b: dict) -> str:
    """'same' (one firm period), 'different' (two firm periods), or 'unclear'."""
    if a["period_basis"] in FIRM_BASES and b["period_basis"] in FIRM_BASES:
        return "same" if a["period"] == b["period"] else "different"
    if a["period"] and b["period"] and a["period"] != b["period"]:
        return "different"  # two years, one read from context: still two moments
    return "unclear"


def _period_text(row: dict) -> str:
    if not row["period"]:
        return "no year"
    if row["period_basis"] == INFERRED:
        return PERIOD_INFERRED_TEXT.format(period=row["period"], twins=", ".join(row["period_from"]))
    return row["period"] if row["period_basis"] in FIRM_BASES else f"{row['period']} (read from context)"


def compare_pair(a: dict, b: dict, scales: dict[str, Fraction], subject: str) -> Finding | None:
    """The finding for two claims of one fact, or None if they cannot be put on one footing."""
    loose = facts_mod.comparable(a, b, scales)
    if loose is None:
        return None
    la, lb, footing = loose
    agree = any(x.overlaps(y) for x in la for y in lb)
    # as printed, one value must fall within the other's own rounding (statcheck's rule, both ways)
    agree_exact = any(
        any(x.overlaps(y) for x in xa for y in yb)
        for xa, yb, _ in (
            facts_mod.comparable(a, b, scales, "exact", "target"),
            facts_mod.comparable(a, b, scales, "target", "exact"),
        )
    )
    tier = period_tier(a, b)
    pa, pb = _period_text(a), _period_text(b)
    ids = sorted([a["claim_id"], b["claim_id"]], key=ledger.claim_sort_key)
    on = "" if footing == "value" else f" (compared as a {footing})"
    if agree:
        verdict = "consistent" if agree_exact else "edge"
        severity = "info"
        text = f"{subject}: {fmt(a)} for {pa} and {fmt(b)} for {pb} agree within rounding{on}."
        if not agree_exact:
            text = (
                f"{subject}: {fmt(a)} for {pa} and {fmt(b)} for {pb} agree only {AT_THE_EDGE}{on}: "
                f"neither, as printed, falls within the other's rounding; the intervals "
                f"{' or '.join(x.describe() for x in la)} and {' or '.join(y.describe() for y in lb)} just touch."
            )
    elif (a["kind"] == "target") != (b["kind"] == "target"):
        goal, figure = (a, b) if a["kind"] == "target" else (b, a)
        verdict, severity = "changed", "low"
        text = (
            f"{subject}: a target of {fmt(goal)} ({_period_text(goal)}) against a stated figure of "
            f"{fmt(figure)} ({_period_text(figure)}){on}: a goal and a result; both may hold."
        )
    elif tier == "same":
        verdict, severity = "contradiction", "high"
        text = f"{subject} for {a['period']} is stated as {fmt(a)} and as {fmt(b)}{on}; no rounding makes both true."
    elif tier == "different":
        verdict, severity = "changed", "low"
        text = f"{subject} is {fmt(a)} for {pa} and {fmt(b)} for {pb}{on}: a change over time; both may hold."
    else:
        verdict, severity = "two_values", "medium"
        text = (
            f"{subject} is stated as {fmt(a)} ({pa}) and as {fmt(b)} ({pb}){on}. Nothing in the text says "
            "the two refer to different periods, so a reader cannot tell which to quote."
        )
    return Finding(
        id=f"restatement:{ids[0]}~{ids[1]}",
        check="restatement",
        severity=severity,
        paragraphs=paragraphs_of([a, b]),
        claims=ids,
        explanation=text,
        quotes=[a["span"], b["span"]],
        verdict=verdict,
        extra={
            "fact_id": a["fact_id"],
            "tier": tier,
            "period_bases": sorted({a["period_basis"], b["period_basis"]}),
            "inferred": {
                r["claim_id"]: {"period": r["period"], "twins": list(r["period_from"])}
                for r in (a, b)
                if r["period_basis"] == INFERRED
            },
        },
    )


def restatement_findings(claims: pd.DataFrame, fact_labels: dict[str, str], units: pd.DataFrame) -> list[Finding]:
    """Every pair of valued claims of one fact in two paragraphs."""
    scales = ledger.exact_unit_scales(units)
    found = []
    usable = claims[claims["value"] != ""]
    for fact_id, group in usable.groupby("fact_id", sort=True):
        rows = sorted(group.to_dict("records"), key=lambda r: ledger.claim_sort_key(r["claim_id"]))
        rows = with_inferred(rows, scales)  # an undated claim that repeats a dated twin takes its period
        if len({r["paragraph"] for r in rows}) < 2:
            continue
        subject = fact_labels.get(fact_id, fact_id)
        for a, b in combinations(rows, 2):
            if a["paragraph"] == b["paragraph"]:
                continue
            f = compare_pair(a, b, scales, subject)
            if f is not None:
                found.append(f)
    return found
