"""The outside record's files and rules: official statistics, the claim maps to them, outside sources,
each claim's outside-check status, and the trajectory links.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from analysis.base import paths
from analysis.base.validation import Context, check, register_vocabulary
from analysis.checks.finding import OUTSIDE_CHECKED, OUTSIDE_STATUSES
from analysis.ledger.rules import _claims_by_id
from analysis.outside import adjusted, official
from analysis.outside.status import sources_of
from analysis.outside.trajectories import (
    DIRECTIONS,
    EARLIER_WINDOW,
    LINKS,
    SAME_WINDOW,
    trajectory_facts,
)

# the vocabularies the code acts on; every other schema of these files is the descriptor's
# the official units the code can convert; the descriptor may list more (KRW rows are context, never compared)
register_vocabulary(
    "reference/official_stats.csv", "unit", "official.OFFICIAL_SCALE", lambda: official.OFFICIAL_SCALE, exact=False
)
register_vocabulary(
    "reference/claim_official_map.csv", "comparison", "official.COMPARISONS", lambda: official.COMPARISONS
)
register_vocabulary(
    "reference/claim_official_map.csv", "adjustment", "adjusted.ADJUSTMENTS", lambda: adjusted.ADJUSTMENTS
)
register_vocabulary("outside_checks.csv", "outside_check", "finding.OUTSIDE_STATUSES", lambda: OUTSIDE_STATUSES)
register_vocabulary("trajectory_links.csv", "link", "trajectories.LINKS", lambda: LINKS)


def _official():
    return official


def _usable_quality() -> tuple[str, ...]:
    return _official().USABLE_QUALITY


def _usable_rows(stats: list[dict], series: str, period: str) -> list[dict]:
    """Rows of official_stats.csv for a series and period, of a quality the audit uses."""
    return [
        s
        for s in stats
        if s["series_id"] == series and s["period"] == period and s["source_quality"] in _usable_quality()
    ]


#: words that put a value in the future (a projection), in the quote before it
_PROJECTED = re.compile(r"projected|expected to|is expected|预计|predicts|will reach|将达|有望|将突破", re.I)
#: part of a year: a month range inside one year (2025-01/09) or a half (2023-H1); a fiscal year
#: (2024-04/2025-03) is twelve months and may be actual
_PART_OF_YEAR = re.compile(r"[0-9]{4}-([0-9][0-9]/[0-9][0-9]|H[12])")


def figure_kind_problem(row: dict) -> str | None:
    """Why a row's figure_kind cannot be what its quote and period say, or None."""
    kind, quote, value = row["figure_kind"], row.get("quote", ""), row["value"].lstrip(">")
    m = _PROJECTED.search(quote)
    if kind != "projection" and m and value and value in quote[m.start() :] and value not in quote[: m.start()]:
        return f"the quote projects the value ({m.group(0)!r} before {value}): figure_kind must be projection"
    if kind != "partial_period" and _PART_OF_YEAR.fullmatch(row["period"]):
        return f"{row['period']} is part of a year: figure_kind must be partial_period"
    return None


@check("reference/official_stats.csv")
def _figure_kinds(ctx: Context):
    """An outside figure's kind agrees with its quote and its period: a projection is never typed as the record."""
    rel = "reference/official_stats.csv"
    for n, row in ctx.numbered(rel):
        if "figure_kind" in row and (why := figure_kind_problem(row)):
            yield ctx.problem(rel, n, row["series_id"], "figure_kind", why)


_STATS = "reference/official_stats.csv"
#: the two files that say where an outside figure was read and which publication it reports
PRIMARY_FILES = ("reference/official_stats.csv", "reference/outside_sources.csv")
#: the outside record was first read in the session of 2026-11-25: a read date before this is a typo
FIRST_READ = date(2026, 11, 1)
_DAY = re.compile(r"[0-9]{4}-[0-9][0-9]-[0-9][0-9]")
_RELEASED = re.compile(r"([0-9]{4})(?:-([0-9][0-9])(?:-([0-9][0-9]))?)?")


@lru_cache(maxsize=1)
def latest_read_day() -> date:
    """The latest day a row may have been read: today, or the last commit's date when the clock is behind it."""
    import subprocess  # only this rule asks git the date of the last commit

    today = date.today()
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs"], cwd=paths.ROOT, capture_output=True, text=True, timeout=10
        )
        committed = date.fromisoformat(done.stdout.strip()) if done.returncode == 0 else today
    except (OSError, ValueError, subprocess.SubprocessError):
        committed = today
    return max(today, committed)


def _first_day(text: str) -> date | None:
    """The first day of YYYY, YYYY-MM or YYYY-MM-DD, or None when it is no such date (2025-02-30)."""
    m = _RELEASED.fullmatch(text)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def primary_problems(row: dict, latest: date | None = None) -> list[tuple[str, str]]:
    """(field, why) for every way a row's read date, release date or primary URL cannot be right.

    A cell whose shape is wrong is the descriptor's pattern's to report; these are the dates that have
    the shape but are no day, a read date in the future or before the record was begun, a release after
    the read, and a mirror's own address given as the issuer's."""
    out: list[tuple[str, str]] = []
    read_on, released = row.get("read_on", ""), row.get("primary_released", "")
    read = None
    if _DAY.fullmatch(read_on):
        read = _first_day(read_on)
        if read is None:
            out.append(("read_on", f"{read_on!r} is not a date"))
        elif read > (latest or latest_read_day()):
            out.append(("read_on", f"{read_on} is in the future (after {latest or latest_read_day()})"))
        elif read < FIRST_READ:
            out.append(("read_on", f"{read_on} is before {FIRST_READ}, when the outside record was begun"))
    if released and _RELEASED.fullmatch(released):
        day = _first_day(released)
        if day is None:
            out.append(("primary_released", f"{released!r} is not a date"))
        elif read is not None and day > read:
            out.append(("primary_released", f"released {released}, after the row was read ({read_on})"))
    url, quality = row.get("primary_url", ""), row.get("source_quality", "")
    if url and url == row.get("source_url") and quality != "official":
        out.append(
            (
                "primary_url",
                f"repeats source_url on a row graded {quality}: the page read is not the issuer's own "
                "(give the issuer's address only when a stored page shows it)",
            )
        )
    return out


@check(*PRIMARY_FILES)
def _primary_publications(ctx: Context):
    """Every outside row's read date is a real day between the record's start and today, its publication was
    released before it was read, and a mirror's address is never given as the issuer's."""
    for rel in PRIMARY_FILES:
        for n, row in ctx.numbered(rel):
            for column, why in primary_problems(row):
                yield ctx.problem(rel, n, ctx.ident(rel, row), column, why)


@check("reference/claim_official_map.csv", "reference/official_stats.csv", "claims.csv")
def _official_map(ctx: Context):
    claims = _claims_by_id(ctx)
    rel = "reference/claim_official_map.csv"
    stats = ctx.rows("reference/official_stats.csv")
    for n, row in ctx.numbered(rel):
        claim = claims.get(row["claim_id"])
        if claim is None:
            continue  # reported by the references
        if not claim.get("value"):
            yield ctx.problem(rel, n, row["claim_id"], "claim_id", "the claim has no value to compare")
        matches = [s for s in stats if s["series_id"] == row["series_id"] and s["period"] == row["official_period"]]
        usable = [s for s in matches if s["source_quality"] in _usable_quality()]
        if not matches:
            if any(s["series_id"] == row["series_id"] for s in stats):
                yield ctx.problem(
                    rel,
                    n,
                    row["claim_id"],
                    "official_period",
                    f"{row['official_period']!r}: no row of official_stats.csv for {row['series_id']} "
                    "and that period (the comparison would be dropped)",
                )
            continue
        if not usable:
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "official_period",
                f"every row for {row['series_id']} {row['official_period']} is of a quality the audit "
                f"does not use ({', '.join(sorted({s['source_quality'] for s in matches}))})",
            )
            continue
        best = min(usable, key=lambda s: (_usable_quality().index(s["source_quality"]), s["source_url"]))
        if bool(row["denominator_series"]) != bool(row["denominator_period"]):
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "denominator_period",
                "a ratio needs both denominator_series and denominator_period",
            )
            continue
        if row["denominator_series"]:
            den = _usable_rows(stats, row["denominator_series"], row["denominator_period"])
            if not den:
                yield ctx.problem(
                    rel,
                    n,
                    row["claim_id"],
                    "denominator_series",
                    f"no usable row of official_stats.csv for {row['denominator_series']} {row['denominator_period']}",
                )
                continue
            bases = {official.OFFICIAL_SCALE.get(s["unit"], ("?",))[0] for s in (best, den[0])}
            if len(bases) != 1:
                yield ctx.problem(
                    rel,
                    n,
                    row["claim_id"],
                    "denominator_series",
                    f"numerator and denominator are in different units ({', '.join(sorted(bases))}): "
                    "their ratio is not a share",
                )
            elif claim.get("base_unit") and claim["base_unit"] != "ratio":
                yield ctx.problem(
                    rel,
                    n,
                    row["claim_id"],
                    "denominator_series",
                    f"a ratio of two official rows is compared with a claim in {claim['base_unit']}",
                )
            continue
        if best["unit"] not in official.OFFICIAL_SCALE:
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "series_id",
                f"official unit {best['unit']} has no scale (official.OFFICIAL_SCALE)",
            )
        elif claim.get("base_unit") and claim["base_unit"] != official.OFFICIAL_SCALE[best["unit"]][0]:
            yield ctx.problem(
                rel,
                n,
                row["claim_id"],
                "series_id",
                f"the claim is in {claim['base_unit']}, the official series in "
                f"{official.OFFICIAL_SCALE[best['unit']][0]}: not comparable",
            )


@check(
    "outside_checks.csv",
    "reference/outside_sources.csv",
    "reference/official_stats.csv",
    "reference/claim_official_map.csv",
    "reference/claim_forecast_map.csv",
    "claims.csv",
)
def _outside_checks(ctx: Context):
    """Every claim has one outside-check status; a checked one names sources that exist, a not_found one says
    what was searched, and the claims the official and forecast maps hold against a series are checked against it."""
    rel = "outside_checks.csv"
    series = {r["series_id"] for r in ctx.rows("reference/official_stats.csv")}
    urls = {r["source_url"] for r in ctx.rows("reference/official_stats.csv")}
    urls |= {r["source_url"] for r in ctx.rows("reference/outside_sources.csv")}
    mapped: dict[str, set[str]] = {}
    for name in ("reference/claim_official_map.csv", "reference/claim_forecast_map.csv"):
        for r in ctx.rows(name):
            mapped.setdefault(r["claim_id"], set()).update(
                s for s in (r["series_id"], r.get("denominator_series", "")) if s
            )
    seen = set()
    for n, row in ctx.numbered(rel):
        cid, status = row["claim_id"], row["outside_check"]
        seen.add(cid)
        sources = sources_of(row["source"])
        if status in OUTSIDE_CHECKED:
            if not sources:
                yield ctx.problem(rel, n, cid, "source", f"{status}: name the series or URL it was checked against")
            for s in sources:
                if s.startswith("http") and s not in urls:
                    yield ctx.problem(
                        rel, n, cid, "source", f"{s}: no row of official_stats.csv or outside_sources.csv has this URL"
                    )
                elif not s.startswith("http") and s not in series:
                    yield ctx.problem(rel, n, cid, "source", f"{s}: not a series of official_stats.csv")
        elif sources:
            yield ctx.problem(rel, n, cid, "source", f"{status} is not checkable: it names no source")
        if status == "not_found" and not row["searched"].strip():
            yield ctx.problem(rel, n, cid, "searched", "not_found: say what was searched")
        if cid in mapped:
            if status not in OUTSIDE_CHECKED:
                yield ctx.problem(
                    rel,
                    n,
                    cid,
                    "outside_check",
                    f"{status}: the claim is held against {', '.join(sorted(mapped[cid]))} in the claim maps",
                )
            elif not mapped[cid] <= set(sources):
                yield ctx.problem(
                    rel,
                    n,
                    cid,
                    "source",
                    f"the claim maps hold it against {', '.join(sorted(mapped[cid] - set(sources)))} too",
                )
    for _, row in ctx.numbered("claims.csv"):
        if row["claim_id"] not in seen:
            yield ctx.problem(rel, None, row["claim_id"], "claim_id", f"{row['claim_id']} has no outside-check status")


@check("trajectory_links.csv", "claims.csv", "reference/official_stats.csv")
def _trajectory_link_rows(ctx: Context):
    """Every fact with a 2025 and a 2026 value has a reviewed link (or a 'none' saying what was looked for);
    a link names a growth claim of the ledger or official rows that exist for each of its periods."""
    rel = "trajectory_links.csv"
    claims = _claims_by_id(ctx)
    stats = ctx.rows("reference/official_stats.csv")
    wanted = trajectory_facts(list(claims.values()))
    linked = set()
    for n, row in ctx.numbered(rel):
        fact, kind, target = row["fact_id"], row["link"], row["target"]
        linked.add(fact)
        if fact not in wanted:
            yield ctx.problem(rel, n, fact, "fact_id", "no 2025-2026 trajectory has this fact (a stale link?)")
        if kind == "none":
            if target or row["denominator"] or row["periods"]:
                yield ctx.problem(rel, n, fact, "target", "a 'none' link names no target, denominator or periods")
        elif kind == "growth_statement":
            g = claims.get(target)
            if g is None:
                yield ctx.problem(rel, n, fact, "target", f"{target!r}: not a claim of claims.csv")
            elif g["kind"] not in ("growth", "cagr", "change_pp"):
                yield ctx.problem(rel, n, fact, "target", f"{target} is a {g['kind']} claim, not a growth statement")
            if row["periods"] not in (SAME_WINDOW, EARLIER_WINDOW):
                yield ctx.problem(
                    rel, n, fact, "periods", f"a growth statement covers {SAME_WINDOW} or {EARLIER_WINDOW}"
                )
        elif kind == "stated_direction":
            if target not in DIRECTIONS:
                yield ctx.problem(
                    rel, n, fact, "target", f"{target!r}: a stated direction is one of {', '.join(DIRECTIONS)}"
                )
            if row["periods"] != SAME_WINDOW or row["denominator"]:
                yield ctx.problem(
                    rel, n, fact, "periods", f"a stated direction covers {SAME_WINDOW} and has no denominator"
                )
        elif kind:
            periods = [p for p in row["periods"].split("/") if p]
            if len(periods) != (2 if kind == "outside_series" else 1):
                yield ctx.problem(
                    rel,
                    n,
                    fact,
                    "periods",
                    f"{kind} takes {'two periods, P1/P2' if kind == 'outside_series' else 'one period'}",
                )
            for series in filter(None, (target, row["denominator"])):
                for p in periods:
                    if not _usable_rows(stats, series, p):
                        yield ctx.problem(
                            rel, n, fact, "periods", f"no usable row of official_stats.csv for {series} {p}"
                        )
    for fact in sorted(wanted - linked):
        yield ctx.problem(rel, None, fact, "fact_id", f"{fact} has a 2025-2026 trajectory but no reviewed link")


@check("reference/claim_official_map.csv", "reference/official_stats.csv")
def _adjustments(ctx: Context):
    """An adjusted comparison needs a part of a year to adjust, and the rows the adjustment reads."""
    rel, have = "reference/claim_official_map.csv", {(s["series_id"], s["period"]) for s in ctx.rows(_STATS) or []}
    for n, row in ctx.numbered(rel):
        period, (level, growth) = row["official_period"], adjusted.level_and_growth(row["series_id"])
        if row.get("adjustment") != adjusted.PACE_HELD:
            continue
        if not _PART_OF_YEAR.fullmatch(period):
            yield ctx.problem(
                rel, n, row["claim_id"], "adjustment", f"pace_held adjusts a part of a year, not {period!r}"
            )
            continue
        rows = [(growth, period)] + (
            [(level, period), (level, str(int(period[:4]) - 1))] if level == row["series_id"] else []
        )
        if missing := [f"{s} {p}" for s, p in rows if (s, p) not in have]:
            yield ctx.problem(rel, n, row["claim_id"], "adjustment", f"pace_held needs rows for {', '.join(missing)}")
