"""The claims ledger: load, validate, and prove coverage. No arithmetic beyond units.

Validation never rewrites a file. Every problem is reported as
``file, row N (claim_id), field F: message`` where N is the line number in the
CSV (the header is line 1), and the command exits non-zero.

pandera checks what a schema can say per column (types, vocabularies,
patterns, uniqueness); the row checks below say what needs the paragraph text
or the unit table (span found verbatim, number in span, base value = value x
scale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.base import csvio, numbers, paths, schema
from analysis.base.errors import DataError, Problem
from analysis.base.keys import claim_sort_key, paragraph_sort_key  # noqa: F401 (the ledger API)
from analysis.base.validation import field_pattern
from analysis.ledger import platforms

#: what kind of quantity a measure (data/metrics.csv) is
UNIT_FAMILIES = ("money", "people", "count", "share", "change", "duration", "distance", "score", "rank", "other")

#: bound symbol -> what it means; the words that give it are documented in data/README.md
BOUNDS = {"=": "as stated", ">": "more than", ">=": "at least", "<": "less than", "<=": "at most", "~": "about"}
KINDS = {
    "level": "an amount (money, users, volume)",
    "share": "a part of a whole, in percent",
    "growth": "a percent change of a quantity",
    "change_pp": "a change in percentage points",
    "multiple": "N times something",
    "cagr": "a compound annual growth rate",
    "count": "a number of things",
    "duration": "a length of time",
    "target": "a goal or plan",
    "rank": "a position in an ordering",
    "price": "a price or cost per unit",
    "score": "a rating on a scale",
    "ratio": "a fraction or ratio",
    "other": "anything else (see the note)",
}
NON_CLAIM_CATEGORIES = {"date", "name", "definition", "label", "other"}
VALUE_PATTERN = r"[0-9]+(\.[0-9]+)?"


class LedgerError(DataError):
    """Raised with every problem found, one per line."""


def read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """Read a curated CSV as strings (keys like 2.1.1 must stay strings), checking its header."""
    return csvio.read_frame(path, columns)  # a CsvError (a DataError) names file, line and field


@lru_cache(maxsize=1)
def paragraph_texts(path: Path | None = None) -> dict[str, str]:
    path = paths.PARAGRAPHS if path is None else path
    rows = csvio.read_dicts(path, ["key", "text_simplified"], extra_ok=True)
    return {r["key"]: r["text_simplified"] for r in rows}


def _register_pandera_backends() -> None:
    """Load pandera's pandas checks without its data-synthesis strategies.

    pandera registers them on the first validation, and that imports its
    strategies module, which imports hypothesis when it is installed (it is, for
    the tests): 0.1 s, a sixth of ``check``, spent on data synthesis that
    validation never uses. hypothesis is hidden for that one import only.
    """
    import sys

    if "pandera.strategies.pandas_strategies" in sys.modules or "hypothesis" in sys.modules:
        return
    sys.modules["hypothesis"] = None  # makes `import hypothesis` raise ImportError, which pandera handles
    try:
        import pandera.backends.pandas.builtin_checks  # noqa: F401  (imports the strategies module)
    finally:
        del sys.modules["hypothesis"]


def _schema_problems(
    frame: pd.DataFrame, pandera_schema, path: Path, id_column: str | None, sources: dict[str, str]
) -> list[Problem]:
    import pandera.errors

    _register_pandera_backends()

    try:
        pandera_schema.validate(frame, lazy=True)
        return []
    except pandera.errors.SchemaErrors as errors:
        problems = []
        cases = errors.failure_cases
        for case in cases.itertuples(index=False):
            index = case.index
            row = int(index) + 2 if pd.notna(index) else None
            ident = str(frame.iloc[int(index)][id_column]) if (row and id_column) else ""
            check = str(case.check)
            if check.startswith("isin("):
                check = f"not in its controlled vocabulary ({sources.get(str(case.column), 'see the schema')})"
            hint = numbers.number_hint(str(case.failure_case))
            problems.append(Problem(path, row, ident, str(case.column), f"{case.failure_case!r}: {check}{hint}"))
        return problems


def _pandera_schema(rel: str, data_dir: Path | None, lookups: dict[str, set[str]]):
    """pandera's view of a ledger file's schema in the descriptor (``data/datapackage.json``).

    Each field's pattern (or its type's form: ``validation.field_pattern``), enum and minimum
    length become column checks; a required field without one must not be empty; a foreign key
    to a vocabulary or the paragraphs is a membership check against ``lookups``; the primary
    key is unique. Returns the schema and, per column, where its vocabulary is written (for
    messages).
    """
    import pandera.pandas as pa  # heavy: imported by the one function that validates with it

    res = schema.resource(rel, data_dir)
    targets = {
        col: f"data/{target} {target_col}"
        for col, target, target_col in schema.foreign_keys(res, schema.package(data_dir))
    }
    key = schema.primary_key(res)
    columns, sources = {}, {}
    for f in res["schema"]["fields"]:
        name, cons = f["name"], schema.constraints(f)
        checks = []
        if pattern := field_pattern(f):
            whole = f"^({pattern})$" if cons.get("required") else f"^({pattern})?$"
            checks.append(pa.Check.str_matches(f"(?a){whole}"))  # \\d in a pattern: ASCII digits
        if "enum" in cons:
            allowed = set(cons["enum"]) | ({""} if not cons.get("required") else set())  # empty: a missing value
            checks.append(pa.Check.isin(sorted(allowed)))
            sources[name] = ", ".join(cons["enum"])
        if name in lookups:
            checks.append(pa.Check.isin(sorted(lookups[name])))
            sources[name] = targets.get(name, "see the schema")
        if "minLength" in cons:
            checks.append(pa.Check.str_length(min_value=cons["minLength"]))
        elif cons.get("required") and not checks:
            checks.append(pa.Check.str_length(min_value=1))
        columns[name] = pa.Column(dtype=str, nullable=False, checks=checks, unique=key == [name])
    # a composite key is the gate's (ledger/rules.py): its message names the first row
    return pa.DataFrameSchema(columns, strict=True, ordered=True), sources


def _vocabulary_problems(frame: pd.DataFrame, path: Path, id_column: str) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        ident = getattr(row, id_column)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
            problems.append(Problem(path, i, ident, id_column, "ids are snake_case ascii"))
        if ident in seen:
            problems.append(Problem(path, i, ident, id_column, "duplicate id"))
        seen.add(ident)
        for field in ("label_en", "definition"):
            if not getattr(row, field).strip():
                problems.append(Problem(path, i, ident, field, "empty"))
        if id_column == "metric":
            if not row.label_zh.strip():
                problems.append(Problem(path, i, ident, "label_zh", "empty"))
            if row.unit_family not in UNIT_FAMILIES:
                problems.append(
                    Problem(path, i, ident, "unit_family", f"{row.unit_family!r}: one of {', '.join(UNIT_FAMILIES)}")
                )
    return problems


def span_start(text: str, span: str, occurrence: int) -> int | None:
    """Offset of the ``occurrence``-th (1-based) appearance of ``span`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(span, start + 1)
        if start < 0:
            return None
    return start


def _claim_row_problems(claims: pd.DataFrame, units: pd.DataFrame, texts: dict[str, str], path: Path) -> list[Problem]:
    scale = unit_scales(units)
    base_units = {u: set(b.split("|")) for u, b in zip(units["unit"], units["base_units"])}
    problems = []
    for i, row in enumerate(claims.itertuples(index=False), start=2):

        def bad(field: str, message: str) -> None:
            problems.append(Problem(path, i, row.claim_id, field, message))

        text = texts.get(row.paragraph)
        if text is None:
            continue  # reported by the schema
        if not row.claim_id.startswith(row.paragraph + "-"):
            bad("claim_id", f"must start with its paragraph {row.paragraph}-")
        occurrence = int(row.occurrence) if numbers.is_digits(row.occurrence) else 1
        if span_start(text, row.span, occurrence) is None:
            bad("span", f"{row.span!r} not found verbatim (occurrence {occurrence}) in paragraph {row.paragraph}")
        if row.value:
            if not re.fullmatch(VALUE_PATTERN, row.value) or (row.value_base and not numbers.is_number(row.value_base)):
                continue  # reported by the schema
            printed = [t.text for t in numbers.tokenize(row.paragraph, row.span)]
            if row.value not in printed:
                hundred = [p for p in printed if abs(float(p) - float(row.value) * 100) < 1e-9 * max(1.0, float(p))]
                hint = f": a percentage re-saved as a fraction? type {hundred[0]}" if hundred else ""
                bad("value", f"{row.value} is not a number printed in the span {row.span!r}{hint}")
            if row.unit in scale:
                expected = float(row.value) * scale[row.unit]
                if not row.value_base:
                    bad("value_base", f"empty; expected {expected:g} ({row.value} x {scale[row.unit]:g})")
                elif abs(float(row.value_base) - expected) > 1e-9 * max(1.0, abs(expected)):
                    bad("value_base", f"{row.value_base} != value x scale of {row.unit} = {expected:g}")
                if row.base_unit not in base_units[row.unit]:
                    bad(
                        "base_unit",
                        f"{row.base_unit!r} is not a base unit of {row.unit} "
                        f"({'|'.join(sorted(base_units[row.unit]))})",
                    )
        else:
            if not row.note.strip():
                bad("value", "empty value needs a note saying why (e.g. digits lost in the capture)")
            if row.value_base:
                bad("value_base", "must be empty when value is empty")
    return problems


def _non_claim_row_problems(frame: pd.DataFrame, texts: dict[str, str], path: Path) -> list[Problem]:
    problems = []
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        text = texts.get(row.paragraph)
        if text is None or not numbers.is_digits(row.occurrences):
            continue  # reported by the schema
        found = text.count(row.span) if row.span else 0
        if found != int(row.occurrences):
            problems.append(
                Problem(
                    path,
                    i,
                    row.span,
                    "occurrences",
                    f"{row.span!r} occurs {found} times in paragraph {row.paragraph}, row says {row.occurrences}",
                )
            )
        if not numbers.NUMBER_TOKEN.search(row.span):
            problems.append(Problem(path, i, row.span, "span", "contains no number token"))
    return problems


@dataclass
class Ledger:
    claims: pd.DataFrame
    non_claims: pd.DataFrame
    units: pd.DataFrame
    entities: pd.DataFrame
    metrics: pd.DataFrame


def load(data_dir: Path | None = None, paragraphs_path: Path | None = None) -> tuple[Ledger, list[Problem]]:
    """Read every ledger file; return the tables and every problem found (never raises on bad rows)."""
    data_dir = paths.DATA if data_dir is None else data_dir
    paragraphs_path = paths.PARAGRAPHS if paragraphs_path is None else paragraphs_path
    files = {
        name: (data_dir / rel, schema.columns(rel, schema.schema_dir(data_dir)))
        for name, rel in (
            ("claims", "claims.csv"),
            ("non_claims", "non_claims.csv"),
            ("units", "units.csv"),
            ("entities", "entities.csv"),
            ("metrics", "metrics.csv"),
        )
    }
    tables = {name: read_table(path, cols) for name, (path, cols) in files.items()}
    texts = paragraph_texts(paragraphs_path)
    keys = set(texts)
    problems: list[Problem] = []
    units = tables["units"]
    for i, row in enumerate(units.itertuples(index=False), start=2):
        try:
            if float(row.scale) <= 0:
                raise ValueError
        except ValueError:
            problems.append(Problem(files["units"][0], i, row.unit, "scale", f"{row.scale!r} is not a positive number"))
    if problems:
        return Ledger(**tables), problems
    problems += _vocabulary_problems(tables["entities"], files["entities"][0], "entity")
    kinds = schema.enum("entities.csv", "kind", schema.schema_dir(data_dir))
    problems += platforms.entity_problems(tables["entities"], files["entities"][0], kinds)
    problems += _vocabulary_problems(tables["metrics"], files["metrics"][0], "metric")
    lookups = {
        "unit": set(units["unit"]),
        "entity": set(tables["entities"]["entity"]),
        "metric": set(tables["metrics"]["metric"]),
        "paragraph": keys,
    }
    claims_schema, sources = _pandera_schema("claims.csv", schema.schema_dir(data_dir), lookups)
    problems += _schema_problems(tables["claims"], claims_schema, files["claims"][0], "claim_id", sources)
    problems += _claim_row_problems(tables["claims"], units, texts, files["claims"][0])
    non_claims_schema, sources = _pandera_schema("non_claims.csv", schema.schema_dir(data_dir), {"paragraph": keys})
    problems += _schema_problems(tables["non_claims"], non_claims_schema, files["non_claims"][0], "span", sources)
    problems += _non_claim_row_problems(tables["non_claims"], texts, files["non_claims"][0])
    problems.sort(key=lambda p: (p.file, p.row or 0, p.field))
    return Ledger(**tables), problems


def load_valid(data_dir: Path | None = None) -> Ledger:
    """The ledger, or a LedgerError listing every problem (for notebooks and analysis code)."""
    data_dir = paths.DATA if data_dir is None else data_dir
    ledger, problems = load(data_dir)
    if problems:
        raise LedgerError("\n".join(str(p) for p in problems))
    return ledger


def read_rows(path: Path, columns: list[str]) -> list[dict]:
    """A small curated CSV (relations, maps, series lists) whose header must be exactly ``columns``."""
    return csvio.read_dicts(path, columns)


def unit_scales(units: pd.DataFrame) -> dict[str, float]:
    """unit -> factor to its base unit (value_base = value x scale)."""
    return dict(zip(units["unit"], units["scale"].astype(float)))


def exact_unit_scales(units: pd.DataFrame) -> dict[str, Fraction]:
    """unit -> factor to its base unit, exact (for interval arithmetic)."""
    return {u: Fraction(s) for u, s in zip(units["unit"], units["scale"])}


def format_base(x: float) -> str:
    """A stable text form of a base value: up to 12 significant digits, no float noise."""
    return f"{x:.12g}"
