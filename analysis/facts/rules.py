"""The fact layer's files (``facts.csv``, ``pair_decisions.csv``) and their meaning: claims agree with
their facts, decisions with the facts, periods and readings with the text.
"""

from __future__ import annotations

from analysis import facts, ledger
from analysis.base import csvio
from analysis.base.csvio import Problem
from analysis.base.validation import (
    _CLAIM_ID,
    Context,
    FileSpec,
    Reference,
    check,
    register_file,
    register_reference,
)


# the fact layer (analysis/facts.py): its schema is checked here, its meaning by the check _facts below
def _fact_files() -> None:
    register_file(
        FileSpec(
            "facts.csv",
            facts.FACT_COLUMNS,
            ident="fact_id",
            unique=[("fact_id",)],
            required=("fact_id", "entity", "metric", "label_en", "label_zh"),
        )
    )
    register_file(
        FileSpec(
            "pair_decisions.csv",
            facts.DECISION_COLUMNS,
            ident="claim_a",
            unique=[("claim_a", "claim_b")],
            required=("claim_a", "claim_b", "decision", "reason"),
            patterns={"claim_a": _CLAIM_ID, "claim_b": _CLAIM_ID},
            choices={"decision": facts.DECISIONS},
        )
    )


_fact_files()

register_reference(Reference("facts.csv", "entity", "entities.csv", "entity"))
register_reference(Reference("facts.csv", "metric", "metrics.csv", "metric"))
register_reference(Reference("claims.csv", "fact_id", "facts.csv", "fact_id"))
register_reference(Reference("pair_decisions.csv", "claim_a", "claims.csv", "claim_id"))
register_reference(Reference("pair_decisions.csv", "claim_b", "claims.csv", "claim_id"))


@check(
    "facts.csv", "pair_decisions.csv", "claims.csv", "entities.csv", "metrics.csv", "units.csv", "source/paragraphs.csv"
)
def _facts(ctx: Context):
    """The fact layer's meaning (analysis/facts.py): claims agree with their facts, decisions with the facts,
    periods and readings with the text. Every proposed pair being decided is `python -m analysis pairs`."""
    if ctx.ledger is None:
        return  # the ledger's own problems are reported; the fact layer needs a valid one

    files = facts.load(ctx.path("facts.csv"), ctx.path("pair_decisions.csv"))
    for p in facts.problems(
        ctx.ledger,
        files,
        ledger.paragraph_texts(ctx.path("source/paragraphs.csv")),
        facts_path=ctx.path("facts.csv"),
        decisions_path=ctx.path("pair_decisions.csv"),
        claims_path=ctx.path("claims.csv"),
    ):
        yield Problem(csvio.display_name(p.file), p.row, p.ident, p.field, p.message)
