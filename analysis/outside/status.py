"""Each claim against the outside record: its status (checked against what, or why not) and what came of it.

``data/outside_checks.csv`` gives every claim one status (``finding.OUTSIDE_STATUSES``):
checked against a named source (a series of ``reference/official_stats.csv`` or a
row of ``reference/outside_sources.csv``), or not checkable for a reason from a
short list. The gate validates it against the claim maps. The *outcome* is
computed, never typed: a claim whose official or forecast check holds *held*; one
whose only holding checks are bounds (a part not above its official whole) or readings of open
words (``definition`` open in the map) *held within bounds*, consistent with the record but not
confirmed by it; one whose check fails *departed*; a claim checked against a source that no check can
compute (a filing read against a differently defined figure, a rule) was *read
against the source*, and its note says what the source says.
"""

from __future__ import annotations

import pandas as pd

from analysis.base import csvio, paths, schema
from analysis.checks.finding import (
    OUTSIDE_CHECK_NAMES,
    OUTSIDE_CHECKED,
    OUTSIDE_STATUSES,
    Finding,
    holds_only_as_bound,
)
from analysis.words import NOT_CHECKABLE, OUTCOME_WORDS, OUTCOMES, OUTSIDE_AXIS_WORDS  # noqa: F401 (status.OUTCOMES)


def load_checks(path=None) -> pd.DataFrame:
    path = paths.OUTSIDE_CHECKS if path is None else path
    return csvio.read_frame(path, schema.columns("outside_checks.csv"))


def load_sources(path=None) -> pd.DataFrame:
    path = paths.OUTSIDE_SOURCES if path is None else path
    return csvio.read_frame(path, schema.columns("reference/outside_sources.csv"))


def sources_of(cell: str) -> list[str]:
    return [s.strip() for s in cell.split(";") if s.strip()]


def outcomes(checks: pd.DataFrame, found_all: list[Finding]) -> dict[str, str]:
    """Per claim: held, departed, read against the source, or not checkable (from the official and forecast checks)."""
    verdicts: dict[str, list[str]] = {}
    for f in found_all:
        if f.check in OUTSIDE_CHECK_NAMES:
            for c in f.claims:
                verdicts.setdefault(c, []).append("bounded" if holds_only_as_bound(f) else f.verdict)
    out = {}
    for claim, status in zip(checks["claim_id"], checks["outside_check"]):
        v = verdicts.get(claim, [])
        if status not in OUTSIDE_CHECKED:
            out[claim] = OUTCOME_WORDS["not_checkable"]
        elif "inconsistent" in v:
            out[claim] = OUTCOME_WORDS["departed"]
        elif "consistent" in v or "edge" in v:
            out[claim] = OUTCOME_WORDS["held"]
        elif "bounded" in v:
            out[claim] = OUTCOME_WORDS["bounded"]
        else:
            out[claim] = OUTCOME_WORDS["read_against_the_source"]
    return out


def table(checks: pd.DataFrame, found_all: list[Finding]) -> pd.DataFrame:
    """One row per claim: chapter, status, outcome, source, note."""
    result = outcomes(checks, found_all)
    return pd.DataFrame(
        {
            "claim_id": checks["claim_id"],
            "chapter": checks["claim_id"].str.split(".").str[0].astype(int),
            "status": checks["outside_check"],
            "outcome": checks["claim_id"].map(result),
            "source": checks["source"],
            "note": checks["note"],
            "searched": checks["searched"],
        }
    )


def counts(frame: pd.DataFrame) -> dict:
    """Checked, held, departed, read, and not checkable by reason, for a table of ``table``'s rows."""
    checked = frame[frame["status"].isin(list(OUTSIDE_CHECKED))]
    out = {
        "claims": len(frame),
        "checked": len(checked),
        **{oid: int((frame["outcome"] == o).sum()) for oid, o in OUTCOME_WORDS.items() if oid != "not_checkable"},
    }
    for reason in OUTSIDE_STATUSES:
        out[reason] = int((frame["status"] == reason).sum())
    return out


def describe(row: dict) -> dict:
    """For a claim's tooltip: its place on the outside axis, the note, and the searches behind a "no record"."""
    return {"axis": axis(row["status"], row["outcome"]), "note": row["note"], "searched": row.get("searched", "")}


def axis(status: str, outcome: str) -> str:
    """A claim's place on the outside axis (``words.OUTSIDE_AXIS_WORDS``): confirmed, within bounds, departs, inside a forecast band
    (a projection is not the record), read against a source, no record found after searching, or why not checkable.
    A figure that would be on the record if true and was searched for in vain is never shown like one nobody
    publishes."""
    if status == "not_found":
        return "no_record"
    if outcome == OUTCOME_WORDS["departed"]:
        return "departs"
    if outcome == OUTCOME_WORDS["held"]:
        return "forecast_band" if status == "forecast" else "confirmed"
    if outcome == OUTCOME_WORDS["bounded"]:
        return "bounded"
    if status in OUTSIDE_CHECKED:
        return "read"
    return status


def axis_words(frame: pd.DataFrame) -> pd.Series:
    """Per row of ``table``: the outside axis in words."""
    return pd.Series(
        [OUTSIDE_AXIS_WORDS[axis(s, o)] for s, o in zip(frame["status"], frame["outcome"])], index=frame.index
    )
