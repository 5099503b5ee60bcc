"""The declared recomputations (``relations.csv``): each can be recomputed from the claims it names."""

from __future__ import annotations

from analysis.base import numbers
from analysis.base.keys import claim_sort_key
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
        yield from (ctx.problem(rel, n, ident, "inputs", m) for m in _input_order(kind, ids, row["target"], claims))
        if kind == "same_change":
            for i in ids:
                unit = claims[i].get("unit", "")
                if not (unit in ("%", "倍") or (unit.startswith("/") and is_digits(unit[1:]))):
                    yield ctx.problem(
                        rel, n, ident, "inputs", f"claim {i} (unit {unit}) cannot be read as a change (%, 倍 or /N)"
                    )


def _input_order(kind: str, ids: list[str], target: str, claims: dict[str, dict]):
    """The inputs in the order the kind reads them, so reversing them cannot fabricate impossible arithmetic:
    a change from the earlier to the later (``growth``, ``speedup``: dated in order, or, undated in one
    paragraph, in reading order), a ``multiple``'s first input is the claim its target compares (the one in the
    target's paragraph), an ``implied_base`` is a level and then its share (%)."""
    a, b = (claims[i] for i in ids[:2]) if len(ids) == 2 else (None, None)
    if a is None:
        return
    if kind in ("growth", "speedup"):
        ya, yb = numbers.year_of(a.get("period", "")[-4:]), numbers.year_of(b.get("period", "")[-4:])
        if ya is not None and yb is not None and ya > yb:
            yield f"{kind} runs from the earlier claim to the later: {ids[0]} ({ya}) comes after {ids[1]} ({yb})"
        elif (ya is None or yb is None or ya == yb) and a["paragraph"] == b["paragraph"]:
            if claim_sort_key(ids[0]) > claim_sort_key(ids[1]):
                yield f"{kind} runs from the first stated to the second: {ids[1]} comes before {ids[0]} in the text"
    if kind == "multiple" and target:
        here = claims[target]["paragraph"]
        if b["paragraph"] == here and a["paragraph"] != here:
            yield f"a multiple's first input is the claim its target {target} compares: {ids[1]}, in its paragraph"
    if kind == "implied_base" and (a.get("unit") == "%" or b.get("unit") != "%"):
        yield f"implied_base takes a level and then its share (%): got {a.get('unit')} then {b.get('unit')}"


#: kinds whose claims are all of one measure (a sum of shares, a ratio of two rates, a change of one quantity)
ONE_METRIC = ("sum", "multiple", "growth", "cagr", "speedup", "change_pp", "same_change")
#: kinds whose inputs are one subject's figures (a change of one quantity; a level over its own share)
ONE_ENTITY = ("growth", "cagr", "speedup", "change_pp", "same_change", "implied_base")


@check("relations.csv", "claims.csv")
def _relation_facts(ctx: Context):
    """A relation's claims are of the facts its kind needs: one measure for a sum, a multiple or a change; one
    subject for a change or an implied base (a part re-pointed at another quantity recomputes nothing real)."""
    claims = _claims_by_id(ctx)
    for n, row in ctx.numbered("relations.csv"):
        ids = [t.lstrip("-") for t in row["inputs"].split()]
        if any(i not in claims for i in ids):
            continue  # reported by the references
        kind, inputs = row["kind"], [claims[i] for i in ids]
        summed = inputs + ([claims[row["target"]]] if kind == "sum" and row["target"] in claims else [])
        if kind in ONE_METRIC and len({c["metric"] for c in summed}) > 1:
            named = ", ".join(f"{c['claim_id']} {c['metric']}" for c in summed)
            yield ctx.problem(
                "relations.csv", n, row["relation_id"], "inputs", f"{kind} needs claims of one measure, got {named}"
            )
        if kind in ONE_ENTITY and len({c["entity"] for c in inputs}) > 1:
            named = ", ".join(f"{c['claim_id']} {c['entity']}" for c in inputs)
            yield ctx.problem(
                "relations.csv", n, row["relation_id"], "inputs", f"{kind} needs one subject's figures, got {named}"
            )
