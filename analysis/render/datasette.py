"""Datasette's metadata for ``audit.db``: titles and descriptions from the one schema (data/datapackage.json)
and from ``words`` for what the database adds, facets, the search indexes and the canned queries."""

from __future__ import annotations

from analysis.base import schema
from analysis.render import database
from analysis.words import (
    COLUMN_WORDS,
    DATABASE_WORDS,
    OUTSIDE_AXIS_WORDS,
    QUERY_WORDS,
    SEVERITIES,
    SEVERITY_WORDS,
    TABLE_WORDS,
)

DATABASE = "audit"
FACETS = {
    "claims": ["chapter", "report_says", "outside_record", "kind", "entity"],
    "findings": ["severity", "verdict", "how_sure", "check"],
    "official_stats": ["series_id", "figure_kind", "source_quality"],
    "outside_sources": ["figure_kind", "source_quality"],
    "paragraphs": ["chapter"],
}
#: the order "what can I quote" lists the outside statuses in: what the record supports first
QUOTE_ORDER = ("confirmed", "bounded", "departs", "no_record", "forecast_band", "read")


def _case(column: str, words: list[str]) -> str:
    """An SQL CASE giving each word its place (later words, and any other, last)."""
    parts = " ".join(f"WHEN '{w.replace(chr(39), chr(39) * 2)}' THEN {i}" for i, w in enumerate(words))
    return f"CASE {column} {parts} ELSE {len(words)} END"


def queries() -> dict[str, dict]:
    """The canned queries, their SQL built from the words the tables hold (never typed twice)."""
    sql = {
        "what_can_i_quote": (
            "SELECT claim_id, span, stated, period, outside_record, report_says, gloss_en, url FROM claims "
            f"ORDER BY {_case('outside_record', [OUTSIDE_AXIS_WORDS[k] for k in QUOTE_ORDER])}, chapter, claim_id"
        ),
        "about_a_platform": (
            "SELECT claim_id, chapter, span, stated, period, report_says, outside_record, gloss_en, url FROM claims "
            "WHERE entity = :entity OR entity IN (SELECT entity FROM entities WHERE part_of = :entity) "
            "ORDER BY chapter, claim_id"
        ),
        "findings_by_severity": (
            "SELECT severity, verdict, count(*) AS findings FROM findings GROUP BY severity, verdict "
            f"ORDER BY {_case('severity', [SEVERITY_WORDS[s] for s in SEVERITIES])}, findings DESC"
        ),
        "search_text": (
            "SELECT key, chapter, section_title, text_simplified FROM paragraphs WHERE CASE WHEN length(:q) >= 3 "
            f"THEN rowid IN (SELECT rowid FROM [{database.TRIGRAM_TABLE}] WHERE [{database.TRIGRAM_TABLE}] MATCH "
            "'\"' || replace(:q, '\"', '\"\"') || '\"') ELSE instr(text_simplified, :q) > 0 END ORDER BY rowid"
        ),
    }
    return {
        name: {"sql": text, "title": QUERY_WORDS[name][0], "description": QUERY_WORDS[name][1]}
        for name, text in sql.items()
    }


def _columns(name: str) -> dict[str, str]:
    copied = {}
    rel = database.COPIED.get(name) or ("claims.csv" if name == "claims" else None)
    if rel:
        copied = {f["name"]: f.get("description", "") for f in schema.fields(rel)}
    return {**copied, **COLUMN_WORDS.get(name, {})}


def _table(name: str) -> dict:
    rel = database.COPIED.get(name)
    description = TABLE_WORDS.get(name) or (schema.resource(rel).get("description", "") if rel else "")
    out: dict = {"description": description, "columns": _columns(name)}
    if name in FACETS:
        out["facets"] = FACETS[name]
    if name in database.SEARCHED:
        out["fts_table"] = f"{name}_fts"
        out["fts_pk"] = "rowid"
    return out


def metadata(table_names: list[str]) -> dict:
    """Datasette's metadata.json for the database's tables (the search indexes themselves are hidden)."""
    report = schema.report_title()
    tables = {name: _table(name) for name in table_names}
    hidden = [f"{name}_fts" for name in database.SEARCHED] + [database.TRIGRAM_TABLE]
    tables.update({name: {"hidden": True} for name in hidden})
    return {
        "title": DATABASE_WORDS["title"].format(report=report),
        "description": DATABASE_WORDS["description"],
        "license": DATABASE_WORDS["license"],
        "source": DATABASE_WORDS["source"].format(report=report),
        "databases": {
            DATABASE: {
                "title": DATABASE_WORDS["title"].format(report=report),
                "description": DATABASE_WORDS["description"],
                "tables": tables,
                "queries": queries(),
            }
        },
    }
