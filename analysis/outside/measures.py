"""What each outside series measures (``reference/series.csv``), and joins that must respect it.

A map row says "hold this claim against that series". Units alone cannot keep it honest: total
retail sales and online retail sales are both yuan, so a map re-pointed from one to the other
would still compare. Each series therefore states its measure as a claim states its own: whose
figure (``entity``), of what (``metric``) and, where it covers a part, which (``scope``). Then:

- a series' rows are in a unit its metric's family can take (a fine in persons is a typo);
- ``same`` joins a claim to a series of its own entity, metric and scope (empty is the whole), unless the map declares the definition ``open``: the note says how the claim is read,
  and the verdict is one step weaker for it;
- a ratio of two rows (``denominator_series``) is of the claim's own entity, unless ``open``;
- ``part_of`` and ``contains`` join two different measures: a series measuring the claim's own
  figure is not a part or a whole of it;
- a forecast is held against a claim of the series' own entity, metric and scope, always;
- an outside source (``outside_sources.csv``) states its measure too, and how it stands to its claim
  (``relation``): ``same`` must be the claim's measure, ``part_of``/``contains`` another one, a
  ``ratio_term`` a figure of the claim's own entity for a claim that is a ratio, and a ``reading`` says
  in its note how the claim is read against another measure.
"""

from __future__ import annotations

from typing import NamedTuple

from analysis.base import csvio, paths, schema
from analysis.base.validation import Context, check, register_vocabulary
from analysis.ledger.rules import _claims_by_id
from analysis.outside import official

SERIES = "reference/series.csv"
_MAP = "reference/claim_official_map.csv"
_FORECAST_MAP = "reference/claim_forecast_map.csv"
_STATS = "reference/official_stats.csv"
_SOURCES = "reference/outside_sources.csv"
#: how an outside source's figure stands to its claim (the descriptor's enum says the same)
RELATIONS = ("same", "part_of", "contains", "ratio_term", "reading")

#: an official unit's base (official.OFFICIAL_SCALE) as the unit families of metrics.csv that can take it;
#: KRW rows are context only (never converted), so they have no scale but are money all the same
FAMILIES_OF_BASE = {
    "CNY": ("money",),
    "USD": ("money",),
    "EUR": ("money",),
    "KRW": ("money",),
    "persons": ("people",),
    "items": ("count",),
    "count": ("count", "people"),  # count_10k: customers may be firms or people
    "ratio": ("share", "change"),
}
_UNSCALED_BASE = {"KRW": "KRW"}


register_vocabulary(_SOURCES, "relation", "measures.RELATIONS", lambda: RELATIONS)


class Measure(NamedTuple):
    entity: str
    metric: str
    scope: str

    def __str__(self) -> str:
        return f"{self.entity}.{self.metric}" + (f" ({self.scope})" if self.scope else "")


def load_series(path=None) -> dict[str, Measure]:
    """series_id -> the measure series.csv states for it."""
    rows = csvio.read_dicts(paths.SERIES if path is None else path, schema.columns(SERIES))
    return {r["series_id"]: series_measure(r) for r in rows}


def series_measure(row: dict) -> Measure:
    """A row of series.csv as the measure it states."""
    return Measure(row["entity"], row["metric"], row.get("scope", ""))


def claim_measure(claim: dict, facts: dict[str, dict]) -> Measure:
    """A claim's measure: its entity and metric, and its fact's scope."""
    return Measure(claim["entity"], claim["metric"], facts.get(claim.get("fact_id", ""), {}).get("scope", ""))


def same_measure(claim: Measure, series: Measure) -> bool:
    """One entity, metric and scope: an empty scope is the whole, so a series of a part (physical goods only) is
    not the same figure as a claim about the whole, however close its value (that is a reading: declare it)."""
    return claim == series


def base_of(unit: str) -> str | None:
    """An official unit's base unit (CNY_100m -> CNY), or None when the audit has no scale for it."""
    if unit in official.OFFICIAL_SCALE:
        return official.OFFICIAL_SCALE[unit][0]
    return _UNSCALED_BASE.get(unit)


def unit_problem(unit: str, family: str, metric: str) -> str | None:
    """Why a row in ``unit`` cannot measure a metric of ``family``, or None."""
    base = base_of(unit)
    if base is None or family in FAMILIES_OF_BASE.get(base, ()):
        return None
    return f"{unit} is {base}, but the measure stated for it, {metric}, is a {family}"


def join_problem(comparison: str, definition: str, claim: Measure, series: Measure) -> tuple[str, str] | None:
    """(field, why) when a map row joins a claim to a series of another measure than its comparison allows."""
    if comparison == "same":
        if definition == "open" or same_measure(claim, series):
            return None
        return (
            "series_id",
            f"the claim is {claim}, the series measures {series}: not the same figure "
            "(map a series of this measure, or declare definition open and say in the note how the claim is read)",
        )
    if comparison in ("part_of", "contains") and claim == series:
        return (
            "comparison",
            f"{comparison}: the series measures the claim's own figure ({claim}); "
            "a figure is not a part or a whole of itself (compare as same)",
        )
    return None


def _measures(ctx: Context) -> dict[str, Measure]:
    return {r["series_id"]: series_measure(r) for r in ctx.rows(SERIES) or []}


def _facts(ctx: Context) -> dict[str, dict]:
    return {r["fact_id"]: r for r in ctx.rows("facts.csv") or []}


@check(SERIES, _STATS, "metrics.csv")
def _series_units(ctx: Context):
    """Every row of a series is in a unit its measure's family takes; every series states its measure once."""
    families = {r["metric"]: r["unit_family"] for r in ctx.rows("metrics.csv") or []}
    measures = _measures(ctx)
    for n, row in ctx.numbered(_STATS):
        measure = measures.get(row["series_id"])
        if measure is None:
            continue  # reported by the descriptor's foreign key
        if why := unit_problem(row["unit"], families.get(measure.metric, ""), measure.metric):
            yield ctx.problem(_STATS, n, row["series_id"], "unit", why)


def _joined(ctx: Context, rel: str):
    """(row number, map row, the claim's measure, the series' measure, every series' measure) for each row of a
    claim map whose claim and series exist (the references report the others)."""
    claims, facts, measures = _claims_by_id(ctx), _facts(ctx), _measures(ctx)
    for n, row in ctx.numbered(rel):
        claim, series = claims.get(row["claim_id"]), measures.get(row["series_id"])
        if claim is not None and series is not None:
            yield n, row, claim_measure(claim, facts), series, measures


@check(_MAP, SERIES, "claims.csv", "facts.csv")
def _official_map_measures(ctx: Context):
    """A map joins a claim to a series of the measure its comparison allows; a ratio's rows are the claim's own."""
    for n, row, mine, series, measures in _joined(ctx, _MAP):
        if row["denominator_series"]:
            # a ratio of two rows (gross profit over revenue): both of the claim's own entity
            for column in ("series_id", "denominator_series"):
                other = measures.get(row[column])
                if other and row["definition"] != "open" and other.entity != mine.entity:
                    yield ctx.problem(
                        _MAP,
                        n,
                        row["claim_id"],
                        column,
                        f"the claim is {mine}, {row[column]} is {other.entity}'s: a ratio of another's rows "
                        "(declare definition open and say in the note how the claim is read)",
                    )
            continue
        if found := join_problem(row["comparison"], row["definition"], mine, series):
            yield ctx.problem(_MAP, n, row["claim_id"], *found)


@check(_FORECAST_MAP, SERIES, "claims.csv", "facts.csv")
def _forecast_map_measures(ctx: Context):
    """A forecast stands in for the record of one measure: the claim is of the series' own entity, metric and scope."""
    for n, row, mine, series, _ in _joined(ctx, _FORECAST_MAP):
        if not same_measure(mine, series):
            yield ctx.problem(
                _FORECAST_MAP,
                n,
                row["claim_id"],
                "series_id",
                f"the claim is {mine}, the series measures {series}: a forecast of another measure",
            )


def source_problem(row: dict, claim: Measure, claim_family: str, families: dict[str, str]) -> tuple[str, str] | None:
    """(field, why) when an outside source's measure cannot stand to its claim as its ``relation`` says."""
    mine, relation = series_measure(row), row["relation"]
    if relation == "same" and not same_measure(claim, mine):
        return "metric", f"same: the claim is {claim}, the source gives {mine} (another relation, or another source)"
    if relation in ("part_of", "contains") and claim == mine:
        return (
            "relation",
            f"{relation}: the source gives the claim's own figure ({claim}); a figure is not a part of itself",
        )
    if relation == "ratio_term":
        if claim_family != "share":
            return "relation", f"ratio_term: the claim ({claim}) is a {claim_family or '?'}, not a ratio of two figures"
        if mine.entity != claim.entity:
            return (
                "entity",
                f"ratio_term: a term of {claim.entity}'s ratio must be {claim.entity}'s, not {mine.entity}'s",
            )
        if families.get(mine.metric) == "share":
            return "metric", f"ratio_term: {mine.metric} is itself a share, not a term of one"
    if relation == "reading" and not row.get("note", "").strip():
        return "note", "reading: say in the note how the claim is read against this other measure"
    return None


@check(_SOURCES, "claims.csv", "facts.csv", "metrics.csv")
def _source_measures(ctx: Context):
    """Every outside source states what it measures, in a unit that measure takes, and stands to its claim as
    its relation says."""
    claims, facts = _claims_by_id(ctx), _facts(ctx)
    families = {r["metric"]: r["unit_family"] for r in ctx.rows("metrics.csv") or []}
    for n, row in ctx.numbered(_SOURCES):
        claim = claims.get(row["claim_id"])
        if claim is None or row["relation"] not in RELATIONS:
            continue  # reported by the references and the vocabulary
        if why := unit_problem(row["unit"], families.get(row["metric"], ""), row["metric"]):
            yield ctx.problem(_SOURCES, n, row["claim_id"], "unit", why)
        found = source_problem(row, claim_measure(claim, facts), families.get(claim["metric"], ""), families)
        if found:
            yield ctx.problem(_SOURCES, n, row["claim_id"], *found)
