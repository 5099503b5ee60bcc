"""The fact layer's files (``facts.csv``, ``pair_decisions.csv``) and their meaning: claims agree with
their facts, decisions with the facts, periods and readings with the text.
"""

from __future__ import annotations

import pandas as pd

from analysis import facts, ledger
from analysis.base import manifest
from analysis.base.validation import Context, check, register_vocabulary
from analysis.facts import candidates

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
    periods and readings with the text; and every candidate pair is decided."""
    if ctx.ledger is None:
        return  # the ledger's own problems are reported; the fact layer needs a valid one

    # the gate has read both files already (exact headers, through csvio): the same rows facts.load would read
    frame = pd.DataFrame(ctx.rows("facts.csv"), columns=ctx.header("facts.csv"), dtype=str)
    files = facts.FactFiles(frame, ctx.rows("pair_decisions.csv"))
    texts = ledger.paragraph_texts(ctx.path("source/paragraphs.csv"))
    yield from facts.problems(
        ctx.ledger,
        files,
        texts,
        facts_path=ctx.path("facts.csv"),
        decisions_path=ctx.path("pair_decisions.csv"),
        claims_path=ctx.path("claims.csv"),
    )
    yield from _undecided(ctx, texts)


#: what the candidate pairs are generated from: unchanged since the manifest was accepted, they need no new run
#: (the paragraphs are what the capture, fixed by its sha256, and the repairs make: the gate holds them to it)
PAIR_INPUTS = ("claims.csv", "pair_decisions.csv", "source/repairs.csv")


def _undecided(ctx: Context, texts: dict[str, str]):
    """Every candidate pair has a decision (``python -m analysis pairs --undecided`` lists them with spans).

    ``manifest --write`` refuses while a pair is undecided, so with the three inputs as they were accepted the
    proposal (0.4 s) need not run again; after any change to them it does."""
    if manifest.unchanged(ctx, PAIR_INPUTS):
        return
    rel = "pair_decisions.csv"
    for c in candidates.undecided(candidates.propose(ctx.ledger.claims, texts), ctx.rows(rel) or []):
        yield ctx.problem(
            rel,
            None,
            f"{c.claim_a}~{c.claim_b}",
            "decision",
            f"candidate pair {c.claim_a} and {c.claim_b} (score {c.score}) has no decision: "
            "decide it (python -m analysis pairs --undecided lists every such pair with its spans)",
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
