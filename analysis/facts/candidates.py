"""Candidate pairs: claims in different paragraphs that may state the same fact.

The fact layer (``facts``) is curated; this module makes sure the curation
misses nothing. It proposes every pair of claims that

- share a subject (the same ``entity``), or sit in sentences that a retold
  passage aligns (``retellings``: the region or platform may have been swapped),
- have compatible units (the same base unit; ratios, percentages and
  multiples are all compatible, since 1/5, 降低80% and 高3倍 all compare a
  new value with an old one),

and scores each by how alike the two statements read:

- ``clause``: character bigrams of the clause around each number (numbers masked),
- ``sentence``: the same for the whole sentence,
- ``span``: the same for the two quoted spans,
- ``gloss``: English content words of the two glosses (written independently per claim).

The score is the weighted mean (clause + sentence + span + 2 x gloss) / 5; a
pair whose numbers a retold sentence aligns scores 1.
Every pair at or above ``THRESHOLD`` must have a reviewed decision in
``data/pair_decisions.csv``: the gate fails otherwise.

The metric strings are deliberately *not* a feature: they are what the fact
layer replaces, and leaving them out lets the curators' earlier links serve
as a yardstick of recall (``recall_curve``, documented in the README).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from analysis import ledger
from analysis.base import textsim
from analysis.facts import retellings

#: tuned for recall (see README, "How the candidate threshold was tuned")
THRESHOLD = 0.15
#: units whose claims all compare a new value with an old or reference one
RATIO_BASES = frozenset({"ratio", "times"})


@dataclass(frozen=True)
class Candidate:
    claim_a: str  # reading order: a before b
    claim_b: str
    score: float
    clause: float
    sentence: float
    span: float
    gloss: float
    aligned: bool


@dataclass(frozen=True)
class _Features:
    claim_id: str
    paragraph: str
    entity: str
    base: str
    clause: frozenset
    sentence: frozenset
    span: frozenset
    gloss: frozenset


def _features(claims: pd.DataFrame, texts: dict[str, str]) -> dict[str, _Features]:
    out = {}
    sents = {k: textsim.sentences(k, t) for k, t in texts.items()}
    for row in claims.to_dict("records"):
        text = texts[row["paragraph"]]
        start = ledger.span_start(text, row["span"], int(row["occurrence"])) or 0
        end = start + len(row["span"])
        sentence = textsim.sentence_at(sents[row["paragraph"]], start)
        out[row["claim_id"]] = _Features(
            row["claim_id"],
            row["paragraph"],
            row["entity"],
            row["base_unit"],
            textsim.bigrams(textsim.around(text, start, end, textsim.CLAUSE_STOPS)),
            textsim.bigrams(sentence.text),
            textsim.bigrams(row["span"]),
            textsim.words_en(row["gloss_en"]),
        )
    return out


def units_compatible(a: str, b: str) -> bool:
    return a == b or (a in RATIO_BASES and b in RATIO_BASES) or not a or not b


def score_pair(fa: _Features, fb: _Features, aligned: bool) -> Candidate:
    clause = textsim.dice(fa.clause, fb.clause)
    sentence = textsim.dice(fa.sentence, fb.sentence)
    span = textsim.dice(fa.span, fb.span)
    gloss = textsim.jaccard(fa.gloss, fb.gloss)
    score = 1.0 if aligned else (clause + sentence + span + 2 * gloss) / 5
    return Candidate(
        fa.claim_id,
        fb.claim_id,
        round(score, 4),
        round(clause, 4),
        round(sentence, 4),
        round(span, 4),
        round(gloss, 4),
        aligned,
    )


def all_pairs(
    claims: pd.DataFrame, texts: dict[str, str], aligned: set[tuple[str, str]] | None = None
) -> list[Candidate]:
    """Every blocked pair with its score (below the threshold too), in reading order."""
    aligned = retellings.aligned_claim_pairs(claims, texts) if aligned is None else aligned
    feats = _features(claims, texts)
    ids = sorted(feats, key=ledger.claim_sort_key)
    by_entity: dict[str, list[str]] = {}
    for cid in ids:
        by_entity.setdefault(feats[cid].entity, []).append(cid)
    keys = set()
    for group in by_entity.values():
        keys.update(combinations(group, 2))
    keys.update(tuple(sorted(p, key=ledger.claim_sort_key)) for p in aligned)
    out = []
    for a, b in keys:
        fa, fb = feats[a], feats[b]
        if fa.paragraph == fb.paragraph or not units_compatible(fa.base, fb.base):
            continue
        out.append(score_pair(fa, fb, (a, b) in aligned or (b, a) in aligned))
    return sorted(out, key=lambda c: (ledger.claim_sort_key(c.claim_a), ledger.claim_sort_key(c.claim_b)))


def propose(claims: pd.DataFrame, texts: dict[str, str], threshold: float = THRESHOLD) -> list[Candidate]:
    return [c for c in all_pairs(claims, texts) if c.score >= threshold]


def recall_curve(
    claims: pd.DataFrame,
    texts: dict[str, str],
    positives: set[tuple[str, str]],
    thresholds=(0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
) -> pd.DataFrame:
    """Share of known same-fact pairs proposed, and pairs proposed, at each threshold."""
    pairs = all_pairs(claims, texts)
    scores = {(c.claim_a, c.claim_b): c.score for c in pairs}
    rows = []
    for t in thresholds:
        hit = sum(scores.get(p, -1) >= t for p in positives)
        rows.append(
            {
                "threshold": t,
                "proposed": sum(c.score >= t for c in pairs),
                "known_pairs": len(positives),
                "recalled": hit,
                "recall": round(hit / len(positives), 4) if positives else None,
            }
        )
    return pd.DataFrame(rows)


def undecided(candidates, decisions: list[dict]) -> list[Candidate]:
    """Proposed pairs with no decision (either order of the two claims)."""
    done = {frozenset((d["claim_a"], d["claim_b"])) for d in decisions}
    return [c for c in candidates if frozenset((c.claim_a, c.claim_b)) not in done]
