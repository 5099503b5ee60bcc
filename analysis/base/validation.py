"""The validation engine the data gate runs (``analysis/gate.py``): the descriptor's schemas, and each stage's rules.

Every file's schema is in ``data/datapackage.json`` (``base/schema.py``): the engine
turns each resource into a ``FileSpec`` (exact columns, unique keys, non-empty cells,
patterns, vocabularies) and each foreign key into a ``Reference`` (every value of a
column exists in another file). A stage adds, in its ``rules.py``, what a schema cannot
say: semantic checks (``@check``: a function of a ``Context`` yielding ``Problem``s),
the files whose rows it validates itself (``rows_checked_by_stage``: the ledger, with
pandera schemas built from the same descriptor), and the vocabularies its code acts on
(``register_vocabulary``: the gate checks the descriptor's ``enum`` says the same). A
check runs only when every file it names could be read (a file that cannot be read is
already reported once); ``ctx.rows`` reads a file through ``csvio``.

A new data file: a resource in ``data/datapackage.json`` (fields with descriptions and
constraints, keys), then, if its meaning needs more than the schema, a few lines in the
owning stage's ``rules.py``::

    from analysis.base.validation import check

    @check("facts.csv", "claims.csv")
    def _facts_are_used(ctx):
        used = {r["fact_id"] for r in ctx.rows("claims.csv")}
        for n, row in ctx.numbered("facts.csv"):
            if row["fact_id"] not in used:
                yield ctx.problem("facts.csv", n, row["fact_id"], "fact_id", "no claim states this fact")
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.base import csvio, numbers, schema
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


DOC_FILES = {"reference/README.md", schema.DESCRIPTOR}  # documentation under data/, and the schema itself
CHECKS: list[Check] = []


@dataclass(frozen=True)
class StageRows:
    """A file whose rows a stage validates itself: the engine reads it but runs no generic row check on it."""

    header: bool = False  # the stage checks the header too (the engine reads whatever columns the file has)
    foreign_keys: tuple[str, ...] = ()  # columns whose references the stage checks
    keys: bool = False  # the engine still checks the composite keys (its message names the first row)


ROWS_CHECKED_BY_STAGE: dict[str, StageRows] = {}


@dataclass(frozen=True)
class Vocabulary:
    """Values the code acts on (``values()``) that must equal the enum of ``file.column`` in the descriptor."""

    file: str
    column: str
    owner: str  # where the code keeps them, for the message
    values: Callable[[], Iterable[str]]
    exact: bool = True  # False: the code knows a subset of the enum (values it never acts on are allowed)


VOCABULARIES: list[Vocabulary] = []


def rows_checked_by_stage(
    path: str, header: bool = False, foreign_keys: tuple[str, ...] = (), keys: bool = False
) -> None:
    ROWS_CHECKED_BY_STAGE[path] = StageRows(header, foreign_keys, keys)


def register_vocabulary(
    path: str, column: str, owner: str, values: Callable[[], Iterable[str]], exact: bool = True
) -> None:
    VOCABULARIES.append(Vocabulary(path, column, owner, values, exact))


def check(*files: str):
    """Decorator: register ``func(ctx) -> iterable of Problem``, run when every file named was read."""

    def wrap(func):
        CHECKS.append(Check(func.__name__.lstrip("_"), files, func))
        return func

    return wrap


# --- the context checks run in ---------------------------------------------------------------------------
INTEGER, POSITIVE_INTEGER, NUMBER = numbers.INTEGER, numbers.POSITIVE_INTEGER, numbers.NUMBER  # the one rule


def field_pattern(f: dict) -> str | None:
    """The regex a non-empty cell of a descriptor field must match (its pattern, or its type's form)."""
    cons = schema.constraints(f)
    if f.get("type") == "integer":
        return POSITIVE_INTEGER if cons.get("minimum") == 1 else INTEGER
    if f.get("type") == "number":
        return NUMBER.removeprefix("-?") if cons.get("minimum") == 0 else NUMBER
    return cons.get("pattern")


def spec_of(res: dict) -> FileSpec:
    """The engine's view of one CSV resource of the descriptor."""
    rel = res["path"]
    fields = res.get("schema", {}).get("fields", [])
    key = schema.primary_key(res)
    ident = res.get("rowName") or (key[0] if key else None)
    stage = ROWS_CHECKED_BY_STAGE.get(rel)
    columns = None if stage and stage.header else [f["name"] for f in fields]
    unique = ([tuple(key)] if key else []) + [tuple(u) for u in res.get("schema", {}).get("uniqueKeys", [])]
    if stage:
        return FileSpec(rel, columns, ident=ident, unique=unique if stage.keys else [])
    return FileSpec(
        rel,
        columns,
        ident=ident,
        unique=unique,
        required=tuple(f["name"] for f in fields if schema.constraints(f).get("required")),
        patterns={f["name"]: p for f in fields if (p := field_pattern(f))},
        choices={f["name"]: tuple(e) for f in fields if (e := schema.constraints(f).get("enum"))},
    )


def references_of(res: dict, pkg: dict) -> list[Reference]:
    """The foreign keys of a resource (but those its stage checks) and its list references."""
    rel = res["path"]
    required = {f["name"] for f in res.get("schema", {}).get("fields", []) if schema.constraints(f).get("required")}
    skip = ROWS_CHECKED_BY_STAGE.get(rel, StageRows()).foreign_keys
    refs = [
        Reference(rel, col, target, target_col, optional=col not in required)
        for col, target, target_col in schema.foreign_keys(res, pkg)
        if col not in skip
    ]
    names = {r.get("name"): r["path"] for r in pkg["resources"]}
    for lst in res.get("listReferences", []):
        ref = lst["reference"]
        target_col = ref["fields"][0] if isinstance(ref["fields"], list) else ref["fields"]
        refs.append(
            Reference(
                rel,
                lst["field"],
                names.get(ref["resource"], ref["resource"]),
                target_col,
                split=True,
                optional=lst["field"] not in required,
                strip=lst.get("strip", ""),
            )
        )
    return refs


class Context:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        pkg = schema.package(self.data_dir)  # a SchemaError if the descriptor cannot be read
        tabular = [r for r in pkg["resources"] if "schema" in r]
        self.specs: dict[str, FileSpec] = {r["path"]: spec_of(r) for r in tabular}
        self.references: list[Reference] = [ref for r in tabular for ref in references_of(r, pkg)]
        self.text_files = {r["path"] for r in pkg["resources"] if "schema" not in r}
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
            spec = self.specs.get(rel)
            if spec is None:
                self.problems.append(
                    self.problem(schema.DESCRIPTOR, None, "", "resources", f"no resource describes {rel}")
                )
                self._rows[rel] = None
                return None
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
        spec = self.specs.get(rel)
        return row.get(spec.ident, "") if spec and spec.ident else ""

    def column(self, rel: str, col: str) -> set[str]:
        return {r[col] for r in self.rows(rel) or [] if col in r}


# --- generic validation ---------------------------------------------------------------------------------
def _spec_problems(ctx: Context, spec: FileSpec) -> Iterable[Problem]:
    rows = ctx.rows(spec.path)
    if rows is None:
        return
    header = set(ctx.header(spec.path))
    # what each row is held to, resolved once per file (the loop below runs over every cell of data/)
    required = [c for c in spec.required if c in header]
    compiled = [(c, re.compile(p, re.ASCII).fullmatch) for c, p in spec.patterns.items()]  # \d: ASCII only
    vocab = [(c, set(v() if callable(v) else v)) for c, v in spec.choices.items()]
    seen = [(key, {}) for key in spec.unique if all(c in header for c in key)]
    for n, row in enumerate(rows, start=2):
        for col in required:
            if not row[col].strip():
                yield ctx.problem(spec.path, n, ctx.ident(spec.path, row), col, "empty")
        for col, fullmatch in compiled:
            value = row.get(col, "")
            if value and not fullmatch(value):
                hint = numbers.number_hint(value)
                pattern = spec.patterns[col]
                yield ctx.problem(
                    spec.path, n, ctx.ident(spec.path, row), col, f"{value!r} does not match {pattern}{hint}"
                )
        for col, allowed in vocab:
            value = row.get(col, "")
            if value and value not in allowed:
                yield ctx.problem(
                    spec.path,
                    n,
                    ctx.ident(spec.path, row),
                    col,
                    f"{value!r} is not one of {', '.join(sorted(allowed))}",
                )
        for key, first in seen:
            value = tuple(row[c] for c in key)
            if value in first:
                yield ctx.problem(
                    spec.path,
                    n,
                    ctx.ident(spec.path, row),
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
