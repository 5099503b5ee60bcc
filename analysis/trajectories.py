"""The report's own trajectories: for every fact it states for both 2025 and 2026, the one-year change it implies.

Only claims that state a value in one unit for each year (levels, shares,
counts, durations…; not growth rates, whose change of a change says little)
and whose period is stated or read from the sentence (``period_basis``). When a
fact has several claims for one year, every 2025-2026 pair is listed. Pure:
the ledger's claims in, a table out.
"""
from __future__ import annotations

import pandas as pd

#: kinds whose values can be compared across two years as a change of the same quantity
LEVEL_KINDS = ("level", "share", "count", "duration", "price", "score", "ratio", "other", "multiple")
COLUMNS = ["fact_id", "chapter_2025", "claim_2025", "value_2025", "claim_2026", "chapter_2026", "value_2026", "unit",
           "change_pct", "kind"]


def trajectories(claims: pd.DataFrame) -> pd.DataFrame:
    c = claims[claims["kind"].isin(LEVEL_KINDS) & claims["period"].isin(["2025", "2026"])
               & claims["period_basis"].isin(["stated", "sentence"]) & (claims["value"] != "")]
    rows = []
    for fact, group in sorted(c.groupby("fact_id"), key=lambda kv: kv[0]):
        early = group[group["period"] == "2025"].to_dict("records")
        late = group[group["period"] == "2026"].to_dict("records")
        for a in early:
            for b in late:
                if a["unit"] != b["unit"] or float(a["value"]) == 0:
                    continue
                rows.append({"fact_id": fact, "chapter_2025": int(a["paragraph"].split(".")[0]), "claim_2025": a["claim_id"],
                             "value_2025": float(a["value"]), "claim_2026": b["claim_id"],
                             "chapter_2026": int(b["paragraph"].split(".")[0]), "value_2026": float(b["value"]),
                             "unit": a["unit"], "change_pct": round((float(b["value"]) / float(a["value"]) - 1) * 100, 1),
                             "kind": a["kind"]})
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(table: pd.DataFrame) -> dict:
    return {"pairs": len(table), "facts": table["fact_id"].nunique(), "up": int((table["change_pct"] > 0).sum()),
            "down": int((table["change_pct"] < 0).sum()), "flat": int((table["change_pct"] == 0).sum()),
            "median_pct": float(table["change_pct"].median()) if len(table) else 0.0}
