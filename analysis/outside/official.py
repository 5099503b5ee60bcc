"""Report figures against official statistics (data/reference/).

``claim_official_map.csv`` pairs a claim with the official row it should be
compared with (a human judgement: the definitions must match, or the note
says how they differ). Both sides become intervals from their printed
precision, in base units.

Two refinements, both reviewed in the map:

- a ``denominator_series`` makes the outside figure a ratio of two published
  rows (a company's gross profit over its revenue), computed here, never typed;
- ``comparison`` says how the two are held: ``same`` (they must agree: disjoint
  intervals are a ``medium`` finding) or ``part_of`` (the report's figure is a
  part of the official total, so it cannot exceed it: a part larger than its
  whole is a ``medium`` finding).
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from analysis import ledger
from analysis.base import csvio, paths, schema
from analysis.base import intervals as iv
from analysis.checks.finding import Finding, claim_interval, in_unit, stated_text
from analysis.outside import adjusted
from analysis.words import (
    CONTEXT_ONLY,
    FIGURE_KIND_WORDS,
    GRADE_WORDS,
    PACE_HELD_TEXT,
    STRENGTH_WORDS,
)

COMPARISONS = ("same", "part_of", "contains")
OFFICIAL_SCALE = {  # official unit -> (base unit, scale)
    "CNY_100m": ("CNY", Fraction(10**8)),
    "CNY_trn": ("CNY", Fraction(10**12)),
    "pct": ("ratio", Fraction(1, 100)),
    "persons_100m": ("persons", Fraction(10**8)),
    "persons_10k": ("persons", Fraction(10**4)),
    "EUR_m": ("EUR", Fraction(10**6)),
    "CNY_bn": ("CNY", Fraction(10**9)),
    "CNY_m": ("CNY", Fraction(10**6)),
    "persons_m": ("persons", Fraction(10**6)),
    "count_10k": ("count", Fraction(10**4)),
    "USD_bn": ("USD", Fraction(10**9)),
    "items": ("items", Fraction(1)),
}
USABLE_QUALITY = ("official", "news", "mirror", "secondary")
#: official units as a reader writes them
UNIT_LABELS = {
    "CNY_100m": "亿元",
    "CNY_trn": "万亿元",
    "pct": "%",
    "persons_100m": "亿人",
    "persons_10k": "万人",
    "EUR_m": " million euro",
    "CNY_bn": " billion yuan",
    "CNY_m": " million yuan",
    "persons_m": " million people",
    "count_10k": "万",
    "USD_bn": " billion US dollars",
    "items": "",
}


def printed(row: dict) -> str:
    """An official row's value as a reader writes it: '32338万人', '24.5 billion yuan'."""
    return f"{row['value']}{UNIT_LABELS.get(row['unit'], ' ' + row['unit'])}"


def load_official(path=None) -> pd.DataFrame:
    path = paths.OFFICIAL_STATS if path is None else path
    return csvio.read_frame(path, schema.columns("reference/official_stats.csv"))


def load_map(path=None) -> list[dict]:
    path = paths.OFFICIAL_MAP if path is None else path
    if not path.exists():
        return []
    return ledger.read_rows(path, schema.columns("reference/claim_official_map.csv"))


#: figure kinds that are the record for their period (figure_kind in official_stats.csv)
RECORD_KINDS = ("actual", "preliminary", "estimate")
#: figure kinds that are context only: a projection or a partial period never makes a finding
CONTEXT_KINDS = ("projection", "partial_period")


def official_row(
    official: pd.DataFrame, series_id: str, period: str, kinds: tuple[str, ...] = RECORD_KINDS
) -> dict | None:
    """The best-graded row of a kind in ``kinds`` for a series and period (official > news > mirror > secondary)."""
    rows = official[
        (official["series_id"] == series_id)
        & (official["period"] == period)
        & official["source_quality"].isin(USABLE_QUALITY)
        & official["figure_kind"].isin(kinds)
    ]
    if rows.empty:
        return None
    rank = {q: i for i, q in enumerate(USABLE_QUALITY)}
    return rows.assign(_r=rows["source_quality"].map(rank)).sort_values(["_r", "source_url"]).iloc[0].to_dict()


def _row_interval(row: dict) -> tuple[str, iv.Interval]:
    """An official row as (base unit, interval in base units)."""
    base, k = OFFICIAL_SCALE[row["unit"]]
    return base, iv.scale(iv.stated(row["value"].lstrip(">"), ">" if row["value"].startswith(">") else "="), k)


def outside_value(
    official: pd.DataFrame,
    series: str,
    period: str,
    denominator_series: str = "",
    denominator_period: str = "",
    kinds: tuple[str, ...] = RECORD_KINDS,
) -> tuple[dict, dict | None, str, iv.Interval] | None:
    """An outside figure: (row, denominator row or None, base unit, interval), or None if a row is absent.

    With a denominator the figure is the ratio of the two rows, as an interval from both printed precisions."""
    row = official_row(official, series, period, kinds)
    if row is None:
        return None
    base, value = _row_interval(row)
    if not denominator_series:
        return row, None, base, value
    den = official_row(official, denominator_series, denominator_period, kinds)
    if den is None:
        return None
    den_base, den_value = _row_interval(den)
    if den_base != base:
        raise ValueError(f"{series} is in {base}, {denominator_series} in {den_base}: their ratio is not a share")
    return row, den, "ratio", iv.div(value, den_value)


def evidence_strength(*rows: dict) -> str:
    """How strongly outside rows bear on a claim: from where each was read (grade) and what kind of figure it
    is; the weakest row decides. The issuer's own site: strong; a news report or a copy of the release:
    moderate; a secondary page: weak; a preliminary figure or an estimate: one step weaker."""
    grade = {"official": 0, "news": 1, "mirror": 1, "secondary": 2}
    step = {"actual": 0, "preliminary": 1, "estimate": 1}
    worst = max(grade.get(r["source_quality"], 2) + step.get(r["figure_kind"], 2) for r in rows)
    return STRENGTH_WORDS[min(worst, len(STRENGTH_WORDS) - 1)]


def evidence_text(*rows: dict) -> str:
    """'Evidence: moderate (read in a copy of the release on another site; the published figure for the period).'"""
    how = "; ".join(
        dict.fromkeys(f"{GRADE_WORDS[r['source_quality']]}, {FIGURE_KIND_WORDS[r['figure_kind']]}" for r in rows)
    )
    return f"Evidence: {evidence_strength(*rows)} ({how})."


def _verdict_text(comparison: str, values_agree: bool, year_differs: bool) -> str:
    if comparison == "contains":
        if not values_agree:
            return "The report's figure is for a whole that includes this figure, yet smaller than it."
        return "The report's figure is not smaller than this part of it." + (
            " The years differ." if year_differs else ""
        )
    if comparison == "part_of":
        if not values_agree:
            return (
                "The report's figure is for a part of this total, yet larger than it: a part cannot exceed its whole."
            )
        return "The report's figure does not exceed the total it is a part of." + (
            " The years differ." if year_differs else ""
        )
    return (
        "They agree within rounding."
        if values_agree and not year_differs
        else "The values agree within rounding but the years differ."
        if values_agree
        else "They differ beyond rounding."
    )


def official_findings(
    claims: pd.DataFrame, units: pd.DataFrame, official: pd.DataFrame | None = None, mapping: list[dict] | None = None
):
    """One finding per mapped claim (defaults: data/reference/official_stats.csv and claim_official_map.csv)."""
    scale = ledger.exact_unit_scales(units)
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    official = load_official() if official is None else official
    found = []
    for m in load_map() if mapping is None else mapping:
        claim = by_id[m["claim_id"]]
        if m.get("adjustment") == adjusted.PACE_HELD:
            f = pace_held_finding(claim, m, official, scale)
            if f is not None:
                found.append(f)
            continue
        comparison = m.get("comparison") or "same"
        where = (m["series_id"], m["official_period"], m.get("denominator_series", ""), m.get("denominator_period", ""))
        got = outside_value(official, *where)
        # no record for the period: a projection or a partial period may still be shown, as context only
        context = got is None
        if context:
            got = outside_value(official, *where, kinds=RECORD_KINDS + CONTEXT_KINDS)
        if got is None or not claim["value"]:
            continue
        row, den, base, off = got
        rep = iv.scale(claim_interval(claim), scale[claim["unit"]])
        if comparison == "part_of":
            # the part may be anything up to the whole: only a part wholly above the whole's top fails
            values_agree = rep.overlaps(iv.Interval(None, off.hi, False, off.hi_closed))
        elif comparison == "contains":
            # the whole may be anything from its part up: only a whole wholly below the part's bottom fails
            values_agree = rep.overlaps(iv.Interval(off.lo, None, off.lo_closed, False))
        else:
            values_agree = rep.overlaps(off)
        # A value that matches but is dated another year is still a departure from the record.
        year_differs = bool(claim["period"]) and claim["period"][-4:] != row["period"][:4]
        agree = values_agree and (comparison != "same" or not year_differs)
        if den is not None:
            mid = iv.midpoint(off)
            shown = in_unit(mid, claim["unit"], scale) if base == claim["base_unit"] else f"{float(mid):.4g}"
            what = (
                f"{row['series_name_en']} {printed(row)} over {den['series_name_en']} "
                f"{printed(den)} for {row['period']}, that is {shown} ("
                + (
                    f"both from one {row['source_quality']} source: {row['source_url']})"
                    if den["source_url"] == row["source_url"]
                    else f"{row['source_quality']} source: {row['source_url']}; {den['source_quality']} source: "
                    f"{den['source_url']})"
                )
            )
        else:
            # as many digits as the record prints (182.28亿元, not 182.3亿元)
            digits = max(4, len(row["value"].lstrip(">-").replace(".", "").lstrip("0")))
            shown = (
                in_unit(
                    Fraction(row["value"].lstrip(">")) * OFFICIAL_SCALE[row["unit"]][1], claim["unit"], scale, digits
                )
                if claim["unit"] in scale and base == claim["base_unit"]
                else printed(row)
            )
            what = (
                f"{'more than ' if row['value'].startswith('>') else ''}{shown} for {row['period']} "
                f"({row['series_name_en']}; {row['source_quality']} source: {row['source_url']})"
            )
        rows = [row] + ([den] if den is not None else [])
        if context:
            kinds = sorted({r["figure_kind"] for r in rows if r["figure_kind"] in CONTEXT_KINDS})
            judged = f"That is {' and '.join(FIGURE_KIND_WORDS[k] for k in kinds)}: {CONTEXT_ONLY}."
        else:
            judged = _verdict_text(comparison, values_agree, year_differs) + " " + evidence_text(*rows)
        text = (
            f"The report states {stated_text(claim)} ({claim['paragraph']}, {claim['period'] or 'no year'}); "
            f"{row['source_org']} gives {what}. " + judged + (f" {m['note']}" if m["note"] else "")
        )
        quotes = [claim["span"], row["quote"]] + ([den["quote"]] if den is not None else [])
        extra = {
            "source_url": row["source_url"],
            "official_value": row["value"],
            "official_unit": row["unit"],
            "comparison": comparison,
            "source_quality": row["source_quality"],
            "printed": printed(row),
            "period": row["period"],
            "figure_kind": row["figure_kind"],
            "strength": "context" if context else _open(evidence_strength(*rows), m),
            "open_base": m.get("definition") == "open",
        }
        if den is not None:
            extra.update(
                {
                    "denominator_url": den["source_url"],
                    "denominator_value": den["value"],
                    "denominator_quality": den["source_quality"],
                    "denominator_printed": printed(den),
                    "computed": shown,
                }
            )
        found.append(
            Finding(
                id=f"official:{claim['claim_id']}:{m['series_id']}:{m['official_period']}",
                check="official",
                severity="info" if agree or context else "medium",
                paragraphs=[claim["paragraph"]],
                claims=[claim["claim_id"]],
                explanation=text,
                quotes=quotes,
                verdict="context" if context else "consistent" if agree else "inconsistent",
                extra=extra,
            )
        )
    return found


def _open(strength: str, m: dict) -> str:
    """One step weaker where the report's words leave its base or definition open (the note states the readings)."""
    if m.get("definition") != "open":
        return strength
    return STRENGTH_WORDS[min(STRENGTH_WORDS.index(strength) + 1, len(STRENGTH_WORDS) - 1)]


def _pct(x: Fraction) -> str:
    return f"{float(x) * 100:.1f}%"


def pace_held_finding(claim: dict, m: dict, official: pd.DataFrame, scale: dict) -> Finding | None:
    """A full-year claim against a partial period, adjusted on the stated assumption that its pace held."""
    if not claim["value"]:
        return None
    rep = iv.scale(claim_interval(claim), scale[claim["unit"]])
    got = adjusted.pace_held(
        m["series_id"],
        m["official_period"],
        iv.midpoint(rep),
        lambda s, p: official_row(official, s, p, RECORD_KINDS + CONTEXT_KINDS),
        lambda r: _row_interval(r)[1],
    )
    if got is None:
        return None
    agree = rep.overlaps(got.implied)
    part = got.rows[0]
    level = m["series_id"] == got.level_series
    implied = in_unit(iv.midpoint(got.implied), claim["unit"], scale, 3) if level else _pct(iv.midpoint(got.implied))
    text = PACE_HELD_TEXT.format(
        claim=stated_text(claim),
        paragraph=claim["paragraph"],
        org=part["source_org"],
        part=", ".join(
            f"{printed(r)} ({r['series_name_en']}, {r['period']}, {r['source_quality']} source: {r['source_url']})"
            for r in got.rows
        ),
        period=m["official_period"],
        implied=implied,
        agree="agrees with that within rounding" if agree else "differs from that beyond rounding",
        needed=_pct(got.rest_needed) if got.rest_needed is not None else "an amount the rows cannot show",
        ytd=_pct(got.ytd_growth),
    )
    rows = list(got.rows)
    strength = _open(evidence_strength(*rows), m)  # a part of a year is weak evidence for the whole
    return Finding(
        id=f"official:{claim['claim_id']}:{m['series_id']}:{m['official_period']}",
        check="official",
        severity="info" if agree else "medium",
        paragraphs=[claim["paragraph"]],
        claims=[claim["claim_id"]],
        explanation=text + " " + evidence_text(*rows) + (f" {m['note']}" if m["note"] else ""),
        quotes=[claim["span"]] + [r["quote"] for r in rows],
        verdict="consistent" if agree else "inconsistent",
        extra={
            "source_url": part["source_url"],
            "official_value": part["value"],
            "official_unit": part["unit"],
            "comparison": "same",
            "source_quality": max((r["source_quality"] for r in rows), key=USABLE_QUALITY.index),
            "printed": implied,
            "period": m["official_period"][:4],
            "figure_kind": "partial_period",
            "strength": strength,
            "adjusted": adjusted.PACE_HELD,
            "adjusted_period": m["official_period"],
            "open_base": m.get("definition") == "open",
        },
    )
