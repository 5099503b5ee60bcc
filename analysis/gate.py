"""The data gate: one validation of every file under ``data/``, run by every command.

``python -m analysis check`` runs it and prints every problem; every other
command (``findings``, ``forecasts``, ``source ...``, ``ledger fill-base``) and
the book's notebooks call ``require_valid`` first, which raises one
``DataError`` listing all problems. Each problem names file, row (the CSV line
of the record; the header is 1) and field.

What it checks:

- every file is read by the one CSV reader (``csvio``: encoding, BOM, CRLF,
  header, row shape, quotes, truncation);
- per file, a schema (``FileSpec``): exact columns, unique ids, non-empty
  cells, patterns and vocabularies; files nobody registered are an error;
- the ledger (``ledger.load``: pandera schemas, spans, values, base values)
  and coverage (every number token of the body is a claim or a non-claim);
- cross-file references (``Reference``): every claim, paragraph, unit,
  series and file named anywhere exists;
- semantic checks (``@check``): relations can be recomputed, every official
  map row matches an official row of usable quality, every forecast map row
  can be held against its series, each repair is proved or an honest
  conjecture;
- the capture's sha256, and ``paragraphs.csv`` / ``toc.csv`` equal what the
  capture and the repairs produce: the columns that need no OpenCC are
  regenerated and compared; the OpenCC (Simplified) columns are held against
  ``source/checksums.csv``, which ``source regenerate`` writes (the test suite
  regenerates everything with OpenCC; ``check`` never imports it).

Extension point (for a new file such as ``facts.csv``), a few lines here or in
the module that owns the file::

    from analysis import gate

    gate.register_file(gate.FileSpec(
        "facts.csv", columns=["fact_id", "entity", "metric", "note"], ident="fact_id",
        unique=[("fact_id",)], required=("fact_id", "entity", "metric"),
        patterns={"fact_id": r"F\\d{3}"}))
    gate.register_reference(gate.Reference("facts.csv", "entity", "entities.csv", "entity"))
    gate.register_reference(gate.Reference("claims.csv", "fact_id", "facts.csv", "fact_id", optional=True))

    @gate.check("facts.csv", "claims.csv")
    def _facts_are_used(ctx):
        used = {r["fact_id"] for r in ctx.rows("claims.csv")}
        for n, row in ctx.numbered("facts.csv"):
            if row["fact_id"] not in used:
                yield ctx.problem("facts.csv", n, row["fact_id"], "fact_id", "no claim states this fact")

A check runs only when every file it names could be read (a file that cannot
be read is already reported once); ``ctx.rows`` reads a file through ``csvio``
(claims.csv with whatever columns its header has, so new ledger columns never
break a reference check), and every file named must be registered.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import csvio, paths
from .csvio import Problem
from .errors import DataError

# --- the registry ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileSpec:
    """The schema of one CSV under data/ (``path`` relative to data/)."""

    path: str
    columns: list[str] | None = None  # exact header; None: the header is checked elsewhere (the ledger)
    ident: str | None = None  # the column that names a row in messages
    unique: list[tuple[str, ...]] = field(default_factory=list)  # each tuple of columns must be unique
    required: tuple[str, ...] = ()  # cells that must not be empty
    patterns: dict[str, str] = field(default_factory=dict)  # column -> regex the whole (non-empty) cell matches
    choices: dict[str, Callable[[], Iterable[str]] | tuple[str, ...]] = field(default_factory=dict)  # vocabularies


@dataclass(frozen=True)
class Reference:
    """Every value of ``file.column`` (space-separated with ``split``) is a value of ``target.target_column``."""

    file: str
    column: str
    target: str
    target_column: str
    split: bool = False
    optional: bool = False  # empty cells allowed
    strip: str = ""  # characters stripped from the left of each value (a leading - in relation inputs)


@dataclass(frozen=True)
class Check:
    name: str
    files: tuple[str, ...]
    run: Callable[["Context"], Iterable[Problem]]


FILES: dict[str, FileSpec] = {}
TEXT_FILES = {"source/report.raw.txt"}  # files that are not CSV (validated by a check)
DOC_FILES = {"reference/README.md"}  # documentation under data/, not data
REFERENCES: list[Reference] = []
CHECKS: list[Check] = []


def register_file(spec: FileSpec) -> FileSpec:
    FILES[spec.path] = spec
    return spec


def register_reference(ref: Reference) -> Reference:
    REFERENCES.append(ref)
    return ref


def check(*files: str):
    """Decorator: register ``func(ctx) -> iterable of Problem``, run when every file named was read."""
    def wrap(func):
        CHECKS.append(Check(func.__name__.lstrip("_"), files, func))
        return func
    return wrap


# --- the context checks run in ---------------------------------------------------------------------------
class Context:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.problems: list[Problem] = []
        self._rows: dict[str, list[dict] | None] = {}
        self._headers: dict[str, list[str]] = {}
        self.ledger = None  # ledger.Ledger, once loaded
        self.coverage = None
        self.raw: str | None = None  # the capture, once its sha256 is checked

    def path(self, rel: str) -> Path:
        return self.data_dir / rel

    def name(self, rel: str) -> str:
        return csvio.display_name(self.path(rel))

    def problem(self, rel: str, row: int | None, ident: str, column: str, message: str) -> Problem:
        return Problem(self.name(rel), row, ident, column, message)

    def rows(self, rel: str) -> list[dict] | None:
        """The rows of a registered CSV, or None if it could not be read (the reason is reported once)."""
        if rel not in self._rows:
            spec = FILES[rel]
            try:
                header, rows = csvio.read_rows(self.path(rel), spec.columns)
                self._headers[rel] = header
                self._rows[rel] = rows
            except DataError as exc:
                self.problems.extend(exc.problems or [self.problem(rel, None, "", "file", str(exc))])
                self._rows[rel] = None
        return self._rows[rel]

    def header(self, rel: str) -> list[str]:
        self.rows(rel)
        return self._headers.get(rel, [])

    def numbered(self, rel: str) -> Iterable[tuple[int, dict]]:
        """(row number as the ledger counts it, row)."""
        return enumerate(self.rows(rel) or [], start=2)

    def ident(self, rel: str, row: dict) -> str:
        spec = FILES[rel]
        return row.get(spec.ident, "") if spec.ident else ""

    def column(self, rel: str, col: str) -> set[str]:
        return {r[col] for r in self.rows(rel) or [] if col in r}


# --- generic validation ---------------------------------------------------------------------------------
def _spec_problems(ctx: Context, spec: FileSpec) -> Iterable[Problem]:
    rows = ctx.rows(spec.path)
    if rows is None:
        return
    header = ctx.header(spec.path)
    compiled = {c: re.compile(p) for c, p in spec.patterns.items()}
    vocab = {c: set(v() if callable(v) else v) for c, v in spec.choices.items()}
    seen: dict[tuple[str, ...], dict[tuple, int]] = {key: {} for key in spec.unique}
    for n, row in ctx.numbered(spec.path):
        ident = ctx.ident(spec.path, row)
        for col in spec.required:
            if col in header and not row[col].strip():
                yield ctx.problem(spec.path, n, ident, col, "empty")
        for col, pattern in compiled.items():
            value = row.get(col, "")
            if value and not pattern.fullmatch(value):
                yield ctx.problem(spec.path, n, ident, col, f"{value!r} does not match {pattern.pattern}")
        for col, allowed in vocab.items():
            value = row.get(col, "")
            if value and value not in allowed:
                yield ctx.problem(spec.path, n, ident, col, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        for key, first in seen.items():
            if not all(c in header for c in key):
                continue
            value = tuple(row[c] for c in key)
            if value in first:
                yield ctx.problem(spec.path, n, ident, "+".join(key),
                                  f"duplicate {'/'.join(key)} {'/'.join(value)!r} (first at row {first[value]})")
            else:
                first[value] = n


def _reference_problems(ctx: Context, ref: Reference) -> Iterable[Problem]:
    if ctx.rows(ref.file) is None or ctx.rows(ref.target) is None:
        return
    if ref.column not in ctx.header(ref.file):
        return  # an optional column this copy of the file does not have (the header check reports required ones)
    known = ctx.column(ref.target, ref.target_column)
    for n, row in ctx.numbered(ref.file):
        cell = row[ref.column]
        values = cell.split() if ref.split else [cell]
        if not cell.strip() and not ref.optional:
            yield ctx.problem(ref.file, n, ctx.ident(ref.file, row), ref.column, "empty")
            continue
        for value in values:
            value = value.lstrip(ref.strip) if ref.strip else value
            if value and value not in known:
                yield ctx.problem(ref.file, n, ctx.ident(ref.file, row), ref.column,
                                  f"{value!r} is not a {ref.target_column} of {ref.target}")


# --- the files ----------------------------------------------------------------------------------------
_CLAIM_ID = r"\d+\.\d+\.\d+-\d{2}"
_KEY = r"\d+\.\d+\.\d+"
_SERIES = r"[A-Z][A-Z0-9_]*"
#: official periods (data/reference/README.md): 2024, 2024-12, 2024-H1, 2025-01/10, 2021-04-10
OFFICIAL_PERIOD = (r"(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-H[12]|-(0[1-9]|1[0-2])/(0[1-9]|1[0-2])"
                   r"|-(0[1-9]|1[0-2])/(19|20)\d\d-(0[1-9]|1[0-2]))?")  # the last: a fiscal year, 2024-04/2025-03
SOURCE_QUALITIES = ("official", "news", "mirror", "secondary", "doubtful")
OFFICIAL_UNITS = ("CNY_100m", "CNY_trn", "CNY_bn", "CNY_m", "pct", "persons_100m", "persons_10k", "persons_m",
                  "count_10k", "KRW", "EUR_m", "USD_bn")
def _relation_kinds() -> tuple[str, ...]:
    from .relations import RELATION_KINDS  # the kinds the recomputation knows, defined once there

    return RELATION_KINDS




def _ledger_files() -> None:
    from . import ledger

    # claims.csv: its header and rows are the ledger's (ledger.CLAIM_COLUMNS, pandera); read here with
    # whatever columns it has, so references to it never depend on today's columns
    register_file(FileSpec("claims.csv", ident="claim_id"))
    register_file(FileSpec("non_claims.csv", ledger.NON_CLAIM_COLUMNS, ident="span", unique=[("paragraph", "span")]))
    register_file(FileSpec("units.csv", ledger.UNIT_COLUMNS, ident="unit", unique=[("unit",)],
                           required=("unit", "scale", "base_units", "label_en"),
                           patterns={"base_units": r"[A-Za-z_]+(\|[A-Za-z_]+)*"}))
    register_file(FileSpec("entities.csv", ledger.VOCAB_COLUMNS["entity"], ident="entity"))
    register_file(FileSpec("metrics.csv", ledger.VOCAB_COLUMNS["metric"], ident="metric"))


_ledger_files()
register_file(FileSpec("relations.csv", ["relation_id", "kind", "inputs", "target", "note"], ident="relation_id",
                       unique=[("relation_id",)], required=("relation_id", "kind", "inputs", "note"),
                       patterns={"relation_id": r"R\d{3}", "inputs": rf"-?{_CLAIM_ID}( -?{_CLAIM_ID})+",
                                 "target": _CLAIM_ID},
                       choices={"kind": _relation_kinds}))
register_file(FileSpec("dictionary.csv", ["file", "column", "meaning"], ident="column",
                       unique=[("file", "column")], required=("file", "column", "meaning")))
register_file(FileSpec("reference/official_stats.csv",
                       ["series_id", "series_name_en", "series_name_zh", "period", "value", "unit", "source_org",
                        "source_quality", "source_url", "quote", "retrieved_note"], ident="series_id",
                       unique=[("series_id", "period", "source_url", "value")],
                       required=("series_id", "series_name_en", "period", "value", "unit", "source_org",
                                 "source_quality", "source_url", "quote"),
                       patterns={"series_id": _SERIES, "period": OFFICIAL_PERIOD, "value": r">?-?\d+(\.\d+)?",
                                 "source_url": r"https?://\S+"},
                       choices={"unit": OFFICIAL_UNITS, "source_quality": SOURCE_QUALITIES}))
register_file(FileSpec("reference/claim_official_map.csv",
                       ["claim_id", "series_id", "official_period", "comparison", "denominator_series",
                        "denominator_period", "note"],
                       ident="claim_id", unique=[("claim_id", "series_id", "official_period")],
                       required=("claim_id", "series_id", "official_period", "comparison"),
                       patterns={"claim_id": _CLAIM_ID, "series_id": _SERIES, "official_period": OFFICIAL_PERIOD,
                                 "denominator_series": _SERIES, "denominator_period": OFFICIAL_PERIOD},
                       choices={"comparison": lambda: _official().COMPARISONS}))
register_file(FileSpec("reference/forecast_series.csv",
                       ["series_id", "periods", "display_unit", "label_en", "label_zh", "note"], ident="series_id",
                       unique=[("series_id",)], required=("series_id", "periods", "display_unit", "label_en", "label_zh"),
                       patterns={"series_id": _SERIES}, choices={"periods": ("annual", "year_end")}))
register_file(FileSpec("reference/claim_forecast_map.csv", ["claim_id", "series_id", "note"], ident="claim_id",
                       unique=[("claim_id",)], required=("claim_id", "series_id", "note"),
                       patterns={"claim_id": _CLAIM_ID, "series_id": _SERIES}))
register_file(FileSpec("source/repairs.csv",
                       ["repair_id", "paragraph", "damaged", "repaired", "occurrences", "digits_lost", "proof", "note"],
                       ident="repair_id", unique=[("repair_id",), ("paragraph", "damaged")],
                       required=("repair_id", "paragraph", "damaged", "repaired"),
                       patterns={"repair_id": r"R\d\d", "paragraph": _KEY, "occurrences": r"[1-9]\d*"},
                       choices={"digits_lost": ("yes", "no"), "proof": ("proved", "conjecture")}))
register_file(FileSpec("source/paragraphs.csv",
                       ["key", "chapter", "section", "section_title", "truncated", "text_simplified", "text_traditional"],
                       ident="key", unique=[("key",)], required=("key", "text_simplified", "text_traditional"),
                       patterns={"key": _KEY}, choices={"truncated": ("yes", "no")}))
register_file(FileSpec("source/toc.csv", ["key", "chapter", "chapter_title", "section", "section_title", "status"],
                       ident="key", unique=[("key",)], patterns={"key": _KEY},
                       choices={"status": ("present", "truncated", "missing")}))
register_file(FileSpec("source/checksums.csv", ["file", "rows_sha256"], ident="file", unique=[("file",)],
                       required=("file", "rows_sha256"), patterns={"rows_sha256": r"[0-9a-f]{64}"},
                       choices={"file": ("source/paragraphs.csv", "source/toc.csv", "source/repairs.csv",
                                         "analysis/source.py")}))

# the fact layer (analysis/facts.py): its schema is checked here, its meaning by the check _facts below
def _fact_files() -> None:
    from . import facts

    register_file(FileSpec("facts.csv", facts.FACT_COLUMNS, ident="fact_id", unique=[("fact_id",)],
                           required=("fact_id", "entity", "metric", "label_en", "label_zh")))
    register_file(FileSpec("pair_decisions.csv", facts.DECISION_COLUMNS, ident="claim_a",
                           unique=[("claim_a", "claim_b")], required=("claim_a", "claim_b", "decision", "reason"),
                           patterns={"claim_a": _CLAIM_ID, "claim_b": _CLAIM_ID},
                           choices={"decision": facts.DECISIONS}))


_fact_files()

for _ref in [
    Reference("facts.csv", "entity", "entities.csv", "entity"),
    Reference("facts.csv", "metric", "metrics.csv", "metric"),
    Reference("claims.csv", "fact_id", "facts.csv", "fact_id"),
    Reference("pair_decisions.csv", "claim_a", "claims.csv", "claim_id"),
    Reference("pair_decisions.csv", "claim_b", "claims.csv", "claim_id"),
    Reference("relations.csv", "inputs", "claims.csv", "claim_id", split=True, strip="-"),
    Reference("relations.csv", "target", "claims.csv", "claim_id", optional=True),
    Reference("reference/claim_official_map.csv", "claim_id", "claims.csv", "claim_id"),
    Reference("reference/claim_official_map.csv", "series_id", "reference/official_stats.csv", "series_id"),
    Reference("reference/claim_forecast_map.csv", "claim_id", "claims.csv", "claim_id"),
    Reference("reference/claim_forecast_map.csv", "series_id", "reference/forecast_series.csv", "series_id"),
    Reference("reference/forecast_series.csv", "series_id", "reference/official_stats.csv", "series_id"),
    Reference("reference/forecast_series.csv", "display_unit", "units.csv", "unit"),
    Reference("source/repairs.csv", "paragraph", "source/paragraphs.csv", "key"),
    Reference("source/paragraphs.csv", "key", "source/toc.csv", "key"),
]:
    register_reference(_ref)


# --- checks --------------------------------------------------------------------------------------------
@check("source/report.raw.txt")
def _capture(ctx: Context):
    from . import source

    path = ctx.path("source/report.raw.txt")
    try:
        ctx.raw = source.load_raw(path)
    except DataError as exc:
        ctx.raw = None
        yield ctx.problem("source/report.raw.txt", None, "", "(text)", str(exc).replace(str(path) + ": ", ""))
    except UnicodeDecodeError:  # cannot happen with the right sha256; kept so a bad copy never tracebacks
        ctx.raw = None
        yield ctx.problem("source/report.raw.txt", None, "", "(text)", "not UTF-8")


def _canonical_sha(rows: list[dict]) -> str:
    """sha256 of a table's content (not its bytes: a BOM or CRLF re-save keeps it)."""
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


#: columns of the derived tables that OpenCC writes (held against checksums.csv, not regenerated by check)
_OPENCC_COLUMNS = {"source/paragraphs.csv": {"text_simplified", "section_title"},
                   "source/toc.csv": {"chapter_title", "section_title"}}


@check("source/report.raw.txt", "source/repairs.csv", "source/paragraphs.csv", "source/toc.csv", "source/checksums.csv")
def _derived_tables(ctx: Context):
    from . import source

    if ctx.raw is None:
        return  # the capture is reported
    sums = {r["file"]: r["rows_sha256"] for r in ctx.rows("source/checksums.csv")}
    if sums == _recorded_sums(ctx.data_dir):
        # the capture (sha256 checked), the repairs and the code are those `source regenerate` last ran on,
        # and the tables are what it wrote: they equal the regeneration without running it again
        return
    try:
        repairs = source.load_repairs(ctx.path("source/repairs.csv"))
        built = source.build_tables(ctx.raw, repairs, simplify=lambda text: text)
    except DataError as exc:
        for line in str(exc).splitlines():
            yield ctx.problem("source/repairs.csv", None, "", "damaged", line.replace(str(ctx.path("source/repairs.csv")), "").lstrip(", "))
        return
    regen = "run `python -m analysis source regenerate --force` (never edit it by hand)"
    for rel, fresh in zip(("source/paragraphs.csv", "source/toc.csv"), built):
        committed = ctx.rows(rel)
        skip = _OPENCC_COLUMNS[rel]
        by_key = {r["key"]: r for r in committed}
        fresh_keys = [r["key"] for r in fresh]
        if [r["key"] for r in committed] != fresh_keys:
            missing = sorted(set(fresh_keys) - set(by_key))
            extra = sorted(set(by_key) - set(fresh_keys))
            yield ctx.problem(rel, None, "", "key", f"keys differ from what the capture and repairs give "
                              f"(missing {missing or 'none'}, unexpected {extra or 'none'}, or out of order); {regen}")
            continue
        for n, (have, want) in enumerate(zip(committed, fresh), start=2):
            for col, value in want.items():
                if col not in skip and have.get(col) != value:
                    yield ctx.problem(rel, n, have["key"], col, f"differs from what the capture and repairs give; {regen}")
    for rel in ("source/paragraphs.csv", "source/toc.csv"):
        if sums.get(rel) != _canonical_sha(ctx.rows(rel)):
            yield ctx.problem(rel, None, "", "+".join(sorted(_OPENCC_COLUMNS[rel])),
                              f"content differs from what `source regenerate` wrote (source/checksums.csv); {regen}")


@check("source/repairs.csv")
def _repairs(ctx: Context):
    from . import source

    for n, row in ctx.numbered("source/repairs.csv"):
        if not row["damaged"] or row["proof"] not in source.PROOFS:
            continue  # reported by the schema
        status, why = source.repair_proof(row["damaged"], row["repaired"])
        if status == "fails":
            yield ctx.problem("source/repairs.csv", n, row["repair_id"], "repaired", f"the round trip fails: {why}")
        elif status != row["proof"]:
            yield ctx.problem("source/repairs.csv", n, row["repair_id"], "proof",
                              f"says {row['proof']}, the round trip says {status}" + (f" ({why})" if why else ""))
        if row["proof"] == "conjecture" and not row["note"].startswith("Conjecture:"):
            yield ctx.problem("source/repairs.csv", n, row["repair_id"], "note",
                              "a conjecture's note starts 'Conjecture:' and says why the reading was chosen")
        lost_digit = bool(re.search(r"\?\d", source.PINYIN_FRAGMENT.sub("", row["damaged"])))
        if lost_digit != (row["digits_lost"] == "yes"):
            yield ctx.problem("source/repairs.csv", n, row["repair_id"], "digits_lost",
                              f"{row['digits_lost']!r}, but the damaged run {'has' if lost_digit else 'has no'} "
                              "lost byte before a digit")


@check("claims.csv", "non_claims.csv", "units.csv", "entities.csv", "metrics.csv", "source/paragraphs.csv")
def _ledger(ctx: Context):
    from . import ledger

    ledger.paragraph_texts.cache_clear()  # the gate always reads the files as they are now
    try:
        data, found = ledger.load(ctx.data_dir, ctx.path("source/paragraphs.csv"))
    except DataError as exc:
        yield from exc.problems or [ctx.problem("claims.csv", None, "", "file", str(exc))]
        return
    for p in found:
        yield Problem(csvio.display_name(p.file), p.row, p.ident, p.field, p.message)
    if found:
        return
    ctx.ledger = data
    ctx.coverage = cov = ledger.coverage(data, ledger.paragraph_texts(ctx.path("source/paragraphs.csv")))
    for token, context in cov.unaccounted:
        yield ctx.problem("non_claims.csv", None, "", "span",
                          f"paragraph {token.paragraph}, offset {token.start}: number token {token.text} is in no claim "
                          f"and no non-claim (…{context}…)")


def _claims_by_id(ctx: Context) -> dict[str, dict]:
    return {r["claim_id"]: r for r in ctx.rows("claims.csv") or []}


def _year(period: str) -> int | None:
    return int(period) if re.fullmatch(r"(19|20)\d\d", period or "") else None


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
        if kind in ("sum", "growth", "speedup", "cagr", "multiple", "change_pp") and len(set(units)) > 1:
            yield ctx.problem(rel, n, ident, "inputs", f"{kind} needs inputs in one unit, got {' '.join(units)}")
        if kind in ("growth", "speedup", "cagr", "multiple", "implied_base"):
            divisor = ids[0] if kind in ("growth", "cagr", "speedup") else ids[1]
            if float(claims[divisor]["value"]) == 0:
                yield ctx.problem(rel, n, ident, "inputs", f"claim {divisor} is 0: cannot divide by it")
        if kind == "cagr":
            start, end = (_year(claims[i].get("period", "")[-4:]) for i in ids)
            if start is None or end is None or end <= start:
                yield ctx.problem(rel, n, ident, "inputs",
                                  "cagr needs a start and an end claim dated with years, the end after the start")
        if kind == "same_change":
            for i in ids:
                unit = claims[i].get("unit", "")
                if not (unit in ("%", "倍") or (unit.startswith("/") and unit[1:].isdigit())):
                    yield ctx.problem(rel, n, ident, "inputs",
                                      f"claim {i} (unit {unit}) cannot be read as a change (%, 倍 or /N)")


def _official():
    from . import official  # lazily: the gate's file specs load before the checks' modules

    return official


def _usable_quality() -> tuple[str, ...]:
    return _official().USABLE_QUALITY


def _usable_rows(stats: list[dict], series: str, period: str) -> list[dict]:
    """Rows of official_stats.csv for a series and period, of a quality the audit uses."""
    return [s for s in stats if s["series_id"] == series and s["period"] == period
            and s["source_quality"] in _usable_quality()]


@check("reference/claim_official_map.csv", "reference/official_stats.csv", "claims.csv")
def _official_map(ctx: Context):
    from . import official

    claims = _claims_by_id(ctx)
    rel = "reference/claim_official_map.csv"
    stats = ctx.rows("reference/official_stats.csv")
    for n, row in ctx.numbered(rel):
        claim = claims.get(row["claim_id"])
        if claim is None:
            continue  # reported by the references
        if not claim.get("value"):
            yield ctx.problem(rel, n, row["claim_id"], "claim_id", "the claim has no value to compare")
        matches = [s for s in stats if s["series_id"] == row["series_id"] and s["period"] == row["official_period"]]
        usable = [s for s in matches if s["source_quality"] in _usable_quality()]
        if not matches:
            if any(s["series_id"] == row["series_id"] for s in stats):
                yield ctx.problem(rel, n, row["claim_id"], "official_period",
                                  f"{row['official_period']!r}: no row of official_stats.csv for {row['series_id']} "
                                  "and that period (the comparison would be dropped)")
            continue
        if not usable:
            yield ctx.problem(rel, n, row["claim_id"], "official_period",
                              f"every row for {row['series_id']} {row['official_period']} is of a quality the audit "
                              f"does not use ({', '.join(sorted({s['source_quality'] for s in matches}))})")
            continue
        best = min(usable, key=lambda s: (_usable_quality().index(s["source_quality"]), s["source_url"]))
        if bool(row["denominator_series"]) != bool(row["denominator_period"]):
            yield ctx.problem(rel, n, row["claim_id"], "denominator_period",
                              "a ratio needs both denominator_series and denominator_period")
            continue
        if row["denominator_series"]:
            den = _usable_rows(stats, row["denominator_series"], row["denominator_period"])
            if not den:
                yield ctx.problem(rel, n, row["claim_id"], "denominator_series",
                                  f"no usable row of official_stats.csv for {row['denominator_series']} "
                                  f"{row['denominator_period']}")
                continue
            bases = {official.OFFICIAL_SCALE.get(s["unit"], ("?",))[0] for s in (best, den[0])}
            if len(bases) != 1:
                yield ctx.problem(rel, n, row["claim_id"], "denominator_series",
                                  f"numerator and denominator are in different units ({', '.join(sorted(bases))}): "
                                  "their ratio is not a share")
            elif claim.get("base_unit") and claim["base_unit"] != "ratio":
                yield ctx.problem(rel, n, row["claim_id"], "denominator_series",
                                  f"a ratio of two official rows is compared with a claim in {claim['base_unit']}")
            continue
        if best["unit"] not in official.OFFICIAL_SCALE:
            yield ctx.problem(rel, n, row["claim_id"], "series_id",
                              f"official unit {best['unit']} has no scale (official.OFFICIAL_SCALE)")
        elif claim.get("base_unit") and claim["base_unit"] != official.OFFICIAL_SCALE[best["unit"]][0]:
            yield ctx.problem(rel, n, row["claim_id"], "series_id",
                              f"the claim is in {claim['base_unit']}, the official series in "
                              f"{official.OFFICIAL_SCALE[best['unit']][0]}: not comparable")


@check("reference/claim_forecast_map.csv", "reference/forecast_series.csv", "claims.csv", "units.csv")
def _forecast_map(ctx: Context):
    claims = _claims_by_id(ctx)
    rel = "reference/claim_forecast_map.csv"
    for n, row in ctx.numbered(rel):
        claim = claims.get(row["claim_id"])
        if claim is None:
            continue
        if not claim.get("value"):
            yield ctx.problem(rel, n, row["claim_id"], "claim_id", "the claim has no value to hold against a forecast")
        if _year(claim.get("period", "")) is None:
            yield ctx.problem(rel, n, row["claim_id"], "claim_id",
                              f"the claim's period {claim.get('period', '')!r} is not a year to forecast")


@check("reference/forecast_series.csv", "reference/official_stats.csv", "units.csv")
def _forecast_series(ctx: Context):
    from . import forecast, official

    rel = "reference/forecast_series.csv"
    stats = ctx.rows("reference/official_stats.csv")
    bases = {r["unit"]: set(r["base_units"].split("|")) for r in ctx.rows("units.csv")}
    for n, row in ctx.numbered(rel):
        pattern = forecast.PERIOD_PATTERNS.get(row["periods"])
        rows = [s for s in stats if s["series_id"] == row["series_id"] and s["source_quality"] in _usable_quality()]
        if pattern is None or not rows:
            continue  # reported by the schema / the references
        units = {official.OFFICIAL_SCALE[s["unit"]][0] for s in rows if s["unit"] in official.OFFICIAL_SCALE}
        if any(s["unit"] not in official.OFFICIAL_SCALE for s in rows):
            yield ctx.problem(rel, n, row["series_id"], "series_id", "a row's official unit has no scale")
        elif row["display_unit"] in bases and not units <= bases[row["display_unit"]]:
            yield ctx.problem(rel, n, row["series_id"], "display_unit",
                              f"{row['display_unit']} measures {'|'.join(sorted(bases[row['display_unit']]))}, "
                              f"the series {'|'.join(sorted(units))}")
        if not any(pattern.match(s["period"]) for s in rows):
            yield ctx.problem(rel, n, row["series_id"], "periods",
                              f"no row of the series has a {row['periods']} period")


@check("dictionary.csv")
def _dictionary(ctx: Context):
    rel = "dictionary.csv"
    actual: dict[str, set[str]] = {}
    for name in sorted(FILES):
        if ctx.rows(name) is not None:
            actual[name] = set(ctx.header(name))
    for name in TEXT_FILES:
        if ctx.path(name).is_file():
            actual[name] = {"(text)"}
    documented: dict[str, set[str]] = {}
    for n, row in ctx.numbered(rel):
        documented.setdefault(row["file"], set()).add(row["column"])
        if row["file"] not in FILES and row["file"] not in TEXT_FILES:
            yield ctx.problem(rel, n, row["column"], "file", f"{row['file']!r} is not a file of data/")
        elif row["file"] in actual and row["column"] not in actual[row["file"]]:
            yield ctx.problem(rel, n, row["column"], "column", f"{row['file']} has no column {row['column']!r}")
    for name, cols in sorted(actual.items()):
        for col in sorted(cols - documented.get(name, set())):
            yield ctx.problem(rel, None, "", "column", f"{name}: column {col!r} is not documented")


def _unregistered(ctx: Context) -> Iterable[Problem]:
    known = set(FILES) | TEXT_FILES | DOC_FILES
    for path in sorted(p for p in ctx.data_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(ctx.data_dir).as_posix()
        if rel not in known:
            yield ctx.problem(rel, None, "", "file", "no validator is registered for this file (analysis/gate.py)")
    for rel in sorted(FILES):
        ctx.rows(rel)  # every registered file is read, so a missing one is reported


@check("facts.csv", "pair_decisions.csv", "claims.csv", "entities.csv", "metrics.csv", "units.csv",
       "source/paragraphs.csv")
def _facts(ctx: Context):
    """The fact layer's meaning (analysis/facts.py): claims agree with their facts, decisions with the facts,
    periods and readings with the text. Every proposed pair being decided is `python -m analysis pairs`."""
    if ctx.ledger is None:
        return  # the ledger's own problems are reported; the fact layer needs a valid one
    from . import facts, ledger

    files = facts.load(ctx.path("facts.csv"), ctx.path("pair_decisions.csv"))
    for p in facts.problems(ctx.ledger, files, ledger.paragraph_texts(ctx.path("source/paragraphs.csv")),
                            facts_path=ctx.path("facts.csv"), decisions_path=ctx.path("pair_decisions.csv"),
                            claims_path=ctx.path("claims.csv")):
        yield Problem(csvio.display_name(p.file), p.row, p.ident, p.field, p.message)


def _outside_statuses() -> tuple[str, ...]:
    from .finding import OUTSIDE_STATUSES

    return tuple(OUTSIDE_STATUSES)


register_file(FileSpec("outside_checks.csv", ["claim_id", "outside_check", "source", "searched", "note"],
                       ident="claim_id", unique=[("claim_id",)], required=("claim_id", "outside_check", "note"),
                       patterns={"claim_id": _CLAIM_ID}, choices={"outside_check": _outside_statuses}))
register_file(FileSpec("reference/outside_sources.csv",
                       ["claim_id", "source_url", "quote", "value", "unit", "period", "source_org", "source_quality",
                        "note"], ident="claim_id", unique=[("claim_id", "source_url", "value", "period")],
                       required=("claim_id", "source_url", "quote", "value", "source_org", "source_quality"),
                       patterns={"claim_id": _CLAIM_ID, "source_url": r"https?://\S+"},
                       choices={"source_quality": SOURCE_QUALITIES}))
register_reference(Reference("outside_checks.csv", "claim_id", "claims.csv", "claim_id"))
register_reference(Reference("reference/outside_sources.csv", "claim_id", "claims.csv", "claim_id"))


@check("outside_checks.csv", "reference/outside_sources.csv", "reference/official_stats.csv",
       "reference/claim_official_map.csv", "reference/claim_forecast_map.csv", "claims.csv")
def _outside_checks(ctx: Context):
    """Every claim has one outside-check status; a checked one names sources that exist, a not_found one says
    what was searched, and the claims the official and forecast maps hold against a series are checked against it."""
    from .finding import OUTSIDE_CHECKED
    from .outside import sources_of

    rel = "outside_checks.csv"
    series = {r["series_id"] for r in ctx.rows("reference/official_stats.csv")}
    urls = {r["source_url"] for r in ctx.rows("reference/official_stats.csv")}
    urls |= {r["source_url"] for r in ctx.rows("reference/outside_sources.csv")}
    mapped: dict[str, set[str]] = {}
    for name in ("reference/claim_official_map.csv", "reference/claim_forecast_map.csv"):
        for r in ctx.rows(name):
            mapped.setdefault(r["claim_id"], set()).update(
                s for s in (r["series_id"], r.get("denominator_series", "")) if s)
    seen = set()
    for n, row in ctx.numbered(rel):
        cid, status = row["claim_id"], row["outside_check"]
        seen.add(cid)
        sources = sources_of(row["source"])
        if status in OUTSIDE_CHECKED:
            if not sources:
                yield ctx.problem(rel, n, cid, "source", f"{status}: name the series or URL it was checked against")
            for s in sources:
                if s.startswith("http") and s not in urls:
                    yield ctx.problem(rel, n, cid, "source", f"{s}: no row of official_stats.csv or outside_sources.csv has this URL")
                elif not s.startswith("http") and s not in series:
                    yield ctx.problem(rel, n, cid, "source", f"{s}: not a series of official_stats.csv")
        elif sources:
            yield ctx.problem(rel, n, cid, "source", f"{status} is not checkable: it names no source")
        if status == "not_found" and not row["searched"].strip():
            yield ctx.problem(rel, n, cid, "searched", "not_found: say what was searched")
        if cid in mapped:
            if status not in OUTSIDE_CHECKED:
                yield ctx.problem(rel, n, cid, "outside_check",
                                  f"{status}: the claim is held against {', '.join(sorted(mapped[cid]))} in the claim maps")
            elif not mapped[cid] <= set(sources):
                yield ctx.problem(rel, n, cid, "source",
                                  f"the claim maps hold it against {', '.join(sorted(mapped[cid] - set(sources)))} too")
    for n, row in ctx.numbered("claims.csv"):
        if row["claim_id"] not in seen:
            yield ctx.problem(rel, None, row["claim_id"], "claim_id", f"{row['claim_id']} has no outside-check status")


def _trajectory_links() -> tuple[str, ...]:
    from .trajectories import LINKS

    return tuple(LINKS)


register_file(FileSpec("trajectory_links.csv", ["fact_id", "link", "target", "denominator", "periods", "note"],
                       ident="fact_id", unique=[("fact_id", "link", "target", "periods")],
                       required=("fact_id", "link", "note"),
                       patterns={"denominator": _SERIES, "periods": r"(before-2025|2025-2026|[0-9/-]+)"},
                       choices={"link": _trajectory_links}))
register_reference(Reference("trajectory_links.csv", "fact_id", "facts.csv", "fact_id"))


@check("trajectory_links.csv", "claims.csv", "reference/official_stats.csv")
def _trajectory_link_rows(ctx: Context):
    """Every fact with a 2025 and a 2026 value has a reviewed link (or a 'none' saying what was looked for);
    a link names a growth claim of the ledger or official rows that exist for each of its periods."""
    from .trajectories import DIRECTIONS, EARLIER_WINDOW, SAME_WINDOW, trajectory_facts

    rel = "trajectory_links.csv"
    claims = _claims_by_id(ctx)
    stats = ctx.rows("reference/official_stats.csv")
    wanted = trajectory_facts(list(claims.values()))
    linked = set()
    for n, row in ctx.numbered(rel):
        fact, kind, target = row["fact_id"], row["link"], row["target"]
        linked.add(fact)
        if fact not in wanted:
            yield ctx.problem(rel, n, fact, "fact_id", "no 2025-2026 trajectory has this fact (a stale link?)")
        if kind == "none":
            if target or row["denominator"] or row["periods"]:
                yield ctx.problem(rel, n, fact, "target", "a 'none' link names no target, denominator or periods")
        elif kind == "growth_statement":
            g = claims.get(target)
            if g is None:
                yield ctx.problem(rel, n, fact, "target", f"{target!r}: not a claim of claims.csv")
            elif g["kind"] not in ("growth", "cagr", "change_pp"):
                yield ctx.problem(rel, n, fact, "target", f"{target} is a {g['kind']} claim, not a growth statement")
            if row["periods"] not in (SAME_WINDOW, EARLIER_WINDOW):
                yield ctx.problem(rel, n, fact, "periods", f"a growth statement covers {SAME_WINDOW} or {EARLIER_WINDOW}")
        elif kind == "stated_direction":
            if target not in DIRECTIONS:
                yield ctx.problem(rel, n, fact, "target", f"{target!r}: a stated direction is one of {', '.join(DIRECTIONS)}")
            if row["periods"] != SAME_WINDOW or row["denominator"]:
                yield ctx.problem(rel, n, fact, "periods", f"a stated direction covers {SAME_WINDOW} and has no denominator")
        elif kind:
            periods = [p for p in row["periods"].split("/") if p]
            if len(periods) != (2 if kind == "outside_series" else 1):
                yield ctx.problem(rel, n, fact, "periods",
                                  f"{kind} takes {'two periods, P1/P2' if kind == 'outside_series' else 'one period'}")
            for series in filter(None, (target, row["denominator"])):
                for p in periods:
                    if not _usable_rows(stats, series, p):
                        yield ctx.problem(rel, n, fact, "periods", f"no usable row of official_stats.csv for {series} {p}")
    for fact in sorted(wanted - linked):
        yield ctx.problem(rel, None, fact, "fact_id", f"{fact} has a 2025-2026 trajectory but no reviewed link")


# --- running it -----------------------------------------------------------------------------------------
SCOPES = {
    "all": None,
    # what `source show` and `source stats` read
    "source": {"source/report.raw.txt", "source/repairs.csv", "source/paragraphs.csv", "source/toc.csv",
               "source/checksums.csv"},
    # what `source regenerate` reads (its outputs may differ: that is why it runs)
    "inputs": {"source/report.raw.txt", "source/repairs.csv"},
}


@dataclass
class Report:
    problems: list[Problem]
    ledger: object = None  # ledger.Ledger when the ledger is valid
    coverage: object = None

    @property
    def ok(self) -> bool:
        return not self.problems


def run(data_dir: Path | None = None, scope: str = "all") -> Report:
    """Every problem of every file (in ``scope``), sorted by file, row and field. Never raises on bad data."""
    ctx = Context(Path(data_dir) if data_dir else paths.DATA)
    allowed = SCOPES[scope]
    found: list[Problem] = []
    if allowed is None:
        found += _unregistered(ctx)
    for spec in FILES.values():
        if allowed is None or spec.path in allowed:
            found += _spec_problems(ctx, spec)
    if allowed is None:
        for ref in REFERENCES:
            found += _reference_problems(ctx, ref)
    for chk in CHECKS:
        if allowed is not None and not set(chk.files) <= allowed:
            continue
        csv_files = [f for f in chk.files if f in FILES]
        if any(ctx.rows(f) is None for f in csv_files):
            continue  # a file it needs could not be read: reported once, by the reader
        found += chk.run(ctx)
    # read errors, then everything else; the same problem is reported once
    unique = list(dict.fromkeys(ctx.problems + found))
    unique.sort(key=lambda p: (p.file, p.row or 0, p.field, p.message))
    return Report(unique, ctx.ledger, ctx.coverage)


def _fingerprint(data_dir: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*")) if p.is_file())


_CACHE: dict[tuple, Report] = {}


def require_valid(data_dir: Path | None = None, scope: str = "all") -> Report:
    """The gate's report, or a DataError listing every problem (one per line). Cached while no file changes."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    key = (scope, _fingerprint(data_dir))
    if key not in _CACHE:
        report = run(data_dir, scope)
        if report.problems:
            raise DataError("\n".join(str(p) for p in report.problems)
                            + f"\n{len(report.problems)} problems in {csvio.display_name(data_dir)}/: "
                              "fix them (python -m analysis check lists them)", report.problems)
        _CACHE[key] = report
    return _CACHE[key]


def _recorded_sums(data_dir: Path) -> dict[str, str]:
    """What `source regenerate` records: the content of its outputs and of its inputs besides the capture."""
    sums = {rel: _canonical_sha(csvio.read_dicts(data_dir / rel))
            for rel in ("source/paragraphs.csv", "source/toc.csv", "source/repairs.csv")}
    sums["analysis/source.py"] = hashlib.sha256((paths.ROOT / "analysis" / "source.py").read_bytes()).hexdigest()
    return sums


def write_checksums(data_dir: Path | None = None) -> Path | None:
    """Record what `source regenerate` wrote and read (called by it, after writing); atomic; None if unchanged."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    out = data_dir / "source" / "checksums.csv"
    lines = ["file,rows_sha256"] + [f"{rel},{sha}" for rel, sha in _recorded_sums(data_dir).items()]
    text = "\n".join(lines) + "\n"
    if out.exists() and out.read_text(encoding="utf-8") == text:
        return None
    write_atomic(out, text)
    return out


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file in the same directory, then a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
