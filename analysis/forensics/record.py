"""Dated events against the outside record: figures redated, and events searched for in vain.

**Redated**: a claim the map (``reference/claim_official_map.csv``, comparison ``same``) holds against an
official row, whose value equals that row's within the rounding of both, but whose year is another than
the row's (SAMR's 2021 fines dated 2025). Computed from the map and the rows, never listed by hand; each
comes with the other claims the map holds against the same series (the same event told again).

**No record found**: claims whose outside check is ``not_found`` (``data/outside_checks.csv``) and that
would be on the public record if true: a regulator's decision (``DECISION_METRICS``: a fine is published
by whoever imposes it) or a figure of a named platform (an entity of kind ``platform`` and its units),
each with the searches run (the ``searched`` queries, and where ``reference/searches.csv`` logged a query,
its corpus, result and day).
"""

from __future__ import annotations

import pandas as pd

from analysis import ledger
from analysis.base import intervals as iv
from analysis.checks.finding import claim_interval
from analysis.outside import official

#: metrics that are a regulator's or a court's decision: published by whoever decides them
DECISION_METRICS = ("fine_amount",)


def redated(claims: pd.DataFrame, units: pd.DataFrame, stats: pd.DataFrame, mapping: list[dict]) -> pd.DataFrame:
    """Claims equal to an official row within rounding but dated another year."""
    scale = ledger.exact_unit_scales(units)
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    rows = []
    for m in mapping:
        claim = by_id.get(m["claim_id"])
        if claim is None or not claim["value"] or (m.get("comparison") or "same") != "same" or m.get("adjustment"):
            continue
        got = official.outside_value(
            stats,
            m["series_id"],
            m["official_period"],
            m.get("denominator_series", ""),
            m.get("denominator_period", ""),
        )
        if got is None:
            continue
        row, _, base, off = got
        if base != claim["base_unit"] or not iv.scale(claim_interval(claim), scale[claim["unit"]]).overlaps(off):
            continue
        year, record_year = claim["period"][-4:], row["period"][:4]
        if not claim["period"] or year == record_year:
            continue
        again = [
            by_id[o["claim_id"]]
            for o in mapping
            if o["series_id"] == m["series_id"] and o["claim_id"] != m["claim_id"] and o["claim_id"] in by_id
        ]
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "span": claim["span"],
                "stated": f"{claim['value']}{claim['unit']}",
                "year": claim["period"],
                "record": official.printed(row),
                "record_date": row["period"],
                "series": row["series_name_en"],
                "source": row["source_url"],
                "told_again": "; ".join(
                    f"{o['value']}{o['unit']} ({o['period'] or '—'}, {o['claim_id']})"
                    for o in sorted(again, key=lambda r: ledger.claim_sort_key(r["claim_id"]))
                ),
            }
        )
    cols = ["claim_id", "span", "stated", "year", "record", "record_date", "series", "source", "told_again"]
    return pd.DataFrame(rows, columns=cols)


def no_record(
    claims: pd.DataFrame, checks: pd.DataFrame, searches: pd.DataFrame, page_of: dict[str, str]
) -> pd.DataFrame:
    """Claims not found on the record that would be there if true, with the searches run."""
    log = {}
    for s in searches.to_dict("records"):
        log.setdefault(s["query"].strip(), []).append(f"{s['corpus']}, {s['result']}, {s['searched_on']}")
    status = dict(zip(checks["claim_id"], checks.to_dict("records")))
    rows = []
    for c in claims.to_dict("records"):
        chk = status.get(c["claim_id"])
        if chk is None or chk["outside_check"] != "not_found":
            continue
        why = "decision" if c["metric"] in DECISION_METRICS else "platform" if c["entity"] in page_of else ""
        if not why:
            continue
        queries = [q.strip() for q in chk["searched"].split("|") if q.strip()]
        rows.append(
            {
                "claim_id": c["claim_id"],
                "span": c["span"],
                "gloss": c["gloss_en"],
                "period": c["period"],
                "why": why,
                "platform": page_of.get(c["entity"], ""),
                "searches": queries,
                "logged": [f"{q} ({'; '.join(log[q])})" if q in log else q for q in queries],
                "note": chk["note"],
            }
        )
    cols = ["claim_id", "span", "gloss", "period", "why", "platform", "searches", "logged", "note"]
    return pd.DataFrame(rows, columns=cols)


def not_found_count(checks: pd.DataFrame) -> int:
    return int((checks["outside_check"] == "not_found").sum())
