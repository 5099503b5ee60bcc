"""Coverage: every number token of every body paragraph is inside a claim span or a listed non-claim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.base import numbers
from analysis.base.keys import claim_sort_key, paragraph_sort_key  # noqa: F401 (the ledger API)
from analysis.base.numbers import is_digits
from analysis.ledger.claims import Ledger, paragraph_texts, span_start


# --- coverage ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Coverage:
    tokens: int
    in_claims: int
    in_non_claims: int
    unaccounted: list[tuple[numbers.Token, str]]  # (token, context)


def coverage(ledger: Ledger, texts: dict[str, str] | None = None) -> Coverage:
    """Every number token of every paragraph must lie inside a claim span or a non-claim span."""
    texts = texts if texts is not None else paragraph_texts()
    claim_spans: dict[str, list[tuple[int, int]]] = {}
    for row in ledger.claims.itertuples(index=False):
        text = texts.get(row.paragraph, "")
        start = span_start(text, row.span, int(row.occurrence) if is_digits(row.occurrence) else 1)
        if start is not None:
            claim_spans.setdefault(row.paragraph, []).append((start, start + len(row.span)))
    other_spans: dict[str, list[tuple[int, int]]] = {}
    for row in ledger.non_claims.itertuples(index=False):
        text = texts.get(row.paragraph, "")
        other_spans.setdefault(row.paragraph, []).extend(
            (m.start(), m.end()) for m in re.finditer(re.escape(row.span), text)
        )
    total = in_claims = in_other = 0
    unaccounted = []
    for key in sorted(texts, key=paragraph_sort_key):
        text = texts[key]
        for token in numbers.tokenize(key, text):
            total += 1
            inside = lambda spans: any(a <= token.start and token.end <= b for a, b in spans)  # noqa: E731
            if inside(claim_spans.get(key, [])):
                in_claims += 1
            elif inside(other_spans.get(key, [])):
                in_other += 1
            else:
                unaccounted.append((token, text[max(0, token.start - 12) : token.end + 12]))
    return Coverage(total, in_claims, in_other, unaccounted)
