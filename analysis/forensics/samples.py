"""Which numbers enter the digit tests: the report's claims and, as a control, the outside record's figures.

The report's side is ``data/claims.csv``. Years, dates, section numbers and product names are never
claims (the ledger keeps them apart in ``non_claims.csv``, counted here by category). Of the claims,
these are left out, each with its reason (``LEFT_OUT``):

- a structural form (``STRUCTURAL_UNITS``): a fraction such as 1/5, a count of steps or tiers (3步, 3层);
- a target: a goal is chosen by definition, so its roundness says nothing about measurement;
- a duration: minutes, hours and days are rounded on clocks and calendars (30 minutes, 48 hours,
  7 days), not on a decimal grid, so a last-digit test does not apply;
- a price: set by a seller (399元, 9.9美元 end in 9 on purpose), not measured.

The control is the published figures already in the outside record: ``official_stats.csv`` and the
single numbers of ``outside_sources.csv``, each published figure once (a figure several pages repeat
counts once), of a kind that is the record for its period (``CONTROL_KINDS``: no projection, no
analyst's estimate), from a usable source (no ``doubtful`` page), in a unit the publisher prints in
(``RAW_UNITS``, whole won, are stored with the conversion's zeros: 1369000000 for 13.69억).

Both sides are grouped by *unit kind*: percentages (% and percentage points), amounts of money,
multiples (倍), counts (people, items, businesses, visits), other.
"""

from __future__ import annotations

import pandas as pd

from analysis.base.keys import chapter_of
from analysis.forensics.digits import form
from analysis.outside.official import USABLE_QUALITY

UNIT_KINDS = ("percent", "amount", "multiple", "count", "other")
STRUCTURAL_UNITS = ("/5", "/6", "步", "层")
#: claim kinds left out, with their reason ids (words.FORENSICS_LEFT_OUT)
LEFT_OUT_KINDS = {"target": "target", "duration": "duration", "price": "price"}
CONTROL_KINDS = ("actual", "preliminary", "partial_period")
RAW_UNITS = ("KRW",)
_MONEY = ("CNY", "USD", "EUR")
_COUNTED = ("persons", "items", "organisations", "person_visits", "times", "count")


def claim_unit_kind(unit: str, base_unit: str) -> str:
    if unit in ("%", "个百分点"):
        return "percent"
    if unit == "倍":
        return "multiple"
    if base_unit in _MONEY:
        return "amount"
    if base_unit in _COUNTED:
        return "count"
    return "other"


def outside_unit_kind(unit: str) -> str:
    """An outside unit (pct, CNY_100m, persons_10k, EUR_m, items...) as a unit kind."""
    head = unit.split("_")[0]
    if head == "pct":
        return "percent"
    if head in _MONEY or head in ("KRW",):
        return "amount" if "per" not in unit else "other"
    if head in _COUNTED or head in ("countries",):
        return "count"
    return "other"


def left_out_reason(row: dict) -> str:
    """Why a claim is left out of the digit tests ('' when it enters)."""
    if row["unit"] in STRUCTURAL_UNITS:
        return "structural"
    if not row["value"] or form(row["value"]) is None:
        return "no_value"
    return LEFT_OUT_KINDS.get(row["kind"], "")


def report_sample(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the claims that enter, with unit kind, chapter and printed form; the claims left out, with reason)."""
    rows, out = [], []
    for r in claims.to_dict("records"):
        reason = left_out_reason(r)
        if reason:
            out.append({"claim_id": r["claim_id"], "span": r["span"], "kind": r["kind"], "reason": reason})
            continue
        rows.append(
            {
                "claim_id": r["claim_id"],
                "paragraph": r["paragraph"],
                "chapter": chapter_of(r["paragraph"]),
                "entity": r["entity"],
                "value": r["value"],
                "unit": r["unit"],
                "bound": r["bound"],
                "unit_kind": claim_unit_kind(r["unit"], r["base_unit"]),
                "form": form(r["value"]),
            }
        )
    cols = ["claim_id", "paragraph", "chapter", "entity", "value", "unit", "bound", "unit_kind", "form"]
    return pd.DataFrame(rows, columns=cols), pd.DataFrame(out, columns=["claim_id", "span", "kind", "reason"])


def non_claim_counts(non_claims: pd.DataFrame) -> dict[str, int]:
    """Number-bearing spans the ledger keeps out of the claims, by category (date, name, definition, other)."""
    occ = pd.to_numeric(non_claims["occurrences"], errors="coerce").fillna(1).astype(int)
    return {k: int(v) for k, v in occ.groupby(non_claims["category"]).sum().sort_index().items()}


def control_sample(official: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """(the control: each published figure once, with unit kind and printed form; rows left out, by reason)."""
    a = official.assign(origin="official_stats", who=official["series_id"])
    b = sources.assign(origin="outside_sources", who=sources["source_org"])
    cols = ["origin", "who", "period", "value", "unit", "figure_kind", "source_quality"]
    both = pd.concat([a[cols], b[cols]], ignore_index=True)
    left: dict[str, int] = {}
    keep = []
    seen = set()
    for r in both.to_dict("records"):
        if r["figure_kind"] not in CONTROL_KINDS:
            reason = "not_record"
        elif r["source_quality"] not in USABLE_QUALITY:
            reason = "doubtful"
        elif form(r["value"]) is None:
            reason = "not_single"
        elif r["unit"] in RAW_UNITS:
            reason = "raw_unit"
        elif (r["who"], r["period"], r["value"], r["unit"]) in seen:
            reason = "repeat"
        else:
            seen.add((r["who"], r["period"], r["value"], r["unit"]))
            keep.append({**r, "unit_kind": outside_unit_kind(r["unit"]), "form": form(r["value"])})
            continue
        left[reason] = left.get(reason, 0) + 1
    return pd.DataFrame(keep, columns=cols + ["unit_kind", "form"]), dict(sorted(left.items()))


def forms_by_kind(sample: pd.DataFrame) -> dict[str, list]:
    return {k: list(g["form"]) for k, g in sample.groupby("unit_kind", sort=True)}
