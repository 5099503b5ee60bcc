"""Shares of one whole: parts cannot add up to more than the whole.

Facts that ``data/facts.csv`` marks as parts of one ``whole`` (e.g. each
platform's share of China's e-commerce market) are summed per whole and period
over every paragraph that states one of them. Where a part is stated more than
once for the period, its smallest value is used, so a sum above 100 % is above
it however the restatements are read.

Which shares divide one whole is a curator's judgement, recorded on the fact:
a measure name alone cannot say it (78 % of Xiaohongshu's users and 82 % of
Douyin's users are both a "share of users", of two different wholes).

Claims that a declared ``sum`` relation names as the total of other shares
(the top three's combined share) are wholes, not parts, and are left out.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from analysis.checks.finding import (
    AT_THE_EDGE,
    Finding,
    claim_interval,
    fmt,
    paragraphs_of,
    sorted_ids,
)

HUNDRED = Fraction(100)
LOWER_BOUNDS = ("=", ">", ">=", "~")


def _over_whole(rows: list[dict], exact: bool) -> bool:
    lows = [claim_interval(r, "exact" if exact else "loose") for r in rows]
    total = sum(i.lo for i in lows)
    # the sum of lower ends: open ends (超过) mean the sum is strictly above it
    strict = any(not i.lo_closed for i in lows)
    return total > HUNDRED or (total == HUNDRED and strict)


def _sum_finding(fid: str, rows: list[dict], what: str) -> Finding:
    over = _over_whole(rows, exact=False)
    over_exact = _over_whole(rows, exact=True)
    lows = sum(claim_interval(r).lo for r in rows)
    parts = " + ".join(fmt(r) for r in rows)
    if over:
        verdict, severity = "inconsistent", "high"
        text = f"{what} add up to at least {float(lows):.4g}% ({parts}): more than the whole."
    elif over_exact:
        verdict, severity = "edge", "info"
        text = (
            f"{what} ({parts}) stay within the whole (100%) only {AT_THE_EDGE}: taken as printed "
            f"they exceed it; their lower ends add up to {float(lows):.4g}%."
        )
    else:
        verdict, severity = "consistent", "info"
        text = f"{what} ({parts}) add up to at least {float(lows):.4g}%, within the whole (100%)."
    return Finding(
        id=fid,
        check="sum",
        severity=severity,
        paragraphs=paragraphs_of(rows),
        claims=sorted_ids(rows),
        quotes=[r["span"] for r in rows],
        explanation=text,
        verdict=verdict,
    )


def whole_share_sums(claims: pd.DataFrame, facts: pd.DataFrame, totals: set[str] = frozenset()) -> list[Finding]:
    """Parts of one curated whole, per period, across every paragraph; one finding per whole and period."""
    wholes = {r["fact_id"]: r["whole"] for r in facts.to_dict("records") if r["whole"]}
    labels = dict(zip(facts["fact_id"], facts["label_en"]))
    parts = claims[
        claims["fact_id"].isin(wholes)
        & (claims["unit"] == "%")
        & (claims["value"] != "")
        & claims["bound"].isin(LOWER_BOUNDS)
        & ~claims["claim_id"].isin(totals)
    ]
    found = []
    for (whole, period), group in parts.assign(whole=parts["fact_id"].map(wholes)).groupby(
        ["whole", "period"], sort=True
    ):
        smallest = {}
        for r in sorted(group.to_dict("records"), key=lambda r: r["claim_id"]):
            best = smallest.get(r["fact_id"])
            if best is None or claim_interval(r).lo < claim_interval(best).lo:
                smallest[r["fact_id"]] = r
        if len(smallest) < 2:
            continue
        rows = [smallest[k] for k in sorted(smallest)]
        what = (
            f"The parts of {whole.replace('_', ' ')} for {period or 'no stated year'} "
            f"({', '.join(labels[k] for k in sorted(smallest))})"
        )
        found.append(_sum_finding(f"sum:{whole}:{period or 'no-year'}", rows, what))
    return found
