"""Every outside check a claim's status names is joined to it: the rules hold for every claim, not only mapped ones.

``outside_checks.csv`` says, for every claim, what it was held against; the maps and ``outside_sources.csv``
say how. ``outside/rules.py`` holds each mapped claim to its status; this holds each status to its joins: a
series the status names is a map row of that claim (official or forecast), and a URL it names is a row of
``outside_sources.csv`` for that claim (or an official row's address). A map row deleted or pointed at
another claim, or an outside source moved to another claim, would otherwise leave a status that names a check
no code runs: the claim would read as checked while its check vanished.
"""

from __future__ import annotations

from analysis.base.validation import Context, check
from analysis.checks.finding import OUTSIDE_CHECKED
from analysis.outside.status import sources_of

FILES = (
    "outside_checks.csv",
    "reference/claim_official_map.csv",
    "reference/claim_forecast_map.csv",
    "reference/outside_sources.csv",
    "reference/official_stats.csv",
)


@check(*FILES)
def _statuses_are_joined(ctx: Context):
    joined: dict[str, set[str]] = {}
    for rel in ("reference/claim_official_map.csv", "reference/claim_forecast_map.csv"):
        for r in ctx.rows(rel):
            joined.setdefault(r["claim_id"], set()).update(
                s for s in (r["series_id"], r.get("denominator_series")) if s
            )
    for r in ctx.rows("reference/outside_sources.csv"):
        joined.setdefault(r["claim_id"], set()).add(r["source_url"])
    official_urls = {r["source_url"] for r in ctx.rows("reference/official_stats.csv")}
    rel = "outside_checks.csv"
    for n, row in ctx.numbered(rel):
        if row["outside_check"] not in OUTSIDE_CHECKED:
            continue
        have = joined.get(row["claim_id"], set())
        for source in sources_of(row["source"]):
            if source in have or (source.startswith("http") and source in official_urls):
                continue
            where = "outside_sources.csv row" if source.startswith("http") else "claim map row (official or forecast)"
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "source",
                f"{source}: no {where} joins it to {row['claim_id']}, so no check runs against it",
            )


@check("trajectory_links.csv", "claims.csv", "facts.csv")
def _growth_of_the_same_subject(ctx: Context):
    """A trajectory's growth statement is about the fact's own subject: the growth of Taobao's usage time, not of
    another platform's (the kind of claim is checked in outside/rules.py)."""
    subject = {r["fact_id"]: r["entity"] for r in ctx.rows("facts.csv")}
    claims = {r["claim_id"]: r for r in ctx.rows("claims.csv")}
    rel = "trajectory_links.csv"
    for n, row in ctx.numbered(rel):
        claim = claims.get(row["target"]) if row["link"] == "growth_statement" else None
        if claim is None or row["fact_id"] not in subject:
            continue
        if claim.get("entity") != subject[row["fact_id"]]:
            yield ctx.problem(
                rel,
                n,
                row["fact_id"],
                "target",
                f"{row['target']} is about {claim.get('entity')}, the fact about {subject[row['fact_id']]}: "
                "a trajectory is held against a growth of its own subject",
            )


@check("reference/claim_official_map.csv", "claims.csv")
def _official_year_is_the_claims(ctx: Context):
    """The year on record a map holds a dated claim against is the claim's own, unless the row's note says why,
    naming that year (a decision the report redates: SAMR's 2021 fine told as 2025)."""
    claims = {r["claim_id"]: r for r in ctx.rows("claims.csv")}
    rel = "reference/claim_official_map.csv"
    for n, row in ctx.numbered(rel):
        claim = claims.get(row["claim_id"])
        own, held = (claim or {}).get("period", "")[:4], row["official_period"][:4]
        if not own or not held or own == held or held in row["note"]:
            continue
        yield ctx.problem(
            rel,
            n,
            row["claim_id"],
            "official_period",
            f"{row['official_period']}, but the claim is of {claim['period']}: hold it against its own year, or say "
            f"in the note why {held} (name it)",
        )
