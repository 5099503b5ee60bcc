"""What a chapter page shows, computed from data/ (the chapter notebooks only call these)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import findings, ledger, paths, source

CHAPTER_TITLES_EN = {
    1: "Project overview", 2: "State of the industry", 3: "Directions of operating-model innovation",
    4: "Innovation practice of typical platforms", 5: "Innovation challenges and risk responses",
    6: "Forecast of future trends", 7: "Implementation paths and strategy recommendations",
    8: "In-depth case studies", 9: "Challenges and countermeasures", 10: "Conclusions and industry initiatives",
}


def _compute_state():
    from . import gate

    data = gate.require_valid().ledger  # bad data stops the page with the gate's message
    return data, findings.build(data, include_consistent=True)


@lru_cache(maxsize=1)
def _state():
    from .memo import memo

    return memo("state", _compute_state)


def _chapter_of(key: str) -> int:
    return int(key.split(".")[0])


def title(chapter: int) -> str:
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    return f"{toc[0]['chapter_title']} ({CHAPTER_TITLES_EN[chapter]})"


def summary(chapter: int) -> dict:
    data, found = _state()
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    claims = data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]
    mine = [f for f in found if f.shown and any(_chapter_of(p) == chapter for p in f.paragraphs)]
    return {
        "slots": len(toc),
        "present": sum(t["status"] != "missing" for t in toc),
        "missing": sum(t["status"] == "missing" for t in toc),
        "truncated": sum(t["status"] == "truncated" for t in toc),
        "claims": len(claims),
        "by_kind": claims["kind"].value_counts().sort_index().to_dict(),
        "findings": len(mine),
        "by_severity": {s: sum(f.severity == s for f in mine) for s in findings.SEVERITIES},
    }


def claims_table(chapter: int) -> pd.DataFrame:
    data, _ = _state()
    claims = data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]
    return claims[["claim_id", "paragraph", "span", "gloss_en", "value", "unit", "bound", "period", "kind"]].reset_index(drop=True)


def findings_table(chapter: int, include_consistent: bool = False) -> pd.DataFrame:
    _, found = _state()
    rows = [{"severity": f.severity, "check": f.check, "verdict": f.verdict, "paragraphs": ", ".join(f.paragraphs),
             "claims": ", ".join(f.claims), "explanation": f.explanation}
            for f in found if any(_chapter_of(p) == chapter for p in f.paragraphs)
            and (include_consistent or f.shown)]
    return pd.DataFrame(rows, columns=["severity", "check", "verdict", "paragraphs", "claims", "explanation"])


def trust(chapter: int | None = None) -> pd.DataFrame:
    data, found = _state()
    table = findings.trust_table(data, found)
    return table if chapter is None else table[table["chapter"] == chapter].reset_index(drop=True)


def missing_table(chapter: int) -> pd.DataFrame:
    toc = pd.DataFrame(source.load_toc())
    toc = toc[toc["chapter"].astype(int) == chapter]
    return toc[["key", "section", "section_title", "status"]].reset_index(drop=True)


def register_table() -> pd.DataFrame:
    _, found = _state()
    return pd.DataFrame([{"id": f.id, "severity": f.severity, "check": f.check, "paragraphs": ", ".join(f.paragraphs),
                          "claims": ", ".join(f.claims), "explanation": f.explanation, "quotes": " / ".join(f.quotes)}
                         for f in found if f.shown])


def ledger_table() -> pd.DataFrame:
    data, _ = _state()
    return data.claims[["claim_id", "paragraph", "entity", "metric", "value", "unit", "bound", "period", "kind",
                        "span", "gloss_en"]]


def kinds_by_chapter() -> pd.DataFrame:
    data, _ = _state()
    c = data.claims.assign(chapter=data.claims["paragraph"].map(_chapter_of))
    table = c.groupby(["chapter", "kind"]).size().unstack(fill_value=0)
    table.columns.name = None
    return table.reset_index()


# --- forecasts -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _held():
    from . import forecast
    from .memo import memo

    data, _ = _state()
    return memo("held", lambda: forecast.held_against_report(data))


def forecasts_table(chapter: int) -> pd.DataFrame:
    """The chapter's 2026 figures (and mapped 2025 figures) held against the forecasts."""
    held = _held()
    held = held[held["paragraph"].map(_chapter_of) == chapter]
    return held[["claim_id", "span", "gloss_en", "report", "year", "series_id", "models", "forecast", "lo95", "hi95",
                 "verdict", "needed_growth_pct", "official_growth_pct", "basis_claim",
                 "report_implied_growth_pct"]].reset_index(drop=True)


def forecast_series(chapter: int) -> list[str]:
    """Official series that a claim of this chapter is held against (forecast map or official map)."""
    from . import forecast

    data, _ = _state()
    in_chapter = set(data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]["claim_id"])
    declared = {s.series_id for s, _ in forecast.series_runs()}
    return sorted({sid for cid, sid in forecast.claim_series_pairs() if cid in in_chapter and sid in declared})


def forecast_figure(chapter: int):
    """One panel per official series the chapter's figures are held against; None if there is none."""
    ids = forecast_series(chapter)
    return series_figure(ids) if ids else None


def series_figure(series_ids: list[str] | None = None):
    """Forecast panels for the given series (default: every declared series), with the report's points."""
    from . import forecast, plots

    data, _ = _state()
    ids = series_ids or [s.series_id for s, _ in forecast.series_runs()]
    return plots.forecast_grid([forecast.figure_data(s, data) for s in ids])


def forecast_overview() -> pd.DataFrame:
    from . import forecast

    return forecast.forecast_table()


def held_overview() -> pd.DataFrame:
    return _held()


def held_explained() -> pd.DataFrame:
    """The report's figures held against a series, each with its verdict explained in words."""
    held = _held()
    return held[held["explanation"] != ""][["claim_id", "report", "year", "series_id", "verdict",
                                             "explanation"]].reset_index(drop=True)


def forecast_calibration() -> pd.DataFrame:
    """How often the 80 % and 95 % intervals held the value, over every rolling-origin held-out official point."""
    from . import forecast

    return forecast.calibration()


def forecast_method() -> dict[str, str]:
    """The forecast method's constants and the calibration's totals, as text for a page's prose (glue)."""
    from . import forecast

    calib = forecast.calibration().set_index("model")
    total = calib.loc["all models"]
    out = {"fc_ratio": f"{forecast.ACCEPTABLE_MAPE_RATIO:g}", "fc_floor": f"{forecast.ACCEPTABLE_MAPE_FLOOR:g} %",
           "fc_horizon": str(forecast.MAX_BACKTEST_HORIZON), "fc_min_points": str(forecast.MIN_POINTS["linear"]),
           "fc_min_ets": str(forecast.MIN_POINTS["damped_ets"]), "fc_held_out": str(int(total["held_out"])),
           "fc_share80": f"{total['share80']:.0%}", "fc_share95": f"{total['share95']:.0%}"}
    for model in forecast.MODELS:
        if model in calib.index:
            out[f"fc_share95_{model}"] = f"{calib.loc[model, 'share95']:.0%}"
    return out


# --- restatements ----------------------------------------------------------------------------------
def restated_pairs(chapter: int) -> pd.DataFrame:
    """Each restatement finding that involves this chapter, as two values of one fact."""
    data, found = _state()
    by_id = {r["claim_id"]: r for r in data.claims.to_dict("records")}
    labels = _fact_labels()
    rows = []
    for f in found:
        if f.check != "restatement" or not any(_chapter_of(p) == chapter for p in f.paragraphs):
            continue
        a, b = (by_id[c] for c in f.claims)
        here, there = (a, b) if _chapter_of(a["paragraph"]) == chapter else (b, a)
        rows.append({"fact": labels.get(here["fact_id"], here["fact_id"]), "unit": here["unit"],
                     "here_claim": here["claim_id"], "here_value": float(here["value"]), "here_period": here["period"] or "no year",
                     "there_claim": there["claim_id"], "there_value": float(there["value"]), "there_unit": there["unit"],
                     "there_period": there["period"] or "no year", "severity": f.severity, "verdict": f.verdict})
    return pd.DataFrame(rows, columns=["fact", "unit", "here_claim", "here_value", "here_period", "there_claim",
                                       "there_value", "there_unit", "there_period", "severity", "verdict"])


@lru_cache(maxsize=1)
def _fact_labels() -> dict[str, str]:
    from . import facts

    table = facts.read_facts()
    return dict(zip(table["fact_id"], table["label_en"]))


# --- the fact layer -----------------------------------------------------------------------------------
def fact_summary() -> dict:
    from . import candidates, facts

    data, _ = _state()
    files = facts.load()
    per_fact = data.claims.groupby("fact_id")["paragraph"].nunique()
    return {"claims": len(data.claims), "facts": len(files.facts), "multi": int((per_fact > 1).sum()),
            "proposed": len(candidates.propose(data.claims, ledger.paragraph_texts())),
            "same": sum(d["decision"] == "same" for d in files.decisions),
            "different": sum(d["decision"] == "different" for d in files.decisions)}


def restated_facts_table() -> pd.DataFrame:
    """Facts with claims in two or more paragraphs: each claim as stated, in reading order."""
    data, _ = _state()
    labels = _fact_labels()
    claims = data.claims
    multi = claims.groupby("fact_id")["paragraph"].nunique()
    rows = claims[claims["fact_id"].isin(multi[multi > 1].index)]
    out = pd.DataFrame({
        "fact": rows["fact_id"].map(labels), "claim": rows["claim_id"], "quote": rows["span"],
        "as stated": [f"{r['bound'] if r['bound'] != '=' else ''}{r['value']}{r['unit']}" for r in rows.to_dict("records")],
        "period": rows["period"].replace("", "no year"), "period from": rows["period_basis"]})
    order = out["claim"].map(ledger.claim_sort_key)
    return out.assign(_o=order).sort_values(["fact", "_o"]).drop(columns="_o").reset_index(drop=True)


def decisions_table() -> pd.DataFrame:
    from . import facts

    files = facts.load()
    return pd.DataFrame(files.decisions)[["claim_a", "claim_b", "decision", "reason"]]
