"""The ledger's files (claims, non-claims, vocabularies) and its rules: the pandera schemas, spans,
values, base values, and coverage (every number token of the body is a claim or a non-claim).
"""

from __future__ import annotations

from analysis import ledger
from analysis.base import csvio
from analysis.base.csvio import Problem
from analysis.base.errors import DataError
from analysis.base.validation import Context, FileSpec, check, register_file


def _ledger_files() -> None:
    # claims.csv: its header and rows are the ledger's (ledger.CLAIM_COLUMNS, pandera); read here with
    # whatever columns it has, so references to it never depend on today's columns
    register_file(FileSpec("claims.csv", ident="claim_id"))
    register_file(FileSpec("non_claims.csv", ledger.NON_CLAIM_COLUMNS, ident="span", unique=[("paragraph", "span")]))
    register_file(
        FileSpec(
            "units.csv",
            ledger.UNIT_COLUMNS,
            ident="unit",
            unique=[("unit",)],
            required=("unit", "scale", "base_units", "label_en"),
            patterns={"base_units": r"[A-Za-z_]+(\|[A-Za-z_]+)*"},
        )
    )
    register_file(FileSpec("entities.csv", ledger.VOCAB_COLUMNS["entity"], ident="entity"))
    register_file(FileSpec("metrics.csv", ledger.VOCAB_COLUMNS["metric"], ident="metric"))


_ledger_files()


@check("claims.csv", "non_claims.csv", "units.csv", "entities.csv", "metrics.csv", "source/paragraphs.csv")
def _ledger(ctx: Context):
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
        yield ctx.problem(
            "non_claims.csv",
            None,
            "",
            "span",
            f"paragraph {token.paragraph}, offset {token.start}: number token {token.text} is in no claim "
            f"and no non-claim (…{context}…)",
        )


def _claims_by_id(ctx: Context) -> dict[str, dict]:
    return {r["claim_id"]: r for r in ctx.rows("claims.csv") or []}
