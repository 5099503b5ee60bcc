"""The validation engine every stage registers its data files and rules with (run by ``analysis/gate.py``).

A stage declares, in its ``rules.py``: its files (``FileSpec``: exact columns, unique
ids, non-empty cells, patterns, vocabularies), cross-file references (``Reference``:
every value of a column exists in another file) and semantic checks (``@check``: a
function of a ``Context`` yielding ``Problem``s). A check runs only when every file it
names could be read (a file that cannot be read is already reported once); ``ctx.rows``
reads a file through ``csvio``.

Extension point (for a new file such as ``facts.csv``), a few lines in the stage's
``rules.py``::

    from analysis.base.validation import FileSpec, Reference, check, register_file, register_reference

    register_file(FileSpec(
        "facts.csv", columns=["fact_id", "entity", "metric", "note"], ident="fact_id",
        unique=[("fact_id",)], required=("fact_id", "entity", "metric"),
        patterns={"fact_id": r"F\\d{3}"}))
    register_reference(Reference("facts.csv", "entity", "entities.csv", "entity"))

    @check("facts.csv", "claims.csv")
    def _facts_are_used(ctx):
        used = {r["fact_id"] for r in ctx.rows("claims.csv")}
        for n, row in ctx.numbered("facts.csv"):
            if row["fact_id"] not in used:
                yield ctx.problem("facts.csv", n, row["fact_id"], "fact_id", "no claim states this fact")

and the stage's ``rules`` module imported by ``analysis/gate.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.base import csvio
from analysis.base.csvio import Problem
from analysis.base.errors import DataError

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
    run: Callable[[Context], Iterable[Problem]]


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
                yield ctx.problem(
                    spec.path,
                    n,
                    ident,
                    "+".join(key),
                    f"duplicate {'/'.join(key)} {'/'.join(value)!r} (first at row {first[value]})",
                )
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
                yield ctx.problem(
                    ref.file,
                    n,
                    ctx.ident(ref.file, row),
                    ref.column,
                    f"{value!r} is not a {ref.target_column} of {ref.target}",
                )


# --- the files ----------------------------------------------------------------------------------------
_CLAIM_ID = r"\d+\.\d+\.\d+-\d{2}"
_KEY = r"\d+\.\d+\.\d+"
_SERIES = r"[A-Z][A-Z0-9_]*"
