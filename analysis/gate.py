"""The data gate: one validation of every file under ``data/``, run by every command.

``python -m analysis check`` runs it and prints every problem; every other
command (``findings``, ``forecasts``, ``source ...``, ``ledger fill-base``) and
the book's notebooks call ``require_valid`` first, which raises one
``DataError`` listing all problems. Each problem names file, row (the CSV line
of the record; the header is 1) and field.

The schema of every file is ``data/datapackage.json`` (``base/schema.py``); the
engine is ``base/validation.py``; each stage adds its own rules in its
``rules.py`` (imported below, in stage order):

- every file is read by the one CSV reader (``csvio``: encoding, BOM, CRLF,
  header, row shape, quotes, truncation);
- per file, its schema from the descriptor: exact columns, unique keys,
  non-empty cells, patterns, types and vocabularies; a file the descriptor
  does not describe is an error, and so is a field without a description;
- the ledger (``ledger/rules.py``: pandera schemas, spans, values, base values)
  and coverage (every number token of the body is a claim or a non-claim);
- cross-file references (the descriptor's foreign keys): every claim, paragraph, unit,
  series and file named anywhere exists;
- semantic checks (``@check``): relations can be recomputed, every official
  map row matches an official row of usable quality, every forecast map row
  can be held against its series, each repair is proved or an honest
  conjecture;
- the capture's sha256, and ``paragraphs.csv`` / ``toc.csv`` equal what the
  capture and the repairs produce (``source/rules.py``);
- nothing vanishes: every curated file has the row count ``data/manifest.csv``
  records (``base/manifest.py``), and every candidate pair of claims is decided
  (``facts/rules.py``).

This module adds what spans every stage: the descriptor itself (descriptions,
the vocabularies the code acts on), files it does not describe, and running it all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import analysis.base.manifest  # noqa: F401  (row counts of every curated file: nothing vanishes)
import analysis.checks.rules  # noqa: F401
import analysis.facts.rules  # noqa: F401
import analysis.forecast.rules  # noqa: F401
import analysis.ledger.rules  # noqa: F401
import analysis.outside.joins  # noqa: F401  (every outside status joined to its check)
import analysis.outside.measures  # noqa: F401  (what each outside series measures; maps respect it)
import analysis.outside.quotes  # noqa: F401  (outside values read from their quotes)
import analysis.outside.rules  # noqa: F401

# each stage's rules register its files and checks with the engine on import, in stage order
import analysis.source.rules  # noqa: F401
from analysis.base import csvio, paths, schema
from analysis.base.csvio import Problem
from analysis.base.errors import DataError
from analysis.base.validation import (
    CHECKS,
    DOC_FILES,
    VOCABULARIES,
    Context,
    _reference_problems,
    _spec_problems,
)


def _descriptor(ctx: Context) -> Iterable[Problem]:
    """The descriptor documents every file and field, and its vocabularies are the ones the code acts on."""
    rel = schema.DESCRIPTOR
    for res in schema.package(ctx.data_dir)["resources"]:
        if not res.get("description") and "schema" not in res:
            yield ctx.problem(rel, None, res["path"], "description", f"{res['path']}: the file is not described")
        for f in res.get("schema", {}).get("fields", []):
            if not str(f.get("description", "")).strip():
                yield ctx.problem(rel, None, res["path"], "description", f"{res['path']}: {f['name']} is not described")
    for voc in VOCABULARIES:
        try:
            declared = set(schema.enum(voc.file, voc.column, ctx.data_dir))
        except schema.SchemaError as exc:
            yield ctx.problem(rel, None, voc.file, "enum", str(exc))
            continue
        known = set(voc.values())
        if declared != known and (voc.exact or not known <= declared):
            extra = declared - known if voc.exact else set()
            diff = [f"only the descriptor has {', '.join(sorted(extra))}"] if extra else []
            diff += [f"only {voc.owner} has {', '.join(sorted(known - declared))}"] if known - declared else []
            yield ctx.problem(
                rel,
                None,
                voc.file,
                "enum",
                f"{voc.file}: {voc.column}: the enum is not what the code knows ({'; '.join(diff)})",
            )


def _undescribed(ctx: Context) -> Iterable[Problem]:
    known = set(ctx.specs) | ctx.text_files | DOC_FILES
    for path in paths.data_files(ctx.data_dir):  # hidden, lock and temporary files are nobody's data
        rel = path.relative_to(ctx.data_dir).as_posix()
        if rel not in known:
            yield ctx.problem(rel, None, "", "file", f"no resource of {schema.DESCRIPTOR} describes this file")
    for rel in sorted(ctx.specs):
        ctx.rows(rel)  # every described file is read, so a missing one is reported


def _stage_header(ctx: Context, rel: str) -> Problem | None:
    """A file whose header its stage checks (the ledger's claims) still has every column the descriptor names:
    otherwise no check that reads it runs (a header renamed by a spreadsheet, ``Claim_ID``, stops them cleanly)."""
    if ctx.rows(rel) is None:
        return None
    want, have = schema.columns(rel, ctx.data_dir), ctx.header(rel)
    missing = [c for c in want if c not in have]
    if not missing:
        return None
    return Problem(
        ctx.name(rel), 1, "", "header", f"columns {have} lack {missing}{csvio.header_hint(have, want)}", unit="line"
    )


# --- running it -----------------------------------------------------------------------------------------
SCOPES = {
    "all": None,
    # what `source show` and `source stats` read
    "source": {
        "source/report.raw.txt",
        "source/repairs.csv",
        "source/paragraphs.csv",
        "source/toc.csv",
        "source/checksums.csv",
    },
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
    data_dir = Path(data_dir) if data_dir else paths.DATA
    try:
        ctx = Context(data_dir)
    except schema.SchemaError as exc:
        return Report([Problem(csvio.display_name(data_dir / schema.DESCRIPTOR), None, "", "file", str(exc))])
    allowed = SCOPES[scope]
    found: list[Problem] = []
    if allowed is None:
        found += _undescribed(ctx)
        found += _descriptor(ctx)
    unusable = set()
    for rel, spec in ctx.specs.items():
        if spec.columns is None and (allowed is None or rel in allowed):
            problem = _stage_header(ctx, rel)
            if problem:
                found.append(problem)
                unusable.add(rel)
    for spec in ctx.specs.values():
        if allowed is None or spec.path in allowed:
            found += _spec_problems(ctx, spec)
    if allowed is None:
        for ref in ctx.references:
            if not unusable & {ref.file, ref.target}:
                found += _reference_problems(ctx, ref)
    for chk in CHECKS:
        if allowed is not None and not set(chk.files) <= allowed:
            continue
        csv_files = [f for f in chk.files if f not in ctx.text_files]
        if any(ctx.rows(f) is None for f in csv_files) or unusable & set(csv_files):
            continue  # a file it needs could not be read, or lacks a column: reported once
        try:
            found += chk.run(ctx)
        except DataError as exc:  # a check that meets data it cannot read says so, file and field
            found += exc.problems or [Problem(csvio.display_name(data_dir), None, "", "file", str(exc))]
    # read errors, then everything else; the same problem is reported once
    unique = list(dict.fromkeys(ctx.problems + found))
    unique.sort(key=lambda p: (p.file, p.row or 0, p.field, p.message))
    return Report(unique, ctx.ledger, ctx.coverage)


def _fingerprint(data_dir: Path) -> tuple:
    out = []
    for p in paths.data_files(data_dir):
        try:
            st = p.stat()
        except OSError:  # replaced or removed while listed: the gate reads what is there
            continue
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


_CACHE: dict[tuple, Report] = {}


def require_valid(data_dir: Path | None = None, scope: str = "all") -> Report:
    """The gate's report, or a DataError listing every problem (one per line). Cached while no file changes."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    key = (scope, _fingerprint(data_dir))
    if key not in _CACHE:
        report = run(data_dir, scope)
        if report.problems:
            raise DataError(
                "\n".join(str(p) for p in report.problems)
                + f"\n{len(report.problems)} problems in {csvio.display_name(data_dir)}/: "
                "fix them (python -m analysis check lists them)",
                report.problems,
            )
        _CACHE[key] = report
    return _CACHE[key]
