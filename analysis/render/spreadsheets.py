"""The audit as tables a spreadsheet opens: one value per cell, long tables for what has several values.

- ``findings.csv``: one row per finding (``register.csv_row``) and its address on the register page;
- ``finding_claims.csv``: one row per statement a finding names (the report's own words);
- ``claims.csv``: one row per claim, with both of its statuses in the pages' words;
- ``claim_sources.csv``: one row per outside source a claim was held against (its words, address, value, period
  and grade).

Every file is UTF-8 with a byte-order mark and never holds a formula (``csvio.spreadsheet_text``). The columns and
their meanings are in ``words.EXPORT_COLUMNS``.
"""

from __future__ import annotations

from analysis import ledger
from analysis import register as findings
from analysis.base import csvio, keys, paths
from analysis.checks.finding import Finding, stated_text
from analysis.outside import official
from analysis.outside import status as outside
from analysis.render.annotate import claim_href, finding_href
from analysis.words import EXPORT_COLUMNS, GRADE_WORDS, OUTSIDE_STATUS_WORDS


def review_href(f: Finding) -> str:
    """Where a finding is explained: its entry in the register, or for a check that holds (the register lists
    only what a reader must know) its first claim's mark, whose tooltip lists the claim's checks."""
    return finding_href(f.id) if f.shown else claim_href(f.claims[0])


def _table(name: str, rows: list[dict]) -> str:
    return csvio.spreadsheet_text(list(EXPORT_COLUMNS[name]), rows)


def findings_csv(shown: list[Finding], base_url: str) -> str:
    return _table("findings.csv", [{**findings.csv_row(f), "url": base_url + review_href(f)} for f in shown])


def finding_claims_csv(shown: list[Finding], by_id: dict[str, dict], base_url: str) -> str:
    rows = [
        {
            "finding_id": f.id,
            "position": n,
            "claim_id": c,
            "paragraph": by_id[c]["paragraph"],
            "report_quote": by_id[c]["span"],
            "stated": stated_text(by_id[c]),
            "period": by_id[c]["period"],
            "url": base_url + claim_href(c),
        }
        for f in shown
        for n, c in enumerate(f.claims, start=1)
    ]
    return _table("finding_claims.csv", rows)


def _source_row(claim_id: str, source: str, row: dict) -> dict:
    """One row of claim_sources.csv from an official_stats.csv or outside_sources.csv row (the same columns)."""
    return {
        "claim_id": claim_id,
        "source": source,
        "outside_quote": row["quote"],
        "source_url": row["source_url"],
        "value": row["value"],
        "unit": row["unit"],
        "period": row["period"],
        "grade": GRADE_WORDS[row["source_quality"]],
        "source_org": row["source_org"],
    }


def claim_sources(everything: list[Finding]) -> list[dict]:
    """Per claim, each outside row it was held against: the official rows of the official check (numerator and
    denominator), then the filings, rules and benchmarks of ``outside_sources.csv``."""
    stats = official.load_official()
    rows_of = {(r["series_id"], r["period"]): r for r in stats.to_dict("records")}
    out = []
    for m in official.load_map():
        for series, period in (
            (m["series_id"], m["official_period"]),
            (m["denominator_series"], m["denominator_period"]),
        ):
            row = rows_of.get((series, period))
            if series and row:
                out.append(_source_row(m["claim_id"], series, row))
    if paths.OUTSIDE_SOURCES.exists():
        for row in outside.load_sources().to_dict("records"):
            out.append(_source_row(row["claim_id"], row["source_url"], row))
    return sorted(out, key=lambda r: keys.claim_sort_key(r["claim_id"]))


def claims_csv(data: ledger.Ledger, everything: list[Finding], sources: list[dict], base_url: str) -> str:
    axes = findings.claim_axes(list(data.claims["claim_id"]), everything, outside.load_checks()).set_index("claim_id")
    held = {}
    for s in sources:
        held[s["claim_id"]] = held.get(s["claim_id"], 0) + 1
    rows = [
        {
            **{k: c[k] for k in ("claim_id", "paragraph", "value", "unit", "period", "kind", "fact_id")},
            "stated": stated_text(c),
            "chapter": keys.chapter_of(c["claim_id"]),
            "report_quote": c["span"],
            "gloss_en": c["gloss_en"],
            "status": axes.at[c["claim_id"], "report_says"],
            "outside_check": OUTSIDE_STATUS_WORDS.get(axes.at[c["claim_id"], "outside_check"], ""),
            "outside_status": axes.at[c["claim_id"], "outside_record"],
            "outside_sources": held.get(c["claim_id"], 0),
            "url": base_url + claim_href(c["claim_id"]),
        }
        for c in data.claims.to_dict("records")
    ]
    return _table("claims.csv", rows)


def claim_sources_csv(sources: list[dict]) -> str:
    return _table("claim_sources.csv", sources)
