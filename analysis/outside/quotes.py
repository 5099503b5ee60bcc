"""An outside percentage is read from its own verbatim quote.

A spreadsheet that re-saves a percentage column as fractions turns CNNIC's 79.7 (%) into 0.797: a
well-formed number, in range, that invents a departure from the record. Every outside row whose
unit is a percentage keeps the quote it was read from, so the value must be a number the quote
prints (its sign may be a word: 下降3.9% is -3.9; a decimal comma, 6,2%, reads as 6.2). A value
the quote does not print is an error naming the row and, when the quote prints it a hundred times
larger, saying so.
"""

from __future__ import annotations

import re
import unicodedata

from analysis.base import numbers
from analysis.base.validation import Context, check

_QUOTED_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


def quoted_numbers(quote: str) -> set[float]:
    """Every number the quote prints (full-width digits folded, a decimal comma read as a point)."""
    text = unicodedata.normalize("NFKC", quote)
    return {float(m.group().replace(",", ".")) for m in _QUOTED_NUMBER.finditer(text)}


def _magnitude(cell: str) -> float | None:
    """The size of a value cell (a bound sign or minus dropped); None for a value written as words or a range."""
    body = cell.strip().lstrip("><~≈").lstrip("-")
    return float(body) if numbers.is_number(body) else None


def _percent_problems(ctx: Context, rel: str, unit: str):
    for n, row in ctx.numbered(rel):
        if row.get("unit") != unit or not row.get("quote", "").strip():
            continue
        value = _magnitude(row["value"])
        if value is None:
            continue  # a value the schema lets through as words (38;20;15) is read by the row's reviewer
        printed = quoted_numbers(row["quote"])
        if value in printed:
            continue
        scaled = [p for p in printed if abs(p - value * 100) < 1e-9 * max(1.0, p)]
        why = (
            f"; the quote prints {scaled[0]:g}: a percentage re-saved as a fraction? type {scaled[0]:g}"
            if scaled
            else ""
        )
        yield ctx.problem(
            rel,
            n,
            ctx.ident(rel, row),
            "value",
            f"{row['value']} ({unit}) is not a number its quote prints{why}",
        )


@check("reference/official_stats.csv")
def _official_percent_in_quote(ctx: Context):
    yield from _percent_problems(ctx, "reference/official_stats.csv", "pct")


@check("reference/outside_sources.csv")
def _outside_percent_in_quote(ctx: Context):
    yield from _percent_problems(ctx, "reference/outside_sources.csv", "pct")
