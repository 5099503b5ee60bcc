"""The fact layer's files (``facts.csv``, ``pair_decisions.csv``) and their meaning: claims agree with
their facts, decisions with the facts, periods and readings with the text.
"""

from __future__ import annotations

from analysis import facts, ledger
from analysis.base.validation import Context, check, register_vocabulary

# the fact layer's schema is the descriptor's; its meaning is checked by _facts below
register_vocabulary("pair_decisions.csv", "decision", "facts.DECISIONS", lambda: facts.DECISIONS)
register_vocabulary("claims.csv", "period_basis", "readings.PERIOD_BASES", lambda: facts.PERIOD_BASES)
# the empty reading (the value as stated) is a missing value in the descriptor, not an enum member
register_vocabulary("claims.csv", "reading", "readings.READINGS", lambda: set(facts.READINGS) - {""})


@check(
    "facts.csv", "pair_decisions.csv", "claims.csv", "entities.csv", "metrics.csv", "units.csv", "source/paragraphs.csv"
)
def _facts(ctx: Context):
    """The fact layer's meaning (analysis/facts.py): claims agree with their facts, decisions with the facts,
    periods and readings with the text. Every proposed pair being decided is `python -m analysis pairs`."""
    if ctx.ledger is None:
        return  # the ledger's own problems are reported; the fact layer needs a valid one

    files = facts.load(ctx.path("facts.csv"), ctx.path("pair_decisions.csv"))
    yield from facts.problems(
        ctx.ledger,
        files,
        ledger.paragraph_texts(ctx.path("source/paragraphs.csv")),
        facts_path=ctx.path("facts.csv"),
        decisions_path=ctx.path("pair_decisions.csv"),
        claims_path=ctx.path("claims.csv"),
    )


@check("pair_decisions.csv")
def _wording(ctx: Context):
    """``wording`` = differs says two statements of ONE fact name its measure in different words: it belongs
    only on a ``same`` decision (two facts need no such caution)."""
    rel = "pair_decisions.csv"
    for n, row in ctx.numbered(rel):
        if row.get("wording") and row["decision"] != "same":
            yield ctx.problem(
                rel, n, f"{row['claim_a']}~{row['claim_b']}", "wording", "wording is only judged on a same decision"
            )
