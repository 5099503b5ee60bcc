"""The findings register: every check's findings, assembled, sorted and rendered.

Each check is its own module and returns ``finding.Finding`` objects:

- ``restatement``: two claims of one fact compared on their values;
- ``relations``: the recomputations declared in ``data/relations.csv``;
- ``share_sums``: parts against their whole, within a paragraph and across the report;
- ``official``: national figures against official statistics;
- ``forecast``: 2026 figures against forecasts from official series.

This module only assembles (no check imports it). Everything is
deterministic: rows are sorted, ids derive from the claims involved, so the
same input gives byte-identical output.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd

from analysis import facts as facts_mod
from analysis import forecast, ledger
from analysis.base import csvio, paths
from analysis.base.numbers import is_digits
from analysis.checks import certainty, relations, restatement, share_sums
from analysis.checks.finding import OUTSIDE_CHECK_NAMES, Finding, verdict_word
from analysis.outside import official, trajectories
from analysis.outside import status as outside_status
from analysis.words import (  # noqa: F401 (register.CHECKS, register.VERDICTS ... for pages and the CLI)
    CHECK_WORDS,
    CHECKS,
    CLAIM_STATUS,
    EXPORT_COLUMNS,
    GRADE_WORDS,
    HOW_SURE,
    NOT_CHECKABLE,
    SEVERITIES,
    SEVERITY_WORDS,
    SHOWN,
    STATUS_ORDER,
    VERDICTS,
)


def build(
    data: ledger.Ledger | None = None,
    include_consistent: bool = False,
    fact_table: pd.DataFrame | None = None,
    with_forecasts: bool = True,
) -> list[Finding]:
    """Every finding, sorted by severity, then check, then id.

    By default the register lists what a reader must know (``finding.SHOWN``:
    contradictions, inconsistencies, two values, changes over time, and checks
    that hold only at the edge of rounding); ``include_consistent`` adds the
    checks that hold and the recomputations with nothing to hold them against.
    """
    data = data or ledger.load_valid()
    fact_table = facts_mod.read_facts() if fact_table is None else fact_table
    claims = data.claims
    labels = dict(zip(fact_table["fact_id"], fact_table["label_en"]))
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    found = restatement.restatement_findings(claims, labels, data.units)
    rels = relations.load_relations() if paths.RELATIONS.exists() else []
    totals = {r["target"] for r in rels if r["kind"] == "sum" and r["target"]}
    found += share_sums.whole_share_sums(claims, fact_table, totals)
    found += relations.relation_findings(by_id, rels)
    stats = official.load_official()  # read once for the official checks and the trajectories' outside rows
    found += official.official_findings(claims, data.units, stats)
    if paths.TRAJECTORY_LINKS.exists():
        # a growth the report states for 2025 to 2026 against its own two levels (reviewed links)
        found += trajectories.trajectory_findings(claims, stats, ledger.exact_unit_scales(data.units))
    if with_forecasts:
        found += forecast.forecast_findings(data)
    found = assess_all(found, by_id)
    if not include_consistent:
        found = [f for f in found if f.shown]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: (order[f.severity], f.check, f.id))


def assess_all(found: list[Finding], by_id: dict[str, dict]) -> list[Finding]:
    """Every finding with how sure it is, and its severity capped by that (``checks.certainty``)."""
    differs = set()
    if paths.PAIR_DECISIONS.exists():
        differs = {frozenset((d["claim_a"], d["claim_b"])) for d in facts_mod.load_decisions() if d["wording"]}
    out = []
    for f in found:
        period = by_id[f.claims[0]]["period"] if f.claims else ""
        year = int(period[-4:]) if is_digits(period[-4:]) else None
        out.append(certainty.assess(f, frozenset(f.claims) in differs, year))
    return out


RECORD_KEYS = [
    "id",
    "check",
    "severity",
    "verdict",
    "certainty",
    "certainty_reasons",
    "paragraphs",
    "claims",
    "explanation",
    "quotes",
]


def to_records(found: list[Finding]) -> list[dict]:
    return [{k: asdict(f)[k] for k in RECORD_KEYS} for f in found]


#: findings.csv's columns (their meanings in words.EXPORT_COLUMNS); the export adds each finding's url
CSV_COLUMNS = [c for c in EXPORT_COLUMNS["findings.csv"] if c != "url"]


def outside_quotes(f: Finding) -> list[str]:
    """The outside source's own words in a finding's quotes (an official check quotes the claim, then the row,
    then a denominator row); the report's words are the quotes of its claims."""
    return f.quotes[len(f.claims) :] if f.check == "official" else []


def csv_row(f: Finding) -> dict:
    """One finding as one spreadsheet row: one value per cell, the verdict in the pages' words, the outside source's
    quote, address, value, period and grade in columns of their own."""
    outside = outside_quotes(f) + ["", ""]
    x = f.extra if f.check == "official" else {}
    return {
        "finding_id": f.id,
        "check": CHECK_WORDS[f.check],
        "severity": SEVERITY_WORDS[f.severity],
        "verdict": verdict_word(f),
        "verdict_id": f.verdict,
        "certainty": f.certainty,
        "certainty_reasons": "; ".join(f.certainty_reasons),
        "claims": len(f.claims),
        "explanation": f.explanation,
        "outside_quote": outside[0],
        "outside_source_url": x.get("source_url", ""),
        "outside_value": x.get("official_value", ""),
        "outside_unit": x.get("official_unit", ""),
        "outside_period": x.get("adjusted_period") or x.get("period", ""),
        "outside_grade": GRADE_WORDS.get(x.get("source_quality", ""), ""),
        "outside_denominator_quote": outside[1],
        "outside_denominator_url": x.get("denominator_url", ""),
        "outside_denominator_value": x.get("denominator_value", ""),
    }


def render(found: list[Finding], fmt: str) -> str:
    records = to_records(found)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csvio.spreadsheet_text(CSV_COLUMNS, [csv_row(f) for f in found], bom=False)
    if fmt == "md":
        counts = {s: sum(f.severity == s for f in found) for s in SEVERITIES}
        lines = [
            "# Findings register",
            "",
            f"{len(found)} findings: " + ", ".join(f"{n} {SEVERITY_WORDS[s]}" for s, n in counts.items()) + ".",
            "A finding names statements that cannot all hold; it does not say which one is wrong.",
            "",
        ]
        for sev in SEVERITIES:
            group = [f for f in found if f.severity == sev]
            if not group:
                continue
            lines += [f"## {SEVERITY_WORDS[sev].capitalize()} ({len(group)})", ""]
            for f in group:
                # words for readers first ("two values", "departs from the outside record"); the finding's id,
                # made of claim, fact and series ids, comes last as a code reference (the JSON keeps it as a key)
                word = verdict_word(f)
                lines.append(
                    f"- **{word[0].upper() + word[1:]}** ({CHECK_WORDS[f.check]} check; "
                    f"paragraphs {', '.join(f.paragraphs)}; "
                    f"claims {', '.join(f.claims)}): {f.explanation} "
                    f"{HOW_SURE.format(level=f.certainty)}{': ' + '; '.join(f.certainty_reasons) if f.certainty_reasons else ''}. "
                    f"Quotes: {' / '.join('「' + q + '」' for q in f.quotes)} (finding `{f.id}`)"
                )
            lines.append("")
        return "\n".join(lines)
    raise ValueError(f"unknown format {fmt!r}")


# --- what each claim's checks add up to ----------------------------------------------------------------
def claim_status(found_all: list[Finding]) -> dict[str, str]:
    """Per claim, what the report says of itself: the most serious status any check of the report against
    itself gives it (claims no such check reached are absent). The checks against the outside record are the
    other axis (outside/status.py): a departure from the record is not a contradiction of the report by itself,
    and agreeing with the record is not the same as agreeing with itself."""
    rank = {s: i for i, s in enumerate(reversed(STATUS_ORDER))}
    status: dict[str, str] = {}
    for f in found_all:
        if f.check in OUTSIDE_CHECK_NAMES:
            continue
        s = CLAIM_STATUS.get(f.verdict)
        if s is None:
            continue  # a recomputation with nothing to hold it against checks nothing
        for c in f.claims:
            if rank[s] > rank[status.get(c, NOT_CHECKABLE)]:
                status[c] = s
    return status


def claim_axes(claim_ids: list[str], found_all: list[Finding], checks: pd.DataFrame) -> pd.DataFrame:
    """Per claim, in words, the two statuses kept apart: what the report says of itself (``report_says``) and
    what the outside record says (``outside_record``), with the outside check's own status (``outside_check``,
    a key of outside_checks.csv). The one home of both axes for every table that shows them: the book's
    ledger, the database and the spreadsheet."""
    own = claim_status(found_all)
    record = outside_status.table(checks, found_all)
    words = dict(zip(record["claim_id"], outside_status.axis_words(record)))
    status = dict(zip(record["claim_id"], record["status"]))
    return pd.DataFrame(
        {
            "claim_id": claim_ids,
            "report_says": [own.get(c, NOT_CHECKABLE) for c in claim_ids],
            "outside_record": [words.get(c, "") for c in claim_ids],
            "outside_check": [status.get(c, "") for c in claim_ids],
        }
    )


def trust_table(data: ledger.Ledger, found_all: list[Finding]) -> pd.DataFrame:
    """Per paragraph: claims by status (contradicted … not checkable), and how many were checked."""
    status = claim_status(found_all)
    claims = data.claims[["claim_id", "paragraph"]].copy()
    claims["status"] = [status.get(c, NOT_CHECKABLE) for c in claims["claim_id"]]
    table = claims.groupby("paragraph")["status"].value_counts().unstack(fill_value=0)
    for col in STATUS_ORDER:
        if col not in table:
            table[col] = 0
    table["claims"] = table[STATUS_ORDER].sum(axis=1)
    table["checked"] = table["claims"] - table[NOT_CHECKABLE]
    table = table.reset_index()
    table["chapter"] = table["paragraph"].str.split(".").str[0].astype(int)
    table = table.sort_values("paragraph", key=lambda s: s.map(ledger.paragraph_sort_key)).reset_index(drop=True)
    table.columns.name = None
    return table[["chapter", "paragraph", "claims", "checked", *STATUS_ORDER]]


def severity_rank(f) -> tuple:
    """Most serious first: severity, then verdict, then id."""
    return (SEVERITIES.index(f.severity), list(VERDICTS).index(f.verdict), f.id)
