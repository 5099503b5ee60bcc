"""The data gate: one validation of every file under ``data/``, run by every command.

``python -m analysis check`` runs it and prints every problem; every other
command (``findings``, ``forecasts``, ``source ...``, ``ledger fill-base``) and
the book's notebooks call ``require_valid`` first, which raises one
``DataError`` listing all problems. Each problem names file, row (the CSV line
of the record; the header is 1) and field.

The engine is ``base/validation.py``; each stage registers its own files and
rules in its ``rules.py`` (imported below, in stage order):

- every file is read by the one CSV reader (``csvio``: encoding, BOM, CRLF,
  header, row shape, quotes, truncation);
- per file, a schema (``FileSpec``): exact columns, unique ids, non-empty
  cells, patterns and vocabularies; files nobody registered are an error;
- the ledger (``ledger/rules.py``: pandera schemas, spans, values, base values)
  and coverage (every number token of the body is a claim or a non-claim);
- cross-file references (``Reference``): every claim, paragraph, unit,
  series and file named anywhere exists;
- semantic checks (``@check``): relations can be recomputed, every official
  map row matches an official row of usable quality, every forecast map row
  can be held against its series, each repair is proved or an honest
  conjecture;
- the capture's sha256, and ``paragraphs.csv`` / ``toc.csv`` equal what the
  capture and the repairs produce (``source/rules.py``).

This module adds what spans every stage: the data dictionary, files no stage
registered, and running it all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import analysis.checks.rules  # noqa: F401
import analysis.facts.rules  # noqa: F401
import analysis.forecast.rules  # noqa: F401
import analysis.ledger.rules  # noqa: F401
import analysis.outside.rules  # noqa: F401

# each stage's rules register its files and checks with the engine on import, in stage order
import analysis.source.rules  # noqa: F401
from analysis.base import csvio, paths
from analysis.base.csvio import Problem
from analysis.base.errors import DataError
from analysis.base.validation import (
    CHECKS,
    DOC_FILES,
    FILES,
    REFERENCES,
    TEXT_FILES,
    Context,
    FileSpec,
    _reference_problems,
    _spec_problems,
    check,
    register_file,
)

register_file(
    FileSpec(
        "dictionary.csv",
        ["file", "column", "meaning"],
        ident="column",
        unique=[("file", "column")],
        required=("file", "column", "meaning"),
    )
)


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
            raise DataError(
                "\n".join(str(p) for p in report.problems)
                + f"\n{len(report.problems)} problems in {csvio.display_name(data_dir)}/: "
                "fix them (python -m analysis check lists them)",
                report.problems,
            )
        _CACHE[key] = report
    return _CACHE[key]
