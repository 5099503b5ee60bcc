"""The fact layer's files: facts (``data/facts.csv``) and pair decisions, loaded, and every problem of them.

A *fact* is one subject (``entity``), one measure (``metric``, from the
consolidated vocabulary ``data/metrics.csv``) and the qualifiers that make two
facts different: ``region``, ``scope`` (a programme, feature, store type or
product category), ``base`` (the whole of a share, or the baseline of a
comparison). ``whole`` names, for a share, the whole that the shares of several
subjects divide (the cross-paragraph sum check adds them up). Periods stay on the
claims: a 2025 and a 2026 value of one measure are one fact. Each claim carries
its ``fact_id`` (the claim's ``entity`` and ``metric`` must be its fact's) and
two columns that say how to read it (``readings``).

``data/pair_decisions.csv`` holds the reviewed decision on every candidate pair
(``candidates``): ``same`` needs one fact_id, ``different`` two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import ledger
from analysis.base import paths, schema
from analysis.base.errors import Problem
from analysis.facts import candidates
from analysis.facts.readings import DECREASE_WORDS, PERIOD_BASES, READINGS, comparable, default_period_basis

DECISIONS = ("same", "different")
FACT_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
QUALIFIER = re.compile(r"^([a-z0-9][a-z0-9_]*)?$")


def read_facts(path: Path | None = None) -> pd.DataFrame:
    path = paths.FACTS if path is None else path
    return ledger.read_table(path, schema.columns("facts.csv"))


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts; ``to_dict("records")`` boxes every cell and costs 40 ms on the ledger, this 2 ms."""
    cols = list(frame.columns)
    return [dict(zip(cols, values)) for values in zip(*(frame[c].tolist() for c in cols))]


# --- the gate ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactFiles:
    facts: pd.DataFrame
    decisions: list[dict]


def load_decisions(path: Path | None = None) -> list[dict]:
    path = paths.PAIR_DECISIONS if path is None else path
    return ledger.read_rows(path, schema.columns("pair_decisions.csv"))


def load(facts_path: Path | None = None, decisions_path: Path | None = None) -> FactFiles:
    facts_path = paths.FACTS if facts_path is None else facts_path
    decisions_path = paths.PAIR_DECISIONS if decisions_path is None else decisions_path
    return FactFiles(read_facts(facts_path), load_decisions(decisions_path))


def problems(
    data: ledger.Ledger,
    files: FactFiles,
    texts: dict[str, str] | None = None,
    facts_path: Path | None = None,
    decisions_path: Path | None = None,
    claims_path: Path | None = None,
) -> list[Problem]:
    """Every problem of the fact layer: facts, the claims' fact columns, and the pair decisions."""
    facts_path = paths.FACTS if facts_path is None else facts_path
    decisions_path = paths.PAIR_DECISIONS if decisions_path is None else decisions_path
    claims_path = paths.CLAIMS if claims_path is None else claims_path
    P = Problem
    texts = texts if texts is not None else ledger.paragraph_texts()
    out: list[Problem] = []
    facts = files.facts
    entities, metrics = set(data.entities["entity"]), set(data.metrics["metric"])
    by_fact: dict[str, dict] = {}
    keys: dict[tuple, str] = {}
    for i, f in enumerate(records(facts), start=2):
        fid = f["fact_id"]
        bad = lambda field, msg: out.append(P(facts_path, i, fid, field, msg))  # noqa: E731
        if not FACT_ID.match(fid):
            bad("fact_id", "must look like entity.metric[.qualifier], snake_case ascii")
        if fid in by_fact:
            bad("fact_id", "duplicate id")
        by_fact[fid] = f
        if f["entity"] not in entities:
            bad("entity", f"{f['entity']!r} is not in data/entities.csv")
        if f["metric"] not in metrics:
            bad("metric", f"{f['metric']!r} is not in data/metrics.csv")
        for q in ("region", "scope", "base", "whole"):
            if not QUALIFIER.match(f[q]):
                bad(q, f"{f[q]!r}: qualifiers are snake_case ascii or empty")
        for lab in ("label_en", "label_zh"):
            if len(f[lab].strip()) < 2:
                bad(lab, "empty: every fact needs a label for readers")
        key = (f["entity"], f["metric"], f["region"], f["scope"], f["base"])
        if key in keys:
            bad(
                "fact_id",
                f"same entity, metric, region, scope and base as {keys[key]}: one fact, or a qualifier is missing",
            )
        keys.setdefault(key, fid)
    used: dict[str, list[dict]] = {}
    for i, c in enumerate(records(data.claims), start=2):
        bad = lambda field, msg: out.append(P(claims_path, i, c["claim_id"], field, msg))  # noqa: E731
        f = by_fact.get(c["fact_id"])
        if f is None:
            bad("fact_id", f"{c['fact_id']!r} is not in data/facts.csv")
        else:
            used.setdefault(c["fact_id"], []).append(c)
            for field in ("entity", "metric"):
                if c[field] != f[field]:
                    bad(field, f"{c[field]!r} differs from its fact {c['fact_id']} ({f[field]!r})")
        if c["reading"] not in READINGS:
            bad("reading", f"{c['reading']!r}: one of {', '.join(repr(r) for r in READINGS)}")
        elif c["reading"] == "decrease" and not DECREASE_WORDS.search(c["span"]):
            bad("reading", f"decrease, but the span {c['span']!r} has no word of decrease")
        elif c["reading"] and c["unit"] != "%":
            bad("reading", f"{c['reading']} applies to a percentage, not to unit {c['unit']!r}")
        basis = c["period_basis"]
        if basis not in PERIOD_BASES:
            bad("period_basis", f"{basis!r}: one of {', '.join(PERIOD_BASES)}")
        elif (basis == "none") != (c["period"] == ""):
            bad("period_basis", f"{basis} with period {c['period']!r}: 'none' exactly when there is no period")
        elif basis in ("stated", "sentence") and c["paragraph"] in texts:
            found = default_period_basis(c, texts[c["paragraph"]])
            if found == "context" or (basis == "stated" and found != "stated"):
                bad(
                    "period_basis",
                    f"{basis}, but {c['period'][-4:]} is not in the claim's "
                    f"{'clause' if basis == 'stated' else 'sentence'}",
                )
        elif basis == "context" and not c["note"].strip():
            bad("period_basis", "context needs a note saying where the period comes from")
    for fid in by_fact:
        if fid not in used:
            out.append(P(facts_path, None, fid, "fact_id", f"fact {fid} has no claim"))
    scales = ledger.exact_unit_scales(data.units)
    for fid, rows in sorted(used.items()):
        valued = [r for r in rows if r["value"]]
        for a, b in zip(valued, valued[1:]):
            if comparable(a, b, scales) is None:
                out.append(
                    P(
                        claims_path,
                        None,
                        b["claim_id"],
                        "fact_id",
                        f"fact {fid}: {a['claim_id']} ({a['unit']}, {a['reading'] or 'as stated'}) and "
                        f"{b['claim_id']} ({b['unit']}, {b['reading'] or 'as stated'}) have no common footing",
                    )
                )
    fact_of = dict(zip(data.claims["claim_id"], data.claims["fact_id"]))
    seen: set[frozenset] = set()
    for i, d in enumerate(files.decisions, start=2):
        bad = lambda field, msg: out.append(P(decisions_path, i, f"{d['claim_a']}~{d['claim_b']}", field, msg))  # noqa: E731
        missing = [k for k in ("claim_a", "claim_b") if d[k] not in fact_of]
        for k in missing:
            bad(k, f"{d[k]!r} is not in data/claims.csv")
        pair = frozenset((d["claim_a"], d["claim_b"]))
        if pair in seen:
            bad("claim_b", "this pair is decided twice")
        seen.add(pair)
        if d["decision"] not in DECISIONS:
            bad("decision", f"{d['decision']!r}: same or different")
        if len(d["reason"].strip()) < 10:
            bad("reason", "a one-line reason a reader can check")
        if missing or d["decision"] not in DECISIONS:
            continue
        fa, fb = fact_of[d["claim_a"]], fact_of[d["claim_b"]]
        if d["decision"] == "same" and fa != fb:
            bad("decision", f"same, but the claims belong to facts {fa} and {fb}")
        if d["decision"] == "different" and fa == fb:
            bad("decision", f"different, but both claims belong to fact {fa}")
    return out


def undecided_problems(data: ledger.Ledger, files: FactFiles, decisions_path: Path | None = None) -> list:
    """A proposed candidate pair without a decision is a problem naming both claims."""
    decisions_path = paths.PAIR_DECISIONS if decisions_path is None else decisions_path
    props = candidates.propose(data.claims, ledger.paragraph_texts())
    return [
        Problem(
            decisions_path,
            None,
            f"{c.claim_a}~{c.claim_b}",
            "decision",
            f"proposed pair {c.claim_a} and {c.claim_b} (score {c.score}) has no decision: "
            "add a row saying same or different, with a reason",
        )
        for c in candidates.undecided(props, files.decisions)
    ]
