"""The declared recomputations (``relations.csv``): each can be recomputed from the claims it names."""

from __future__ import annotations

from analysis.base import numbers
from analysis.base.numbers import is_digits
from analysis.base.validation import Context, check, register_vocabulary
from analysis.checks.relations import ARITHMETIC, RELATION_KINDS
from analysis.ledger.rules import _claims_by_id

register_vocabulary("relations.csv", "kind", "relations.RELATION_KINDS", lambda: RELATION_KINDS)


@check("relations.csv", "claims.csv")
def _relations(ctx: Context):
    claims = _claims_by_id(ctx)
    rel = "relations.csv"
    counts = {"growth": 2, "speedup": 2, "cagr": 2, "multiple": 2, "change_pp": 2, "implied_base": 2, "same_change": 2}
    for n, row in ctx.numbered(rel):
        ident = row["relation_id"]
        tokens = row["inputs"].split()
        ids = [t.lstrip("-") for t in tokens]
        if any(i not in claims for i in ids) or (row["target"] and row["target"] not in claims):
            continue  # reported by the references
        kind = row["kind"]
        if kind in counts and len(ids) != counts[kind]:
            yield ctx.problem(rel, n, ident, "inputs", f"{kind} takes {counts[kind]} claims, got {len(ids)}")
            continue
        if kind != "same_change" and any(t.startswith("-") for t in tokens):
            yield ctx.problem(rel, n, ident, "inputs", "a leading - (a decrease) is for same_change only")
        if kind == "same_change" and row["target"]:
            yield ctx.problem(rel, n, ident, "target", "same_change compares its two inputs; it takes no target")
        rows = [claims[i] for i in ids] + ([claims[row["target"]]] if row["target"] else [])
        for r in rows:
            if not r.get("value"):
                yield ctx.problem(rel, n, ident, "inputs", f"claim {r['claim_id']} has no value to recompute")
        if any(not r.get("value") for r in rows):
            continue
        units = [claims[i].get("unit") for i in ids]
        if kind in ARITHMETIC and len(set(units)) > 1:
            yield ctx.problem(rel, n, ident, "inputs", f"{kind} needs inputs in one unit, got {' '.join(units)}")
        if kind in ("growth", "speedup", "cagr", "multiple", "implied_base"):
            divisor = ids[0] if kind in ("growth", "cagr", "speedup") else ids[1]
            if float(claims[divisor]["value"]) == 0:
                yield ctx.problem(rel, n, ident, "inputs", f"claim {divisor} is 0: cannot divide by it")
        if kind == "cagr":
            start, end = (numbers.year_of(claims[i].get("period", "")[-4:]) for i in ids)
            if start is None or end is None or end <= start:
                yield ctx.problem(
                    rel,
                    n,
                    ident,
                    "inputs",
                    "cagr needs a start and an end claim dated with years, the end after the start",
                )
        if kind == "same_change":
            for i in ids:
                unit = claims[i].get("unit", "")
                if not (unit in ("%", "倍") or (unit.startswith("/") and is_digits(unit[1:]))):
                    yield ctx.problem(
                        rel, n, ident, "inputs", f"claim {i} (unit {unit}) cannot be read as a change (%, 倍 or /N)"
                    )
