"""Nothing vanishes: ``data/manifest.csv`` records how many rows every curated CSV has.

A file cut to its header line, a map emptied by a bad filter or a pair decision
deleted in an editor is still a well-formed CSV: the schema alone cannot tell it
from a file that is meant to be short. The manifest can: it holds, for every
curated CSV under ``data/`` (all but the files ``source regenerate`` writes, which
the gate already holds to the capture), its row count, and the gate rejects a
file whose count differs, naming the file and both counts. Counts change only
through an explicit command, ``python -m analysis manifest --write``, which
refuses while the data has any other problem and prints what it accepts
(``release`` updates the count of the one file it appends to).

The manifest also keeps each file's content hash (of the rows as read, so a BOM or
CRLF re-save hashes alike). A differing hash is not an error (cells are edited all
the time); it tells the gate what it must recompute: with the claims, repairs
and pair decisions unchanged since the counts were accepted (which required every
candidate pair to be decided; the paragraphs are what the capture and the repairs make), the candidate
pairs need not be generated again
(about 0.4 s, more than ``check`` may cost); otherwise they are, and every
undecided pair is a problem (``facts/rules.py``).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable

from analysis.base import schema
from analysis.base.atomic import write_atomic
from analysis.base.errors import DataError, Problem
from analysis.base.validation import Context, check

MANIFEST = "manifest.csv"
#: written by ``source regenerate`` and held by the gate to the capture and repairs: not counted here
REGENERATED = frozenset({"source/paragraphs.csv", "source/toc.csv", "source/checksums.csv"})
ACCEPT = "python -m analysis manifest --write"


def tracked(ctx: Context) -> list[str]:
    """The curated CSVs whose rows the manifest counts."""
    return sorted(rel for rel in ctx.specs if rel != MANIFEST and rel not in REGENERATED)


def content_sha256(header: list[str], rows: list[dict]) -> str:
    """The sha256 of a file's header and cells as read (a BOM or CRLF re-save gives the same hash)."""
    digest = hashlib.sha256("\x1f".join(header).encode())
    for row in rows:
        digest.update(b"\x1e" + "\x1f".join(row.values()).encode())
    return digest.hexdigest()


def recorded(ctx: Context) -> dict[str, dict] | None:
    rows = ctx.rows(MANIFEST)
    return None if rows is None else {r["file"]: r for r in rows}


def unchanged(ctx: Context, files: Iterable[str]) -> bool:
    """True when every file reads exactly as it did when the manifest was last accepted."""
    record = recorded(ctx)
    if record is None:
        return False
    for rel in files:
        rows = ctx.rows(rel)
        if rows is None or rel not in record:
            return False
        if record[rel]["content_sha256"] != content_sha256(ctx.header(rel), rows):
            return False
    return True


@check(MANIFEST)
def _row_counts(ctx: Context) -> Iterable[Problem]:
    """Every curated file has the number of rows the manifest records; every file it names exists."""
    record = recorded(ctx) or {}
    files = tracked(ctx)
    for n, row in ctx.numbered(MANIFEST):
        if row["file"] not in files:
            yield ctx.problem(MANIFEST, n, row["file"], "file", "not a curated CSV of the descriptor")
    for rel in files:
        rows = ctx.rows(rel)
        if rows is None:
            continue  # reported by the reader
        if rel not in record:
            yield ctx.problem(MANIFEST, None, "", "file", f"{rel} has no recorded row count: accept it with {ACCEPT}")
            continue
        want = int(record[rel]["rows"])
        if len(rows) != want:
            lost = "rows lost" if len(rows) < want else "rows added"
            yield ctx.problem(
                rel,
                None,
                "",
                "rows",
                f"{len(rows)} rows, {MANIFEST} records {want} ({lost}?); if the change is meant, accept it with {ACCEPT}",
            )


def is_count_problem(problem: Problem) -> bool:
    """A problem the manifest's own rule reports (what ``manifest --write`` may accept)."""
    return problem.file.endswith(f"/{MANIFEST}") or (problem.field == "rows" and ACCEPT in problem.message)


def table(ctx: Context, only: Iterable[str] | None = None) -> tuple[str, list[str]]:
    """The manifest as it would be written now (``only``: update just these files' rows), and what changes."""
    record = recorded(ctx) or {}
    only = None if only is None else set(only)
    out, changes = [], []
    for rel in tracked(ctx):
        rows = ctx.rows(rel)
        old = record.get(rel)
        if rows is None or (only is not None and rel not in only):
            if old:
                out.append(old)
            continue
        new = {"file": rel, "rows": str(len(rows)), "content_sha256": content_sha256(ctx.header(rel), rows)}
        if old is None or old["rows"] != new["rows"]:
            changes.append(f"{ctx.name(rel)}: {old['rows'] if old else 'no count'} -> {new['rows']} rows")
        out.append(new)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=schema.columns(MANIFEST, ctx.data_dir), lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    return buf.getvalue(), changes


def write(data_dir, only: Iterable[str] | None = None) -> list[str]:
    """Write the manifest of ``data_dir`` (``only``: update just these files) atomically; the counts changed."""
    ctx = Context(data_dir)
    text, changes = table(ctx, only)
    unread = [p for p in ctx.problems if not is_count_problem(p)]  # a file that cannot be read is never counted
    if unread:
        raise DataError("\n".join(str(p) for p in unread), unread)
    write_atomic(ctx.path(MANIFEST), text)
    return changes
