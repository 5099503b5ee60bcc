"""The report's figures held against the forecasts.

The figures held are every claim dated 2026 plus the claims of
``claim_forecast_map.csv`` (2025 figures the official record found does not yet
cover). A figure is ``above`` or ``below`` only when it lies outside the 95 % interval
of **every** model that back-tests acceptably, on the same side; otherwise it is
``inside``, and the spread (lowest lower to highest upper bound of those models) is
shown. With no acceptable model, or a series of two points (compound growth, CAGR,
with no interval), the verdict is ``no model`` and only the growth the figure needs is
reported. A stated figure is an interval too (rounding and bound words, see
``intervals``), so ``inside`` means the two overlap.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from analysis import ledger
from analysis.base import intervals as iv
from analysis.base import numbers, paths
from analysis.checks.finding import Finding, stated_text
from analysis.forecast.backtest import ModelRun, envelope, preferred, series_runs
from analysis.forecast.models import MODELS, cagr
from analysis.forecast.series import (
    HORIZON_END,
    Series,
    claim_series_pairs,
    load_forecast_map,
)
from analysis.words import FORECAST_WORDS, MODEL_NAMES

#: a report figure against the family (ids; FORECAST_WORDS has their words)
VERDICTS = tuple(FORECAST_WORDS)


# --- held against the report ------------------------------------------------------------------------
def _interval_in(claim: dict, unit: str, scales: dict[str, Fraction]) -> iv.Interval:
    return iv.scale(iv.stated(claim["value"], claim["bound"]), scales[claim["unit"]] / scales[unit])


def _verdict(report: iv.Interval, lo: float, hi: float) -> str:
    band = iv.Interval(Fraction(lo), Fraction(hi))
    if report.overlaps(band):
        return "inside"
    return "above" if report.lo is not None and report.lo >= band.hi else "below"


def family_verdict(per_model: list[str]) -> str:
    """``above`` or ``below`` only when every acceptable model's 95 % interval says so; no model: ``no model``."""
    if not per_model:
        return "no model"
    if len(set(per_model)) == 1 and per_model[0] in ("above", "below"):
        return per_model[0]
    return "inside"


def report_targets(claims: pd.DataFrame, map_path=None) -> list[tuple[dict, str, str]]:
    """(claim, series_id or '', note): every 2026 claim with a value, plus the mapped claims."""
    map_path = paths.FORECAST_MAP if map_path is None else map_path
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    mapped = {}
    for i, m in enumerate(load_forecast_map(map_path), start=2):
        if m["claim_id"] not in by_id:
            raise ledger.LedgerError(f"{map_path}, row {i} ({m['claim_id']}), field claim_id: not in claims.csv")
        mapped[m["claim_id"]] = (m["series_id"], m["note"])
    ids = set(mapped) | {c for c, r in by_id.items() if numbers.year_of(r["period"]) == HORIZON_END and r["value"]}
    ordered = sorted(ids, key=ledger.claim_sort_key)
    return [(by_id[c], *mapped.get(c, ("", ""))) for c in ordered]


def report_basis(claims: pd.DataFrame, claim: dict) -> dict | None:
    """The report's own earlier figure of the same fact, kind and unit (latest dated year), if any."""
    year = numbers.year_of(claim["period"])
    same = claims[
        (claims["fact_id"] == claim["fact_id"])
        & (claims["kind"] == claim["kind"])
        & (claims["unit"] == claim["unit"])
        & (claims["value"] != "")
    ]
    earlier = [
        r
        for r in same.to_dict("records")
        if numbers.year_of(r["period"]) is not None and numbers.year_of(r["period"]) < year
    ]
    if not earlier:
        return None
    return max(earlier, key=lambda r: (numbers.year_of(r["period"]), r["claim_id"]))


def model_bands(runs: list[ModelRun], year: int) -> list[dict]:
    """Each acceptable model's forecast and intervals for ``year`` (models in family order)."""
    out = []
    for run in runs:
        if not run.acceptable or run.path.empty or year not in set(run.path["year"]):
            continue
        point = run.path[run.path["year"] == year].iloc[0]
        out.append(
            {
                "model": run.model,
                "mape": run.shared_mape,
                **{k: float(point[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")},
            }
        )
    return out


def judge(runs: list[ModelRun], year: int, report: iv.Interval) -> tuple[str, list[dict]]:
    """The family's verdict on a report figure (an interval in the series' unit) for ``year``, and each acceptable
    model's band with its own verdict."""
    bands = model_bands(runs, year)
    for band in bands:
        band["verdict"] = _verdict(report, band["lo95"], band["hi95"])
    return family_verdict([b["verdict"] for b in bands]), bands


def _num(x: float, unit: str) -> str:
    return f"{x:.4g}{unit}"


def _pct(x: float) -> str:
    return f"{x:.1f}%"


def explain(row: dict, unit: str, bands: list[dict], dropped: list[ModelRun]) -> str:
    """The held row in plain words: the growth the figure needs, recent official growth, and the verdict."""
    y0, y1 = row["official_growth_years"]
    when = f"in {y1}" if y1 - y0 == 1 else f"a year from {y0} to {y1}"
    words = (
        f"The report's {row['report']} for {row['year']} ({row['paragraph']}) needs growth of "
        f"{_pct(row['needed_growth_pct'])} a year from the last official figure, {row['last_official']} "
        f"({row['series']}); official growth was {_pct(row['official_growth_pct'])} {when}."
    )
    if row["model"] == "cagr":
        return (
            words + " The series has two official points only: they give a growth rate but no interval, "
            "so the figure is not judged."
        )
    if not bands:
        return words + " No model back-tests acceptably on this series, so the figure is not judged."
    count = {
        1: "One model back-tests",
        2: "Two models back-test",
        3: "Three models back-test",
        4: "Four models back-test",
    }[len(bands)]
    each = ", ".join(
        f"{MODEL_NAMES[b['model']]} {b['lo95']:.4g} to {b['hi95']:.4g} (figure {FORECAST_WORDS[b['verdict']]})"
        for b in bands
    )
    words += f" {count} acceptably; their 95% intervals span {row['lo95']:.4g} to {_num(row['hi95'], unit)}: {each}."
    if row["verdict"] == "inside":
        words += f" {FORECAST_WORDS['inside'].capitalize()}: at least one of them admits the figure, so the forecasts do not rule it out."
    else:
        words += f" {FORECAST_WORDS[row['verdict']].capitalize()}: every one of them puts the figure out of its range."
    if dropped:
        words += (
            " Left out, with a back-test error more than twice the best: "
            + ", ".join(
                f"{MODEL_NAMES[r.model]} (MAPE {_pct(r.shared_mape)})"
                if r.shared_mape is not None
                else f"{MODEL_NAMES[r.model]} (too short to back-test)"
                for r in dropped
            )
            + "."
        )
    return words


HELD_COLUMNS = [
    "claim_id",
    "paragraph",
    "span",
    "gloss_en",
    "report",
    "year",
    "series_id",
    "series",
    "fit_years",
    "model",
    "forecast",
    "lo80",
    "hi80",
    "lo95",
    "hi95",
    "verdict",
    "models",
    "model_verdicts",
    "last_official",
    "needed_growth_pct",
    "official_growth_pct",
    "basis_claim",
    "report_implied_growth_pct",
    "explanation",
    "note",
]


def held_against_report(data: ledger.Ledger | None = None) -> pd.DataFrame:
    """One row per report figure: the family's verdict, the spread of the acceptable models' 95 % intervals
    (``lo95``, ``hi95``; ``forecast`` and ``model``: the preferred model's point), the growth it needs."""
    data = data or ledger.load_valid()
    scales = ledger.exact_unit_scales(data.units)
    runs_by_series = {s.series_id: (s, runs) for s, runs in series_runs()}
    rows = []
    for claim, series_id, note in report_targets(data.claims):
        year = numbers.year_of(claim["period"])
        row = {
            "claim_id": claim["claim_id"],
            "paragraph": claim["paragraph"],
            "span": claim["span"],
            "gloss_en": claim["gloss_en"],
            "report": stated_text(claim),
            "year": year,
            "series_id": series_id,
            "series": "",
            "fit_years": "",
            "model": "",
            "forecast": None,
            "lo80": None,
            "hi80": None,
            "lo95": None,
            "hi95": None,
            "verdict": "no model",
            "models": "",
            "model_verdicts": "",
            "last_official": "",
            "needed_growth_pct": None,
            "official_growth_pct": None,
            "basis_claim": "",
            "report_implied_growth_pct": None,
            "explanation": "",
            "note": note,
        }
        basis = report_basis(data.claims, claim) if claim["kind"] in ("level", "share", "count") else None
        if basis is not None and claim["bound"] in ("=", "~", ">", ">=") and basis["bound"] in ("=", "~", ">", ">="):
            span = year - numbers.year_of(basis["period"])
            row["basis_claim"] = basis["claim_id"]
            row["report_implied_growth_pct"] = round(cagr(float(basis["value"]), float(claim["value"]), span) * 100, 2)
        if series_id:
            row.update(_held_on_series(claim, year, *runs_by_series[series_id], scales))
        rows.append(row)
    return pd.DataFrame(rows, columns=HELD_COLUMNS)


def _held_on_series(claim: dict, year: int, series: Series, runs: list[ModelRun], scales) -> dict:
    best = preferred(runs)
    out = {
        "model": best.model,
        "series": series.label_en,
        "fit_years": f"{best.fit_years[0]}-{best.fit_years[-1]}" if best.fit_years else "",
    }
    if best.model == "no model" or year not in set(best.path["year"]):
        return out
    report = _interval_in(claim, series.unit, scales)
    report_mid = float(Fraction(claim["value"]) * scales[claim["unit"]] / scales[series.unit])
    out["last_official"] = f"{_num(series.values[-1], series.unit)} in {series.last_year}"
    out["needed_growth_pct"] = round(cagr(series.values[-1], report_mid, year - series.last_year) * 100, 2)
    y0, y1 = series.years[-2], series.years[-1]
    out["official_growth_pct"] = round(cagr(series.values[-2], series.values[-1], y1 - y0) * 100, 2)
    point = best.path[best.path["year"] == year].iloc[0]
    out["forecast"] = round(float(point["mean"]), 4)
    verdict, bands = judge(runs, year, report)
    if bands:
        out.update(
            lo80=round(min(b["lo80"] for b in bands), 4),
            hi80=round(max(b["hi80"] for b in bands), 4),
            lo95=round(min(b["lo95"] for b in bands), 4),
            hi95=round(max(b["hi95"] for b in bands), 4),
            models=", ".join(b["model"] for b in bands),
            model_verdicts="; ".join(f"{b['model']} {b['verdict']}" for b in bands),
        )
    out["verdict"] = verdict
    dropped = [r for r in runs if not r.acceptable and r.model in MODELS]
    words = {
        **out,
        "report": stated_text(claim),
        "year": year,
        "paragraph": claim["paragraph"],
        "official_growth_years": (y0, y1),
    }
    out["explanation"] = explain(words, series.unit, bands, dropped)
    return out


def forecast_findings(data: ledger.Ledger | None = None):
    """A report figure outside the 95 % interval of every acceptable model is a ``medium`` finding; inside is kept
    as consistent; a figure held against a series with no acceptable model (or two points) as computed."""
    found = []
    for row in held_against_report(data).to_dict("records"):
        if not row["explanation"]:
            continue
        outside = row["verdict"] in ("above", "below")
        verdict = "inconsistent" if outside else "consistent" if row["verdict"] == "inside" else "computed"
        found.append(
            Finding(
                id=f"forecast:{row['claim_id']}:{row['series_id']}",
                check="forecast",
                severity="medium" if outside else "info",
                paragraphs=[row["paragraph"]],
                claims=[row["claim_id"]],
                explanation=row["explanation"],
                quotes=[row["span"]],
                verdict=verdict,
                extra={"fit_years": row["fit_years"] or ""},
            )
        )
    return found


def figure_data(series_id: str, data: ledger.Ledger | None = None) -> dict:
    """What the forecast figure draws: official history, each model's path, the acceptable models' envelope,
    the report's points for the series."""
    data = data or ledger.load_valid()
    scales = ledger.exact_unit_scales(data.units)
    series, runs = {s.series_id: (s, r) for s, r in series_runs()}[series_id]
    history = pd.DataFrame({"year": series.years, "value": series.values, "quality": series.qualities})
    mapped = [claim_id for claim_id, sid in claim_series_pairs() if sid == series_id]
    by_id = {r["claim_id"]: r for r in data.claims.to_dict("records")}
    points = []
    for claim_id in sorted(set(mapped)):
        claim = by_id[claim_id]
        if numbers.year_of(claim["period"]) is None:
            continue
        value = float(Fraction(claim["value"]) * scales[claim["unit"]] / scales[series.unit])
        points.append(
            {
                "claim_id": claim_id,
                "year": numbers.year_of(claim["period"]),
                "value": value,
                "bound": claim["bound"],
                "label": f"{claim['span']} ({claim['paragraph']})",
            }
        )
    return {
        "series": series,
        "runs": runs,
        "preferred": preferred(runs),
        "envelope": envelope(runs),
        "history": history,
        "report": pd.DataFrame(points, columns=["claim_id", "year", "value", "bound", "label"]),
    }
