"""Declared recomputations (``data/relations.csv``): sums, growth, CAGR, multiples, bases, changes.

A human declares which claims a relation combines (the report's words decide
that, not a pattern); this module recomputes it with intervals, twice: with
the rounding each printed number admits, and with the printed numbers taken
as exact. A relation that holds only the first way holds *at the edge of
rounding* (verdict ``edge``), and is shown as such with its interval.
"""

from __future__ import annotations

from fractions import Fraction

from analysis import ledger
from analysis.base import intervals as iv
from analysis.base import paths, schema
from analysis.checks.finding import (
    AT_THE_EDGE,
    CHECKS,
    Finding,
    claim_interval,
    fmt,
    margin_text,
    paragraphs_of,
    sorted_ids,
)
from analysis.facts import change_ratios

RELATION_KINDS = ("sum", "growth", "speedup", "cagr", "multiple", "change_pp", "same_change", "implied_base")
#: kinds whose failure is impossible arithmetic (high); the others compare with an outside base (medium)
ARITHMETIC = ("sum", "growth", "speedup", "cagr", "multiple", "change_pp")


def load_relations(path=None) -> list[dict]:
    path = paths.RELATIONS if path is None else path
    rows = ledger.read_rows(path, schema.columns("relations.csv"))
    for i, row in enumerate(rows, start=2):
        if row["kind"] not in RELATION_KINDS or row["kind"] not in CHECKS:
            raise ledger.LedgerError(f"{path}, row {i} ({row['relation_id']}), field kind: unknown {row['kind']!r}")
    return rows


def relation_finding_id(rel: dict) -> str:
    """The stable id of the finding a declared relation yields: kind:relation_id."""
    return f"{rel['kind']}:{rel['relation_id']}"


def _pct(i: iv.Interval) -> iv.Interval:
    return iv.scale(i, Fraction(1, 100))


def change_factors(row: dict, decrease: bool, how: str = "loose") -> list[iv.Interval]:
    """The ratio new/old a claim states (``facts.change_ratios``); a % input is a rise unless marked ``-``."""
    ratios = change_ratios(row, "decrease" if decrease else "increase", how)
    if ratios is None:
        raise ledger.LedgerError(
            f"{paths.RELATIONS}: claim {row['claim_id']} (unit {row['unit']}) cannot be read as a change"
        )
    return ratios


def _readings(kind: str, inputs: list[dict], how: str) -> tuple[list[iv.Interval], str]:
    """Each value the relation's inputs give, under every reading the kind allows, and a description."""
    values = [claim_interval(r, how) for r in inputs]
    if kind == "sum":
        computed = values[0]
        for v in values[1:]:
            computed = iv.add(computed, v)
        return [computed], " + ".join(fmt(r) for r in inputs)
    if kind == "growth":  # inputs: start level, end level -> growth in %
        return (
            [iv.scale(iv.sub(iv.div(values[1], values[0]), iv.point(1)), 100)],
            f"growth from {fmt(inputs[0])} to {fmt(inputs[1])}",
        )
    if kind == "speedup":  # inputs: duration before, after -> improvement in %, read as the cut or the speed-up
        cut = iv.scale(iv.sub(iv.point(1), iv.div(values[1], values[0])), 100)
        speed = iv.scale(iv.sub(iv.div(values[0], values[1]), iv.point(1)), 100)
        return (
            [cut, speed],
            f"a duration cut from {fmt(inputs[0])} to {fmt(inputs[1])}, read as the cut or as the speed-up (in %),",
        )
    if kind == "cagr":  # inputs: start level, end level; years from their periods
        years = int(inputs[1]["period"][-4:]) - int(inputs[0]["period"][-4:])
        ratio = iv.div(values[1], values[0])
        return (
            [iv.scale(iv.sub(iv.power(ratio, Fraction(1, years)), iv.point(1)), 100)],
            f"CAGR over {years} years from {fmt(inputs[0])} to {fmt(inputs[1])}",
        )
    if kind == "multiple":  # inputs: a, b -> a / b
        return [iv.div(values[0], values[1])], f"{fmt(inputs[0])} / {fmt(inputs[1])}"
    if kind == "change_pp":  # inputs: before, after -> after - before
        return [iv.sub(values[1], values[0])], f"{fmt(inputs[1])} - {fmt(inputs[0])}"
    if kind == "implied_base":  # inputs: part level, share in % -> whole
        return [iv.div(values[0], _pct(values[1]))], f"{fmt(inputs[0])} / {fmt(inputs[1])}"
    raise ledger.LedgerError(f"{paths.RELATIONS}: kind {kind} cannot be recomputed")


def _holds(kind: str, computed: list[iv.Interval], target: dict | None, inputs: list[dict], how: str) -> bool | None:
    """Does any reading meet the target (or the whole, for a sum of % shares)? None: nothing to hold it against."""
    if target is not None:
        stated = claim_interval(target, how)
        return any(c.overlaps(stated) for c in computed)
    if kind == "sum" and all(r["unit"] == "%" for r in inputs):
        return all(c.lo is None or c.lo < 100 or (c.lo == 100 and c.lo_closed) for c in computed)
    return None


def evaluate_relation(rel: dict, by_id: dict[str, dict]) -> Finding:
    """Recompute one declared relation with intervals; the finding carries the verdict either way.

    A relation without a target is checked where a whole is implied (shares in %
    cannot sum past 100 %); otherwise its result is shown as ``computed``, which
    counts as unverifiable, not as consistent.
    """
    if rel["kind"] == "same_change":
        return _same_change(rel, by_id)
    kind = rel["kind"]
    inputs = [by_id[c] for c in rel["inputs"].split()]
    target = by_id[rel["target"]] if rel["target"] else None
    rows = inputs + ([target] if target else [])
    computed, what = _readings(kind, inputs, "loose")
    holds = _holds(kind, computed, target, inputs, "loose")
    described = " or ".join(c.describe() for c in computed)
    if holds is None:
        verdict, text = "computed", f"{what} gives {described}."
    else:
        # statcheck's rule: recomputed from the printed inputs, does it meet the stated figure?
        exact_holds = bool(_holds(kind, _readings(kind, inputs, "exact")[0], target, inputs, "target"))
        verdict = ("consistent" if exact_holds else "edge") if holds else "inconsistent"
        whole = f"the stated {fmt(target)}" if target else "the whole (100%)"
        text = f"{what} gives {described}, {'consistent with' if holds else 'which cannot match'} {whole}." + (
            margin_text(computed[0], exact_holds) if holds else ""
        )
    text = f"{text} {rel['note']}".strip()
    severity = "info" if verdict != "inconsistent" else ("high" if kind in ARITHMETIC else "medium")
    return Finding(
        id=relation_finding_id(rel),
        check=kind,
        severity=severity,
        paragraphs=paragraphs_of(rows),
        claims=sorted_ids(rows),
        explanation=text,
        quotes=[r["span"] for r in rows],
        verdict=verdict,
        extra={"computed": described},
    )


def _same_change(rel: dict, by_id: dict[str, dict]) -> Finding:
    tokens = rel["inputs"].split()
    rows = [by_id[t.lstrip("-")] for t in tokens]

    def agree(how_a: str, how_b: str) -> bool:
        ra = change_factors(rows[0], tokens[0].startswith("-"), how_a)
        rb = change_factors(rows[1], tokens[1].startswith("-"), how_b)
        return any(a.overlaps(b) for a in ra for b in rb)

    described = [" or ".join(f.describe() for f in change_factors(r, t.startswith("-"))) for r, t in zip(rows, tokens)]
    holds = agree("loose", "loose")
    # as printed, one statement must fall within the other's own rounding
    exact_holds = holds and (agree("exact", "target") or agree("target", "exact"))
    text = (
        f"{fmt(rows[0])} means a ratio of {described[0]} to the old value; {fmt(rows[1])} means "
        f"{described[1]}: {'they agree within rounding' if holds else 'no reading makes both true'}."
    )
    if holds and not exact_holds:
        text += f" They agree only {AT_THE_EDGE}: neither, as printed, falls within the other's rounding."
    text = f"{text} {rel['note']}".strip()
    # as for restatements: a contradiction needs one stated year; otherwise the two may describe two moments
    same_year = rows[0]["period"] == rows[1]["period"] != ""
    if holds:
        verdict, severity = ("consistent" if exact_holds else "edge"), "info"
    elif same_year:
        verdict, severity = "inconsistent", "high"
    else:
        verdict, severity = "two_values", "medium"
        text += " The two statements carry no common year, so they may describe different moments."
    return Finding(
        id=relation_finding_id(rel),
        check="same_change",
        severity=severity,
        paragraphs=paragraphs_of(rows),
        claims=sorted_ids(rows),
        explanation=text,
        quotes=[r["span"] for r in rows],
        verdict=verdict,
        extra={"computed": " vs ".join(described)},
    )


def relation_findings(by_id: dict[str, dict], relations: list[dict]) -> list[Finding]:
    return [evaluate_relation(rel, by_id) for rel in relations]
