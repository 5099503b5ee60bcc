"""The forecast files: every series forecast has usable official rows in one unit and period kind;
every mapped claim has a value and a year to hold against a forecast.
"""

from __future__ import annotations

from analysis import forecast
from analysis.base import numbers
from analysis.base.validation import Context, check, register_vocabulary
from analysis.ledger.rules import _claims_by_id
from analysis.outside import official
from analysis.outside.rules import _usable_quality

register_vocabulary(
    "reference/forecast_series.csv", "periods", "forecast.PERIOD_PATTERNS", lambda: forecast.PERIOD_PATTERNS
)


@check(
    "reference/claim_forecast_map.csv",
    "reference/forecast_series.csv",
    "claims.csv",
    "units.csv",
    "reference/official_stats.csv",
)
def _forecast_map(ctx: Context):
    claims = _claims_by_id(ctx)
    rel = "reference/claim_forecast_map.csv"
    series_units: dict[str, set[str]] = {}
    for s in ctx.rows("reference/official_stats.csv"):
        if s["unit"] in official.OFFICIAL_SCALE:
            series_units.setdefault(s["series_id"], set()).add(official.OFFICIAL_SCALE[s["unit"]][0])
    for n, row in ctx.numbered(rel):
        claim = claims.get(row["claim_id"])
        if claim is None:
            continue
        units = series_units.get(row["series_id"], set())
        if claim.get("base_unit") and units and claim["base_unit"] not in units:
            # a map to a series of another quantity: the forecast check would just disappear
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "series_id",
                f"the claim is in {claim['base_unit']}, the series {row['series_id']} in {'|'.join(sorted(units))}: "
                "a forecast is held against a claim of the same quantity",
            )
        if not claim.get("value"):
            yield ctx.problem(rel, n, row["claim_id"], "claim_id", "the claim has no value to hold against a forecast")
        if numbers.year_of(claim.get("period", "")) is None:
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "claim_id",
                f"the claim's period {claim.get('period', '')!r} is not a year to forecast",
            )


@check("reference/forecast_series.csv", "reference/official_stats.csv", "units.csv")
def _forecast_series(ctx: Context):
    rel = "reference/forecast_series.csv"
    stats = ctx.rows("reference/official_stats.csv")
    bases = {r["unit"]: set(r["base_units"].split("|")) for r in ctx.rows("units.csv")}
    for n, row in ctx.numbered(rel):
        pattern = forecast.PERIOD_PATTERNS.get(row["periods"])
        rows = [s for s in stats if s["series_id"] == row["series_id"] and s["source_quality"] in _usable_quality()]
        if pattern is None or not rows:
            continue  # reported by the schema / the references
        units = {official.OFFICIAL_SCALE[s["unit"]][0] for s in rows if s["unit"] in official.OFFICIAL_SCALE}
        if any(s["unit"] not in official.OFFICIAL_SCALE for s in rows):
            yield ctx.problem(rel, n, row["series_id"], "series_id", "a row's official unit has no scale")
        elif row["display_unit"] in bases and not units <= bases[row["display_unit"]]:
            yield ctx.problem(
                rel,
                n,
                row["series_id"],
                "display_unit",
                f"{row['display_unit']} measures {'|'.join(sorted(bases[row['display_unit']]))}, "
                f"the series {'|'.join(sorted(units))}",
            )
        if not any(pattern.match(s["period"]) for s in rows):
            yield ctx.problem(
                rel, n, row["series_id"], "periods", f"no row of the series has a {row['periods']} period"
            )
