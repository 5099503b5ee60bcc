"""The report's own trajectories: for every fact it states for both 2025 and 2026, the one-year change it implies.

Only claims that state a value in one unit for each year (levels, shares,
counts, durations…; not growth rates, whose change of a change says little)
and whose period is stated or read from the sentence (``period_basis``). When a
fact has several claims for one year, every 2025-2026 pair is listed. A pair
whose two claims a retold passage matches (``retellings.aligned_claim_pairs``)
is marked ``retold``: the later chapter repeats the earlier sentence with the
year moved, so the "change" may be a retelling rather than a new measurement.

``held`` then holds each trajectory against what ``data/trajectory_links.csv``
(reviewed, validated by the gate) links it to: the report's own growth
statements for the same quantity, an outside series, an outside whole, or the
outside record of one event. Pure: tables in, tables out.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from analysis import facts
from analysis.base import csvio, paths, schema
from analysis.base import intervals as iv
from analysis.base.numbers import is_digits
from analysis.checks.finding import Finding, paragraphs_of, stated_text
from analysis.facts import records
from analysis.ledger import claim_sort_key
from analysis.outside import official

#: kinds whose values can be compared across two years as a change of the same quantity
LEVEL_KINDS = ("level", "share", "count", "duration", "price", "score", "ratio", "other", "multiple")
COLUMNS = [
    "fact_id",
    "chapter_2025",
    "claim_2025",
    "value_2025",
    "claim_2026",
    "chapter_2026",
    "value_2026",
    "unit",
    "change_pct",
    "kind",
    "retold",
]


def _pairs(records: list[dict], retold_pairs=frozenset()):
    """Every (2025 claim, 2026 claim) pair of one fact and one unit, as dicts, in fact order.

    On plain rows, not a DataFrame: the gate calls this on every run, and a pandas groupby over the
    ledger's facts cost 0.2 s against 2 ms here."""
    by_fact: dict[str, list[dict]] = {}
    for r in records:
        if (
            r["kind"] in LEVEL_KINDS
            and r["period"] in ("2025", "2026")
            and r["period_basis"] in ("stated", "sentence")
            and r["value"] != ""
        ):
            by_fact.setdefault(r["fact_id"], []).append(r)
    for fact in sorted(by_fact):
        group = by_fact[fact]
        for a in (r for r in group if r["period"] == "2025"):
            for b in (r for r in group if r["period"] == "2026"):
                if a["unit"] != b["unit"] or float(a["value"]) == 0:
                    continue
                yield {
                    "fact_id": fact,
                    "chapter_2025": int(a["paragraph"].split(".")[0]),
                    "claim_2025": a["claim_id"],
                    "value_2025": float(a["value"]),
                    "claim_2026": b["claim_id"],
                    "chapter_2026": int(b["paragraph"].split(".")[0]),
                    "value_2026": float(b["value"]),
                    "unit": a["unit"],
                    "change_pct": round((float(b["value"]) / float(a["value"]) - 1) * 100, 1),
                    "kind": a["kind"],
                    "retold": (a["claim_id"], b["claim_id"]) in retold_pairs
                    or (b["claim_id"], a["claim_id"]) in retold_pairs,
                }


def trajectory_facts(records: list[dict]) -> set[str]:
    """The facts that have a 2025-2026 trajectory (what the gate requires a reviewed link for)."""
    return {p["fact_id"] for p in _pairs(records)}


def trajectories(claims: pd.DataFrame, retold_pairs: set[tuple[str, str]] = frozenset()) -> pd.DataFrame:
    """One row per 2025-2026 pair of claims of one fact in one unit, with the change and whether it is retold."""
    return pd.DataFrame(list(_pairs(records(claims), retold_pairs)), columns=COLUMNS)


def summary(table: pd.DataFrame) -> dict:
    return {
        "pairs": len(table),
        "facts": table["fact_id"].nunique(),
        "retold": int(table["retold"].sum()),
        "up": int((table["change_pct"] > 0).sum()),
        "down": int((table["change_pct"] < 0).sum()),
        "flat": int((table["change_pct"] == 0).sum()),
        "median_pct": float(table["change_pct"].median()) if len(table) else 0.0,
    }


# --- each trajectory held against the report's own growth statements and the outside record -------------
#: a reviewed link from a trajectory's fact to what it can be held against (data/trajectory_links.csv)
LINKS = {
    "growth_statement": "a growth the report states for the same quantity",
    "outside_series": "an outside series for the same quantity or the whole it belongs to",
    "outside_whole": "an outside total the later figure is a part of",
    "same_event": "an outside record of one event the two figures retell",
    "stated_direction": "a rise or fall the report states in words (持续攀升, 下降) for the same window",
    "none": "nothing to hold it against (the note says what was looked for)",
}
#: the window a growth statement covers: the trajectory's own year (checked) or an earlier one (context)
SAME_WINDOW = "2025-2026"
EARLIER_WINDOW = "before-2025"
#: the links that are checks when they cover SAME_WINDOW (the others are context)
CHECKING_LINKS = ("growth_statement", "stated_direction")


def load_links(path=None) -> list[dict]:
    path = paths.TRAJECTORY_LINKS if path is None else path
    return csvio.read_frame(path, schema.columns("trajectory_links.csv")).to_dict("records")


HELD_COLUMNS = ["fact_id", "link", "against", "periods", "implied", "outside", "verdict", "reading", "source_url"]


def _decimal_year(period: str) -> float:
    """'2024' (a year, or its end) -> 2024.0; '2025-06' (a survey month) -> 2024.5; only differences are used."""
    year, _, month = period.partition("-")
    return int(year) + (int(month) / 12 - 1 if month and is_digits(month) else 0)


def _pct(x: float) -> str:
    return f"{x * 100:+.1f} %"


def _outside_point(official_frame, series: str, period: str, denominator: str = ""):
    """(name, printed value, row, interval in base units) of an official series at a period, or of its ratio
    over a denominator series at the same period."""
    got = official.outside_value(official_frame, series, period, denominator, period)
    if got is None:
        raise ValueError(f"{series}{'/' + denominator if denominator else ''} has no usable row for {period}")
    row, den, _, value = got
    if den is None:
        return row["series_name_en"], official.printed(row), row, value
    return (f"{row['series_name_en']} over {den['series_name_en']}", f"{_mid(value) * 100:.1f} %", row, value)


def _mid(x: iv.Interval) -> float:
    return float(iv.midpoint(x))


def _implied(group: pd.DataFrame) -> str:
    return "; ".join(
        f"{r.value_2025:g} → {r.value_2026:g}{r.unit} ({r.claim_2025} → {r.claim_2026}): {r.change_pct:+.1f} %"
        for r in group.itertuples()
    )


#: a direction in words and the side of 1 its new/old ratio must lie on
DIRECTIONS = {"rise": 1, "fall": -1}


def _direction(link: dict, group: pd.DataFrame, by_id: dict, scales: dict, implied: str) -> tuple[str, str]:
    """A rise or fall stated in words against the two levels: consistent when every reading of the two printed
    figures moves that way, edge when only their rounding allows it, inconsistent when none does."""
    sign = DIRECTIONS[link["target"]]
    verdicts = []
    for r in group.itertuples():
        early, late = by_id[r.claim_2025], by_id[r.claim_2026]
        loose = iv.div(facts.base_interval(late, scales), facts.base_interval(early, scales))
        exact = Fraction(late["value"]) / Fraction(early["value"])
        if sign > 0:
            allowed, printed_moves = loose.hi is None or loose.hi > 1, exact > 1
        else:
            allowed, printed_moves = loose.lo < 1, exact < 1
        verdicts.append("consistent" if printed_moves else "edge" if allowed else "inconsistent")
    verdict = "inconsistent" if "inconsistent" in verdicts else "edge" if "edge" in verdicts else "consistent"
    words = {
        "consistent": "the figures move that way.",
        "edge": "the two figures allow that only within their rounding; as printed they do not move that way.",
        "inconsistent": "the two figures cannot move that way, whatever their rounding.",
    }
    return verdict, (
        f"The report says the quantity {'rises' if sign > 0 else 'falls'} ({link['note']}); its 2025 and "
        f"2026 figures give {implied}; {words[verdict]}"
    )


def held(
    table: pd.DataFrame, links: list[dict], claims: pd.DataFrame, official_frame: pd.DataFrame, scales: dict
) -> pd.DataFrame:
    """One row per link: the trajectory, what it is held against, and what that shows.

    A growth statement for the same window is a check (``consistent``/``inconsistent``: the implied
    new/old ratio against the stated one, with both roundings), and so is a direction stated in words
    (``consistent``/``edge``/``inconsistent``, see ``_direction``); everything else is ``context``: an
    outside series of another definition, the share of a whole, one event retold, or nothing."""
    by_id = {r["claim_id"]: r for r in facts.records(claims)}
    rows = []
    for link in sorted(links, key=lambda k: (k["fact_id"], k["link"], k["target"], k["periods"])):
        group = table[table["fact_id"] == link["fact_id"]]
        implied = _implied(group)
        first = group.iloc[0] if len(group) else None
        out = {
            "fact_id": link["fact_id"],
            "link": link["link"],
            "against": link["target"],
            "periods": link["periods"],
            "implied": implied,
            "outside": "",
            "verdict": "context",
            "reading": "",
            "source_url": "",
        }
        kind = link["link"]
        if kind == "growth_statement":
            g = by_id[link["target"]]
            stated = f"{stated_text(g)} ({g['paragraph']}, {g['period'] or 'no year'})"
            out["outside"] = stated
            if link["periods"] == SAME_WINDOW:
                ratio = facts.change_ratios(g, g["reading"]) or []
                ok = []
                for r in group.itertuples():
                    got = iv.div(
                        facts.base_interval(by_id[r.claim_2026], scales),
                        facts.base_interval(by_id[r.claim_2025], scales),
                    )
                    ok.append(any(got.overlaps(x) for x in ratio))
                out["verdict"] = "consistent" if ok and all(ok) else "inconsistent"
                out["reading"] = (
                    f"The report states a growth of {stated} for 2025 to 2026; its own 2025 and 2026 "
                    f"figures imply {implied}: "
                    + (
                        "they agree within rounding."
                        if out["verdict"] == "consistent"
                        else "the stated growth and the two figures cannot all hold."
                    )
                )
            else:
                out["reading"] = (
                    f"The report states a growth of {stated} for an earlier window ({link['periods']}); for 2025 to "
                    f"2026 it states no growth, and its figures imply {implied}. Context, not a check."
                )
        elif kind == "stated_direction":
            out["outside"] = f"stated: {link['target']}"
            out["verdict"], out["reading"] = _direction(link, group, by_id, scales, implied)
        elif kind in ("outside_series", "outside_whole", "same_event"):
            periods = link["periods"].split("/")
            points = [_outside_point(official_frame, link["target"], p, link["denominator"]) for p in periods]
            name, _, row, _ = points[0]
            out["source_url"] = "; ".join(sorted({p[2]["source_url"] for p in points}))
            if kind == "outside_series":
                (_, shown1, r1, v1), (_, shown2, r2, v2) = points
                years = _decimal_year(periods[1]) - _decimal_year(periods[0])
                rate = (_mid(v2) / _mid(v1)) ** (1 / years) - 1
                out["outside"] = f"{shown1} → {shown2}: {_pct(rate)} a year ({periods[0]} to {periods[1]})"
                out["reading"] = (
                    f"The report's figures imply {implied} in one year. {name}: {shown1} "
                    f"({periods[0]}) → {shown2} ({periods[1]}), {_pct(rate)} a year "
                    f"({r1['source_quality']}/{r2['source_quality']} sources). Another definition: "
                    "context, not a check."
                )
            elif kind == "outside_whole":
                _, shown, _, whole = points[0]
                later = by_id[first.claim_2026]
                # the printed figure, whatever its bound word (突破3.2亿 has no upper end)
                share = float(Fraction(later["value"]) * scales[later["unit"]]) / _mid(whole)
                out["outside"] = f"{share * 100:.0f} % of {shown} ({periods[0]})"
                out["reading"] = (
                    f"The report's {stated_text(later)} for 2026 ({later['paragraph']}) would be "
                    f"{share * 100:.0f} % of {name} at {periods[0]} ({shown}; {row['source_quality']} "
                    "source). Context: the whole grows too."
                )
            else:
                out["outside"] = f"one record: {points[0][1]} on {row['period']}"
                out["reading"] = (
                    f"The outside record has one event ({name}: {points[0][1]}); "
                    "the report's two figures retell it with two dates, so they are not a change "
                    "over a year."
                )
        else:
            out["reading"] = link["note"]
        rows.append(out)
    return pd.DataFrame(rows, columns=HELD_COLUMNS)


def held_summary(frame: pd.DataFrame, table: pd.DataFrame) -> dict:
    """How many trajectory facts could be held against anything, and how."""
    linked = frame[frame["link"] != "none"]
    return {
        "facts": table["fact_id"].nunique(),
        "linked": linked["fact_id"].nunique(),
        **{k: int(frame.loc[frame["link"] == k, "fact_id"].nunique()) for k in LINKS},
        "checked": int((frame["verdict"] != "context").sum()),
        "inconsistent": int((frame["verdict"] == "inconsistent").sum()),
    }


def trajectory_findings(
    claims: pd.DataFrame, official_frame: pd.DataFrame, scales: dict, links: list[dict] | None = None
) -> list:
    """A growth the report states for 2025 to 2026 against its own 2025 and 2026 levels, as findings of the
    ``growth`` check (only the same-window links are checks; the rest of ``held`` is context)."""
    links = load_links() if links is None else links
    same_window = [link for link in links if link["link"] in CHECKING_LINKS and link["periods"] == SAME_WINDOW]
    if not same_window:
        return []
    table = trajectories(claims)
    frame = held(table, same_window, claims, official_frame, scales)
    by_id = {r["claim_id"]: r for r in records(claims)}
    found = []
    for row in frame.to_dict("records"):
        pairs = table[table["fact_id"] == row["fact_id"]]
        stated = {row["against"]} if row["link"] == "growth_statement" else set()
        ids = sorted(set(pairs["claim_2025"]) | set(pairs["claim_2026"]) | stated, key=claim_sort_key)
        rows = [by_id[c] for c in ids]
        found.append(
            Finding(
                id=f"growth:{row['fact_id']}:{row['against']}",
                check="growth",
                severity="medium" if row["verdict"] == "inconsistent" else "info",
                paragraphs=paragraphs_of(rows),
                claims=ids,
                explanation=row["reading"],
                quotes=[r["span"] for r in rows],
                verdict=row["verdict"],
            )
        )
    return found
