"""Every outside value is read from its own verbatim quote.

A value typed wrong but plausible (NBS's 15.97 as 13.79), two years' rows swapped, or a percentage
column re-saved as fractions (CNNIC's 79.7 as 0.797) are well-formed numbers in range: the schema
cannot see them, and each invents or hides a departure. Every outside row keeps the quote it was
read from, so its value must be a number the quote prints, at the scale the quote writes it in:
the row's value times its unit's scale (``official.OFFICIAL_SCALE``: 159722 CNY_100m is 1.59722e13
yuan) must fall within the rounding of a number of the quote times the scale word after it (15.97万亿,
3兆8773億, RMB24.5 billion, 1,88 Billionen, €200m, 1,309,085 in a table of CNY_m) or the row's own unit. A sign may be
a word (下降3.9% is -3.9) and a range or list written in words (``38;20;15 (Alibaba;JD;PDD)``) is
left to its reviewer; official rows in a unit the code never converts (KRW: context, never compared)
are not read. A value no number of the quote gives is an error naming the row, and, when the quote
prints it a hundred times larger, saying it is a percentage re-saved as a fraction.
"""

from __future__ import annotations

from analysis.base import numbers
from analysis.base.validation import Context, check
from analysis.outside import official
from analysis.outside.official import OFFICIAL_SCALE


def _magnitude(cell: str) -> float | None:
    """The size of a value cell (a bound sign or minus dropped); None for a value written as words or a range."""
    body = cell.strip().lstrip("><~≈").lstrip("-")
    return float(body) if numbers.is_number(body) else None


def readable(value_cell: str, unit: str, quote: str) -> bool:
    """Whether some number of ``quote`` is the value, at its own scale word or in the row's unit."""
    value = _magnitude(value_cell)
    if value is None:
        return True
    scale = float(OFFICIAL_SCALE[unit][1]) if unit in OFFICIAL_SCALE else 1.0
    target = value * scale
    own = 0.5 * 10 ** -numbers.decimals_of(value_cell.strip().lstrip("><~≈-")) * scale
    for number, half, word in numbers.printed_numbers(quote):
        for k in {word} if word != 1.0 else {scale, 1.0}:  # a scale word says what the number counts
            if abs(number * k - target) <= half * k + own + 1e-9 * max(1.0, target):
                return True
    return False


def _problems(ctx: Context, rel: str, skip_unconverted: bool):
    for n, row in ctx.numbered(rel):
        unit, quote = row.get("unit", ""), row.get("quote", "")
        if not quote.strip() or (skip_unconverted and unit not in OFFICIAL_SCALE):
            continue
        if readable(row["value"], unit, quote):
            continue
        value = _magnitude(row["value"])
        scaled = [q for q, _, _ in numbers.printed_numbers(quote) if abs(q - value * 100) < 1e-9 * max(1.0, q)]
        why = (
            f"; the quote prints {scaled[0]:g}: a percentage re-saved as a fraction? type {scaled[0]:g}"
            if unit == "pct" and scaled
            else " at any scale it names: a value typed wrong, or another row's?"
        )
        yield ctx.problem(
            rel, n, ctx.ident(rel, row), "value", f"{row['value']} ({unit}) is not a number its quote prints{why}"
        )


@check("reference/official_stats.csv")
def _official_value_in_quote(ctx: Context):
    yield from _problems(ctx, "reference/official_stats.csv", skip_unconverted=True)


@check("reference/outside_sources.csv")
def _outside_value_in_quote(ctx: Context):
    yield from _problems(ctx, "reference/outside_sources.csv", skip_unconverted=False)


@check("reference/official_stats.csv")
def _series_keeps_one_unit(ctx: Context):
    """Every row of a series measures one thing: one base unit (CNY_100m and CNY_trn are both yuan)."""
    rel, first = "reference/official_stats.csv", {}
    for n, row in ctx.numbered(rel):
        base = OFFICIAL_SCALE[row["unit"]][0] if row["unit"] in OFFICIAL_SCALE else row["unit"]
        seen = first.setdefault(row["series_id"], (base, row["unit"], n))
        if seen[0] != base:
            yield ctx.problem(
                rel,
                n,
                row["series_id"],
                "unit",
                f"{row['unit']} is not a unit of {seen[0]}, the unit of this series at row {seen[2]} ({seen[1]}): "
                "one series, one quantity",
            )


@check("reference/official_stats.csv")
def _one_period_one_value(ctx: Context):
    """Two usable rows of one series, period and figure kind agree within rounding, or one of them says why in
    its note, naming the other's value (a revision, an earlier edition): otherwise which one the audit uses
    is an accident of row order."""
    rel, groups = "reference/official_stats.csv", {}
    usable = set(official.USABLE_QUALITY)
    for n, row in ctx.numbered(rel):
        if row["source_quality"] in usable and row["unit"] in OFFICIAL_SCALE and numbers.is_number(row["value"]):
            groups.setdefault((row["series_id"], row["period"], row["figure_kind"]), []).append((n, row))
    for rows in groups.values():
        for i, (n, row) in enumerate(rows):
            for m, other in rows[:i]:
                a, b = _interval(row), _interval(other)
                if a[0] <= b[1] and b[0] <= a[1]:
                    continue
                explained = other["value"] in quoted_values(row["retrieved_note"]) or row["value"] in quoted_values(
                    other["retrieved_note"]
                )
                if not explained:
                    yield ctx.problem(
                        rel,
                        n,
                        row["series_id"],
                        "value",
                        f"{row['value']} {row['unit']} disagrees beyond rounding with row {m} ({other['value']} "
                        f"{other['unit']}) for {row['period']}: say in a note which is revised or why both are kept, "
                        "naming the other value",
                    )


def _interval(row: dict) -> tuple[float, float]:
    scale = float(OFFICIAL_SCALE[row["unit"]][1])
    half = 0.5 * 10 ** -numbers.decimals_of(row["value"])
    return (float(row["value"]) - half) * scale, (float(row["value"]) + half) * scale


def quoted_values(note: str) -> set[str]:
    return {m.group() for m in numbers.NUMBER_TOKEN.finditer(note)}


@check("reference/official_stats.csv")
def _series_history(ctx: Context):
    """A level breaks its own series' history by an order of magnitude: more than five times off the nearest row
    at most a year away (usable rows, converted to one unit; a year's growth in the record is at most 2.6x, a
    digit typed twice is 10x give or take a year's growth), as a scale lost would be. Shares and growth rates
    may change sign or start near zero, so only amounts are held to their history."""
    rel, series = "reference/official_stats.csv", {}
    usable = set(official.USABLE_QUALITY)
    for n, row in ctx.numbered(rel):
        if (
            row["source_quality"] in usable
            and row["unit"] in OFFICIAL_SCALE
            and row["unit"] != "pct"
            and numbers.is_number(row["value"])
            and float(row["value"]) > 0
            and numbers.is_year(row["period"][:4])
        ):
            value = float(row["value"]) * float(OFFICIAL_SCALE[row["unit"]][1])
            series.setdefault(row["series_id"], []).append((int(row["period"][:4]), n, value, row))
    for points in series.values():
        for year, n, value, row in points:
            near = [(m, v) for y, m, v, _ in points if m != n and abs(y - year) <= 1]
            if near and min(max(value / v, v / value) for _, v in near) > 5:
                m, v = min(near, key=lambda mv: max(value / mv[1], mv[1] / value))
                yield ctx.problem(
                    rel,
                    n,
                    row["series_id"],
                    "value",
                    f"{row['value']} {row['unit']} is an order of magnitude off its series: more than five times the "
                    f"nearest row within a year, or a fifth of it (row {m}: {v:g} in one unit): a digit too many or "
                    "too few, or a unit's scale lost?",
                )
