"""The ledger's files (claims, non-claims, vocabularies) and its rules: the pandera schemas, spans,
values, base values, and coverage (every number token of the body is a claim or a non-claim).
"""

from __future__ import annotations

from analysis import ledger
from analysis.base.errors import DataError
from analysis.base.validation import Context, check, register_vocabulary, rows_checked_by_stage
from analysis.ledger import platforms, spans

# The ledger validates its files' rows itself, with pandera schemas built from the same descriptor
# (ledger/claims.py); claims.csv's header too: the engine reads it with whatever columns it has, so
# references to it never depend on today's columns. Its foreign keys to the vocabularies are pandera's.
rows_checked_by_stage("claims.csv", header=True, foreign_keys=("paragraph", "unit", "entity", "metric"))
rows_checked_by_stage("non_claims.csv", foreign_keys=("paragraph",), keys=True)
rows_checked_by_stage("entities.csv")
rows_checked_by_stage("metrics.csv")
register_vocabulary("claims.csv", "bound", "ledger.BOUNDS", lambda: ledger.BOUNDS)
register_vocabulary("entities.csv", "kind", "ledger.platforms.ENTITY_KINDS", lambda: platforms.ENTITY_KINDS)
register_vocabulary("claims.csv", "kind", "ledger.KINDS", lambda: ledger.KINDS)
register_vocabulary("non_claims.csv", "category", "ledger.NON_CLAIM_CATEGORIES", lambda: ledger.NON_CLAIM_CATEGORIES)


@check("claims.csv", "non_claims.csv", "units.csv", "entities.csv", "metrics.csv", "source/paragraphs.csv")
def _ledger(ctx: Context):
    ledger.paragraph_texts.cache_clear()  # the gate always reads the files as they are now
    try:
        data, found = ledger.load(ctx.data_dir, ctx.path("source/paragraphs.csv"))
    except DataError as exc:
        yield from exc.problems or [ctx.problem("claims.csv", None, "", "file", str(exc))]
        return
    yield from found
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


@check("claims.csv", "non_claims.csv", "units.csv", "entities.csv", "metrics.csv", "source/paragraphs.csv")
def _spans(ctx: Context):
    """A claim's bound and value agree with its own span (``ledger/spans.py``): the text is the truth."""
    if ctx.ledger is None:
        return  # the ledger's own problems come first
    texts = ledger.paragraph_texts(ctx.path("source/paragraphs.csv"))
    for n, row, field, message in spans.problems(ctx.numbered("claims.csv"), texts):
        yield ctx.problem("claims.csv", n, row["claim_id"], field, message)


def _claims_by_id(ctx: Context) -> dict[str, dict]:
    return {r["claim_id"]: r for r in ctx.rows("claims.csv") or []}
