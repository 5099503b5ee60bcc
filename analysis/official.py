"""Report figures against official statistics (data/reference/).

``claim_official_map.csv`` pairs a claim with the official row it should be
compared with (a human judgement: the definitions must match, or the note
says how they differ). Both sides become intervals from their printed
precision, in base units; disjoint intervals are a ``medium`` finding.
"""
from __future__ import annotations

from fractions import Fraction

import pandas as pd

from . import intervals as iv
from . import csvio, ledger, paths
from .finding import Finding, claim_interval, in_unit

MAP_COLUMNS = ["claim_id", "series_id", "official_period", "note"]
OFFICIAL_SCALE = {  # official unit -> (base unit, scale)
    "CNY_100m": ("CNY", Fraction(10**8)), "CNY_trn": ("CNY", Fraction(10**12)), "pct": ("ratio", Fraction(1, 100)),
    "persons_100m": ("persons", Fraction(10**8)), "persons_10k": ("persons", Fraction(10**4)),
    "EUR_m": ("EUR", Fraction(10**6)), "CNY_bn": ("CNY", Fraction(10**9)), "CNY_m": ("CNY", Fraction(10**6)),
    "persons_m": ("persons", Fraction(10**6)), "count_10k": ("count", Fraction(10**4)), "USD_bn": ("USD", Fraction(10**9)),
}
USABLE_QUALITY = ("official", "news", "mirror", "secondary")


OFFICIAL_COLUMNS = ["series_id", "series_name_en", "series_name_zh", "period", "value", "unit", "source_org",
                    "source_quality", "source_url", "quote", "retrieved_note"]


def load_official(path=paths.OFFICIAL_STATS) -> pd.DataFrame:
    return csvio.read_frame(path, OFFICIAL_COLUMNS)


def load_map(path=paths.OFFICIAL_MAP) -> list[dict]:
    if not path.exists():
        return []
    return ledger.read_rows(path, MAP_COLUMNS)


def official_row(official: pd.DataFrame, series_id: str, period: str) -> dict | None:
    """The best-graded row for a series and period (official > news > mirror > secondary)."""
    rows = official[(official["series_id"] == series_id) & (official["period"] == period)
                    & official["source_quality"].isin(USABLE_QUALITY)]
    if rows.empty:
        return None
    rank = {q: i for i, q in enumerate(USABLE_QUALITY)}
    return rows.assign(_r=rows["source_quality"].map(rank)).sort_values(["_r", "source_url"]).iloc[0].to_dict()


def official_findings(claims: pd.DataFrame, units: pd.DataFrame, official: pd.DataFrame | None = None,
                      mapping: list[dict] | None = None):
    """One finding per mapped claim (defaults: data/reference/official_stats.csv and claim_official_map.csv)."""
    scale = ledger.exact_unit_scales(units)
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    official = load_official() if official is None else official
    found = []
    for m in (load_map() if mapping is None else mapping):
        claim = by_id[m["claim_id"]]
        row = official_row(official, m["series_id"], m["official_period"])
        if row is None or not claim["value"]:
            continue
        base, k = OFFICIAL_SCALE[row["unit"]]
        off = iv.scale(iv.stated(row["value"].lstrip(">"), ">" if row["value"].startswith(">") else "="), k)
        rep = iv.scale(claim_interval(claim), scale[claim["unit"]])
        values_agree = rep.overlaps(off)
        # A value that matches but is dated another year is still a departure from the record.
        year_differs = bool(claim["period"]) and claim["period"][-4:] != row["period"][:4]
        agree = values_agree and not year_differs
        verdict_text = ("They agree within rounding." if agree else
                        "The values agree within rounding but the years differ." if values_agree else
                        "They differ beyond rounding.")
        shown = (in_unit(Fraction(row["value"].lstrip(">")) * k, claim["unit"], scale)
                 if claim["unit"] in scale and base == claim["base_unit"] else f"{row['value']} {row['unit']}")
        text = (f"The report states {claim['value']}{claim['unit']} ({claim['paragraph']}, {claim['period'] or 'no year'}); "
                f"{row['source_org']} gives {'more than ' if row['value'].startswith('>') else ''}{shown} for {row['period']} "
                f"({row['series_name_en']}; {row['source_quality']} source: {row['source_url']}). "
                + verdict_text
                + (f" {m['note']}" if m["note"] else ""))
        found.append(Finding(
            id=f"official:{claim['claim_id']}:{m['series_id']}:{m['official_period']}", check="official",
            severity="info" if agree else "medium", paragraphs=[claim["paragraph"]], claims=[claim["claim_id"]],
            explanation=text, quotes=[claim["span"], row["quote"]], verdict="consistent" if agree else "inconsistent",
            extra={"source_url": row["source_url"], "official_value": row["value"], "official_unit": row["unit"]}))
    return found
