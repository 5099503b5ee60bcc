"""The findings register: restatements, declared relations, official statistics.

A finding says which statements cannot all hold; it never says which one is
wrong. Severity (documented in the book's "How to read this audit"):

- ``high``: a contradiction (the same entity, metric, kind and year stated
  with values no rounding can reconcile) or impossible arithmetic (parts that
  exceed their whole, a stated growth rate its own levels cannot give).
- ``medium``: a departure beyond rounding from official statistics, or a
  report figure outside the 95 % interval of a forecast.
- ``low``: drift (the same fact restated for another year, or with no year,
  with a different value) and ambiguity.
- ``info``: context a reader should know (e.g. a report figure that matches
  an official one only under another definition).

Everything here is deterministic: rows are sorted, ids derive from the
claims involved, so the same input gives byte-identical output.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from itertools import combinations

import pandas as pd

from . import intervals as iv
from . import ledger, paths

CHECKS = {
    "restatement": "the same entity, metric, kind and year stated in two paragraphs",
    "drift": "the same entity, metric and kind stated for different years or with no year",
    "sum": "parts against their whole (shares of one total, a stated sum)",
    "growth": "a growth rate against the two levels it compares",
    "cagr": "a compound annual growth rate against start and end values",
    "multiple": "an N-times statement against the two values it compares",
    "change_pp": "a change in percentage points against two percentages",
    "same_change": "two statements of one change (a percentage, a fraction, an N-times) against each other",
    "implied_base": "the total implied by a level and its share, against a stated or official total",
    "official": "a national figure against the official statistic",
    "forecast": "a 2026 figure against a statistical forecast from official series",
}
SEVERITIES = ["high", "medium", "low", "info"]
RELATION_COLUMNS = ["relation_id", "kind", "inputs", "target", "note"]


@dataclass
class Finding:
    id: str
    check: str
    severity: str
    paragraphs: list[str]
    claims: list[str]
    explanation: str
    quotes: list[str]
    verdict: str = "inconsistent"  # "consistent" (checked, agrees), "computed" (no target: shown, not checked)
    extra: dict = field(default_factory=dict)


# --- helpers --------------------------------------------------------------------------------
def claim_interval(row) -> iv.Interval:
    return iv.stated(row["value"], row["bound"])


BOUND_WORDS_EN = {"=": "", ">": "over ", ">=": "at least ", "<": "under ", "<=": "at most ", "~": "about "}


def stated_text(row) -> str:
    """A claim as stated, in English bound words: 'over 1.2万亿元'."""
    return f"{BOUND_WORDS_EN[row['bound']]}{row['value']}{row['unit']}"


def _fmt(row) -> str:
    return f"{stated_text(row)} ({row['paragraph']})"


def _sorted_ids(rows) -> list[str]:
    return sorted((r["claim_id"] for r in rows), key=ledger.claim_sort_key)


def _paragraphs(rows) -> list[str]:
    return sorted({r["paragraph"] for r in rows}, key=ledger.paragraph_sort_key)


# --- restatements ----------------------------------------------------------------------------
def restatement_findings(claims: pd.DataFrame, entity_labels: dict, metric_labels: dict) -> list[Finding]:
    """Same (entity, metric, kind): same year -> must overlap; other years -> drift."""
    found: list[Finding] = []
    usable = claims[claims["value"] != ""]
    for (entity, metric, kind), group in usable.groupby(["entity", "metric", "kind"], sort=True):
        rows = group.to_dict("records")
        if len({r["paragraph"] for r in rows}) < 2:
            continue
        subject = f"{entity_labels.get(entity, entity)}: {metric_labels.get(metric, metric)} ({kind})"
        for a, b in combinations(sorted(rows, key=lambda r: ledger.claim_sort_key(r["claim_id"])), 2):
            if a["paragraph"] == b["paragraph"] or a["unit"] != b["unit"]:
                continue
            agree = claim_interval(a).overlaps(claim_interval(b))
            same_year = a["period"] == b["period"] and a["period"] != ""
            if same_year:
                check, severity = "restatement", "high"
                text = (f"{subject} for {a['period']} is stated as {_fmt(a)} and as {_fmt(b)}; "
                        "no rounding makes both true.")
            else:
                check, severity = "drift", "low"
                pa, pb = a["period"] or "no year", b["period"] or "no year"
                text = (f"{subject} is stated as {_fmt(a)} for {pa} and as {_fmt(b)} for {pb}: "
                        "the same fact restated with another value.")
            found.append(Finding(
                id=f"{check}:{a['claim_id']}~{b['claim_id']}", check=check,
                severity=severity if not agree else "info", paragraphs=_paragraphs([a, b]),
                claims=[a["claim_id"], b["claim_id"]], explanation=text if not agree else
                f"{subject}: {_fmt(a)} and {_fmt(b)} agree within rounding.",
                quotes=[a["span"], b["span"]], verdict="consistent" if agree else "inconsistent"))
    return found


# --- declared relations --------------------------------------------------------------------------
def load_relations(path=paths.RELATIONS) -> list[dict]:
    rows = ledger.read_rows(path, RELATION_COLUMNS)
    for i, row in enumerate(rows, start=2):
        if row["kind"] not in CHECKS:
            raise ledger.LedgerError(f"{path}, row {i} ({row['relation_id']}), field kind: unknown {row['kind']!r}")
    return rows


def relation_finding_id(rel: dict) -> str:
    """The stable id of the finding a declared relation yields: kind:relation_id."""
    return f"{rel['kind']}:{rel['relation_id']}"


def _pct(i: iv.Interval) -> iv.Interval:
    return iv.scale(i, Fraction(1, 100))


def change_factors(row: dict, decrease: bool) -> list[iv.Interval]:
    """The ratio new/old a claim states, under each reading its words allow.

    ``高35%`` -> 1.35 (``降低60%`` with ``decrease`` -> 0.4); ``1/5`` -> 0.2, the
    numerator taken as exact; ``高出3.2倍`` -> 3.2 or 4.2 (Chinese usage admits
    both "3.2 times" and "3.2 times more").
    """
    unit = row["unit"]
    if unit == "%":
        pct = _pct(claim_interval(row))
        return [iv.sub(iv.point(1), pct) if decrease else iv.add(iv.point(1), pct)]
    if unit.startswith("/") and unit[1:].isdigit():
        return [iv.point(Fraction(row["value"]) / int(unit[1:]))]
    if unit == "倍":
        times = claim_interval(row)
        return [times, iv.add(times, iv.point(1))]
    raise ledger.LedgerError(f"{paths.RELATIONS}: claim {row['claim_id']} (unit {unit}) cannot be read as a change")


def evaluate_relation(rel: dict, by_id: dict[str, dict]) -> Finding:
    """Recompute one declared relation with intervals; the finding carries the verdict either way.

    A relation without a target is checked where a whole is implied (shares in %
    cannot sum past 100 %); otherwise its result is shown as ``computed``, which
    counts as unverifiable, not as consistent.
    """
    if rel["kind"] == "same_change":
        return _same_change(rel, by_id)
    inputs = [by_id[c] for c in rel["inputs"].split()]
    target = by_id[rel["target"]] if rel["target"] else None
    kind = rel["kind"]
    rows = inputs + ([target] if target else [])
    values = [claim_interval(r) for r in inputs]
    if kind == "sum":
        computed = values[0]
        for v in values[1:]:
            computed = iv.add(computed, v)
        what = " + ".join(_fmt(r) for r in inputs)
    elif kind == "growth":  # inputs: start level, end level -> growth in %
        computed = iv.scale(iv.sub(iv.div(values[1], values[0]), iv.point(1)), 100)
        what = f"growth from {_fmt(inputs[0])} to {_fmt(inputs[1])}"
    elif kind == "cagr":  # inputs: start level, end level; years from their periods
        years = int(inputs[1]["period"][-4:]) - int(inputs[0]["period"][-4:])
        ratio = iv.div(values[1], values[0])
        computed = iv.scale(iv.sub(iv.power(ratio, Fraction(1, years)), iv.point(1)), 100)
        what = f"CAGR over {years} years from {_fmt(inputs[0])} to {_fmt(inputs[1])}"
    elif kind == "multiple":  # inputs: a, b -> a / b
        computed = iv.div(values[0], values[1])
        what = f"{_fmt(inputs[0])} / {_fmt(inputs[1])}"
    elif kind == "change_pp":  # inputs: before, after -> after - before
        computed = iv.sub(values[1], values[0])
        what = f"{_fmt(inputs[1])} - {_fmt(inputs[0])}"
    elif kind == "implied_base":  # inputs: part level, share in % -> whole
        computed = iv.div(values[0], _pct(values[1]))
        what = f"{_fmt(inputs[0])} / {_fmt(inputs[1])}"
    else:
        raise ledger.LedgerError(f"{paths.RELATIONS}: relation {rel['relation_id']}: kind {kind} cannot be recomputed")
    if target is not None:
        agree = computed.overlaps(claim_interval(target))
        verdict = "consistent" if agree else "inconsistent"
        text = (f"{what} gives {computed.describe()}, {'consistent with' if agree else 'which cannot match'} "
                f"the stated {_fmt(target)}. {rel['note']}".strip())
    elif kind == "sum" and all(r["unit"] == "%" for r in inputs):
        agree = computed.lo is None or computed.lo <= 100
        verdict = "consistent" if agree else "inconsistent"
        text = (f"{what} gives {computed.describe()}, {'within' if agree else 'more than'} the whole (100%). "
                f"{rel['note']}".strip())
    else:
        agree, verdict = True, "computed"
        text = f"{what} gives {computed.describe()}. {rel['note']}".strip()
    severity = "info" if agree else ("high" if kind in ("sum", "growth", "cagr", "multiple", "change_pp") else "medium")
    return Finding(id=relation_finding_id(rel), check=kind, severity=severity, paragraphs=_paragraphs(rows),
                   claims=_sorted_ids(rows), explanation=text, quotes=[r["span"] for r in rows], verdict=verdict,
                   extra={"computed": computed.describe()})


def share_sum_findings(claims: pd.DataFrame, totals: set[str] = frozenset()) -> list[Finding]:
    """Shares of one whole in one paragraph and year whose lower bounds already exceed 100 %.

    ``totals`` are claims that a declared ``sum`` relation names as the whole
    of other shares (e.g. the top three's combined share): they are not parts.
    """
    found = []
    shares = claims[(claims["kind"] == "share") & (claims["unit"] == "%") & (claims["value"] != "")
                    & ~claims["claim_id"].isin(totals)]
    for (para, metric, period), group in shares.groupby(["paragraph", "metric", "period"], sort=True):
        rows = [r for r in group.to_dict("records") if r["bound"] in ("=", ">", ">=", "~")]
        if len({r["entity"] for r in rows}) < 2:
            continue
        lows = sum(claim_interval(r).lo for r in rows)
        if lows > 100:
            found.append(Finding(
                id=f"sum:{para}:{metric}:{period}", check="sum", severity="high", paragraphs=[para],
                claims=_sorted_ids(rows), quotes=[r["span"] for r in rows],
                explanation=f"Shares of {metric} in {period or 'the same year'} add up to at least {float(lows):.4g}% "
                            f"({' + '.join(_fmt(r) for r in rows)}): more than the whole."))
    return found


def _same_change(rel: dict, by_id: dict[str, dict]) -> Finding:
    tokens = rel["inputs"].split()
    rows = [by_id[t.lstrip("-")] for t in tokens]
    readings = [change_factors(r, t.startswith("-")) for r, t in zip(rows, tokens)]
    agree = any(a.overlaps(b) for a in readings[0] for b in readings[1])
    described = [" or ".join(f.describe() for f in fs) for fs in readings]
    text = (f"{_fmt(rows[0])} means a ratio of {described[0]} to the old value; {_fmt(rows[1])} means "
            f"{described[1]}: {'they agree within rounding' if agree else 'no reading makes both true'}. "
            f"{rel['note']}").strip()
    # as for restatements: a contradiction needs one stated year; otherwise the two may describe two moments
    same_year = rows[0]["period"] == rows[1]["period"] != ""
    severity = "info" if agree else ("high" if same_year else "low")
    if not agree and not same_year:
        text += " The two statements carry no common year, so they may describe different moments: ambiguity, not contradiction."
    return Finding(id=relation_finding_id(rel), check="same_change", severity=severity,
                   paragraphs=_paragraphs(rows), claims=_sorted_ids(rows), explanation=text,
                   quotes=[r["span"] for r in rows], verdict="consistent" if agree else "inconsistent",
                   extra={"computed": " vs ".join(described)})


# --- the register ------------------------------------------------------------------------------
def build(data: ledger.Ledger | None = None, include_consistent: bool = False) -> list[Finding]:
    """Every finding, sorted by severity, then check, then id."""
    from . import official

    data = data or ledger.load_valid()
    claims = data.claims
    entity_labels = dict(zip(data.entities["entity"], data.entities["label_en"]))
    metric_labels = dict(zip(data.metrics["metric"], data.metrics["label_en"]))
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    found = restatement_findings(claims, entity_labels, metric_labels)
    relations = load_relations() if paths.RELATIONS.exists() else []
    totals = {r["target"] for r in relations if r["kind"] == "sum" and r["target"]}
    found += share_sum_findings(claims, totals)
    found += [evaluate_relation(rel, by_id) for rel in relations]
    found += official.official_findings(claims, data.units)
    from . import forecast  # statsmodels: imported only when the register is built

    found += forecast.forecast_findings(data)
    if not include_consistent:
        found = [f for f in found if f.verdict == "inconsistent"]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: (order[f.severity], f.check, f.id))


def to_records(found: list[Finding]) -> list[dict]:
    keys = ["id", "check", "severity", "paragraphs", "claims", "explanation", "quotes"]
    return [{k: asdict(f)[k] for k in keys} for f in found]


def render(found: list[Finding], fmt: str) -> str:
    records = to_records(found)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else ["id"], lineterminator="\n")
        writer.writeheader()
        for r in records:
            writer.writerow({k: " | ".join(v) if isinstance(v, list) else v for k, v in r.items()})
        return out.getvalue()
    if fmt == "md":
        counts = {s: sum(f.severity == s for f in found) for s in SEVERITIES}
        lines = ["# Findings register", "",
                 f"{len(found)} findings: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ".",
                 "A finding names statements that cannot all hold; it does not say which one is wrong.", ""]
        for sev in SEVERITIES:
            group = [f for f in found if f.severity == sev]
            if not group:
                continue
            lines += [f"## {sev.capitalize()} ({len(group)})", ""]
            for f in group:
                lines.append(f"- **{f.id}** ({f.check}; paragraphs {', '.join(f.paragraphs)}; claims {', '.join(f.claims)}): "
                             f"{f.explanation} Quotes: {' / '.join('「' + q + '」' for q in f.quotes)}")
            lines.append("")
        return "\n".join(lines)
    raise ValueError(f"unknown format {fmt!r}")


# --- trust summary ----------------------------------------------------------------------------------
def trust_table(data: ledger.Ledger, found_all: list[Finding]) -> pd.DataFrame:
    """Per claim: checked? contradicted (high/medium)? Rolled up per paragraph."""
    status: dict[str, str] = {}
    rank = {"unverifiable": 0, "consistent": 1, "drift": 2, "contradicted": 3}
    for f in found_all:
        if f.verdict == "computed":
            continue  # a recomputation with nothing to hold it against checks nothing
        if f.verdict == "consistent":
            s = "consistent"
        elif f.severity in ("high", "medium"):
            s = "contradicted"
        else:
            s = "drift"
        for c in f.claims:
            if rank[s] > rank[status.get(c, "unverifiable")]:
                status[c] = s
    claims = data.claims[["claim_id", "paragraph"]].copy()
    claims["status"] = [status.get(c, "unverifiable") for c in claims["claim_id"]]
    table = claims.groupby("paragraph")["status"].value_counts().unstack(fill_value=0)
    for col in rank:
        if col not in table:
            table[col] = 0
    table["claims"] = table[list(rank)].sum(axis=1)
    table["checked"] = table["claims"] - table["unverifiable"]
    table = table.reset_index()
    table["chapter"] = table["paragraph"].str.split(".").str[0].astype(int)
    table = table.sort_values("paragraph", key=lambda s: s.map(ledger.paragraph_sort_key)).reset_index(drop=True)
    table.columns.name = None
    return table[["chapter", "paragraph", "claims", "checked", "consistent", "drift", "contradicted", "unverifiable"]]
