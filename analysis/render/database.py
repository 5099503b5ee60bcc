"""The audit as one SQLite database (``audit.db``), built with sqlite-utils, for Datasette and for SQL.

Tables: ``claims`` (both status axes kept apart, the Chinese span and sentence, fact, paragraph, gloss),
``findings`` and ``finding_claims`` (one row per finding and claim: one value per cell), ``paragraphs``,
``facts``, ``entities``, ``chapters``, and the outside record (``official_stats``, ``outside_sources``,
``searches``) as curated. Columns copied from a data file keep its name and its type from the one schema
(data/datapackage.json); primary and foreign keys as there. Full-text search: see ``render/fulltext.py``.

Deterministic: the same data gives the same rows in the same order (the file's bytes may differ with the
SQLite library's version; the tests compare rows).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from analysis import facts, ledger
from analysis import register as findings
from analysis.base import csvio, paths, schema
from analysis.base.keys import chapter_of
from analysis.checks.finding import Finding, stated_text, verdict_word
from analysis.outside import status as outside
from analysis.render import fulltext
from analysis.render.annotate import claim_href, finding_href
from analysis.render.cards import headline, sentence_bounds
from analysis.words import CHECK_WORDS, SEVERITY_WORDS

#: data files copied whole: table name -> the file's path under data/
COPIED = {
    "chapters": "chapters.csv",
    "paragraphs": "source/paragraphs.csv",
    "entities": "entities.csv",
    "facts": "facts.csv",
    "official_stats": "reference/official_stats.csv",
    "outside_sources": "reference/outside_sources.csv",
    "searches": "reference/searches.csv",
}
#: the tables whose search box reads a column of search words, and the columns those words come from
SEARCHED = {
    "paragraphs": ("text_simplified",),
    "claims": ("claim_id", "span", "sentence", "fact_zh", "gloss_en", "entity"),
    "findings": ("finding_id", "headline", "explanation"),
}
#: the claims' columns a reader looks at first (Datasette shows columns in table order); the rest follow
READER_FIRST = (
    "claim_id",
    "chapter",
    "span",
    "stated",
    "period",
    "report_says",
    "outside_record",
    "fact_zh",
    "gloss_en",
)
#: the trigram index of the Chinese text: any substring of three characters or more (canned query search_text)
TRIGRAM_TABLE = "paragraphs_trigram"


def _typed(frame: pd.DataFrame, rel: str) -> pd.DataFrame:
    """A data file's columns in the types its schema gives (numbers as numbers, so Datasette sorts them)."""
    out = frame.copy()
    for f in schema.fields(rel):
        name, kind = f["name"], f.get("type", "string")
        if name not in out or kind not in ("number", "integer"):
            continue
        values = pd.to_numeric(out[name].replace("", None), errors="coerce")
        out[name] = values.astype("Int64") if kind == "integer" else values
    return out


def _read(rel: str) -> pd.DataFrame:
    return _typed(csvio.read_frame(paths.DATA / rel, schema.columns(rel)), rel)


def _sentence(text: str, claim: dict) -> str:
    lo, _, _, hi = sentence_bounds(text, claim)
    return text[lo:hi].strip()


def claims_table(data: ledger.Ledger, everything: list[Finding], base_url: str = "") -> pd.DataFrame:
    """Every claim: the curated columns, then its chapter, sentence, fact in Chinese, both statuses and link."""
    texts = ledger.paragraph_texts(paths.PARAGRAPHS)  # the path, not None: the cache is keyed by it
    axes = findings.claim_axes(list(data.claims["claim_id"]), everything, outside.load_checks())
    fact_zh = facts.read_facts().set_index("fact_id")["label_zh"]
    claims = data.claims
    rows = claims.to_dict("records")
    out = _typed(claims, "claims.csv")
    out["chapter"] = [chapter_of(c) for c in claims["claim_id"]]
    out["sentence"] = [_sentence(texts[r["paragraph"]], r) for r in rows]
    out["fact_zh"] = claims["fact_id"].map(fact_zh).fillna("")
    out["stated"] = [stated_text(r) for r in rows]
    out["report_says"] = axes["report_says"].to_numpy()
    out["outside_record"] = axes["outside_record"].to_numpy()
    out["url"] = [base_url + claim_href(c) for c in claims["claim_id"]]
    return out[[*READER_FIRST, *(c for c in out.columns if c not in READER_FIRST)]]


def findings_tables(everything: list[Finding], base_url: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(findings, finding_claims): one row per finding, and one per finding and claim it names."""
    rows = [
        {
            "finding_id": f.id,
            "check": CHECK_WORDS[f.check],
            "verdict": verdict_word(f),
            "headline": headline(f),
            "severity": SEVERITY_WORDS[f.severity],
            "how_sure": f.certainty,
            "how_sure_why": "; ".join(f.certainty_reasons),
            "explanation": f.explanation,
            "url": base_url + finding_href(f.id),
        }
        for f in everything
    ]
    links = [{"finding_id": f.id, "claim_id": c, "position": i} for f in everything for i, c in enumerate(f.claims, 1)]
    return pd.DataFrame(rows), pd.DataFrame(links, columns=["finding_id", "claim_id", "position"])


def tables(data: ledger.Ledger, everything: list[Finding], base_url: str = "") -> dict[str, pd.DataFrame]:
    """Every table of the database, by name, in the order they are written."""
    found, links = findings_tables(everything, base_url)
    out = {name: _read(rel) for name, rel in COPIED.items()}
    out["claims"] = claims_table(data, everything, base_url)
    out["findings"] = found
    out["finding_claims"] = links
    return out


def _keys(name: str, frame: pd.DataFrame) -> tuple[list[str], list[tuple[str, str, str]]]:
    """(primary key, foreign keys as (column, table, column)) from the one schema, for the database's tables."""
    if name in COPIED:
        res = schema.resource(COPIED[name])
        by_path = {rel: table for table, rel in COPIED.items()}
        foreign = [
            (col, by_path[rel], other)
            for col, rel, other in schema.foreign_keys(res, schema.package())
            if rel in by_path and col in frame
        ]
        return schema.primary_key(res), foreign
    if name == "claims":
        return ["claim_id"], [("paragraph", "paragraphs", "key"), ("fact_id", "facts", "fact_id"), ("entity", "entities", "entity")]  # fmt: skip
    if name == "findings":
        return ["finding_id"], []
    return ["finding_id", "claim_id"], [("finding_id", "findings", "finding_id"), ("claim_id", "claims", "claim_id")]


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows for sqlite-utils: empty cells and missing numbers as NULL (a foreign key is NULL, never "")."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{k: (None if v == "" else v) for k, v in r.items()} for r in clean.to_dict("records")]


def _column_type(column: pd.Series) -> type:
    """The SQLite column type sqlite-utils would infer from values: numbers stay numbers, the rest is text."""
    if pd.api.types.is_integer_dtype(column):
        return int
    return float if pd.api.types.is_float_dtype(column) else str


def write(path: Path, named: dict[str, pd.DataFrame]) -> None:
    """Write the tables, their keys and their full-text indexes to a new database at ``path`` (must not exist)."""
    import sqlite_utils  # imported here: only the export writes a database

    conn = sqlite3.connect(path)
    try:
        db = sqlite_utils.Database(conn)
        for name, frame in named.items():
            pk, _ = _keys(name, frame)
            key = pk[0] if len(pk) == 1 else tuple(pk) if pk else None
            if frame.empty:  # a file with no rows yet (a new report's outside sources) is still a table with columns
                db[name].create({c: _column_type(frame[c]) for c in frame.columns}, pk=key)
            else:
                db[name].insert_all(_records(frame), pk=key)
        for name, frame in named.items():
            for col, other, other_col in _keys(name, frame)[1]:
                db[name].add_foreign_key(col, other, other_col, ignore=True)
        for name, columns in SEARCHED.items():
            _search_index(db, name, named[name], columns, _whole_words(name, named))
        db.execute(f"CREATE VIRTUAL TABLE [{TRIGRAM_TABLE}] USING fts5(text, tokenize='trigram', content='')")
        db.execute(f"INSERT INTO [{TRIGRAM_TABLE}] (rowid, text) SELECT rowid, text_simplified FROM paragraphs")
        db.index_foreign_keys()
        conn.commit()
        db.vacuum()
    finally:
        conn.close()


def _whole_words(name: str, named: dict[str, pd.DataFrame]) -> list[tuple[str, ...]]:
    """Per row, the ids indexed whole: a claim's id; a finding's id and the ids of the claims it names."""
    frame = named[name]
    if name == "claims":
        return [(c,) for c in frame["claim_id"]]
    if name == "findings":
        links = named["finding_claims"].groupby("finding_id", sort=False)["claim_id"].apply(tuple).to_dict()
        return [(f, *links.get(f, ())) for f in frame["finding_id"]]
    return [() for _ in range(len(frame))]


def _search_index(db, name: str, frame: pd.DataFrame, columns: tuple[str, ...], whole: list[tuple[str, ...]]) -> None:
    """A contentless FTS5 table ``{name}_fts`` whose rowids are the table's: the search words of each row."""
    db.execute(
        f"CREATE VIRTUAL TABLE [{name}_fts] USING fts5(words, tokenize=\"{fulltext.TOKENIZER}\", content='', detail=none)"
    )
    rowids = [r[0] for r in db.execute(f"SELECT rowid FROM [{name}] ORDER BY rowid")]
    texts = [" ".join(str(r[c]) for c in columns if r[c] is not None) for r in _records(frame[list(columns)])]
    db.conn.executemany(
        f"INSERT INTO [{name}_fts] (rowid, words) VALUES (?, ?)",
        [(rowid, fulltext.search_text(text, ids)) for rowid, text, ids in zip(rowids, texts, whole)],
    )
