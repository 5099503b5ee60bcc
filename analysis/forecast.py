"""Forecasts to 2026 from official series, held against the report's own figures.

Per official annual series (``data/reference/forecast_series.csv``):

- a **linear trend** (OLS of the value on the year), with the regression's
  prediction intervals; it tolerates gaps in the record;
- **additive-trend exponential smoothing** (ETS(A,A,N), or ETS(A,Ad,N) with a
  damped trend when the run is long enough to estimate the damping), with
  analytic prediction intervals; it needs consecutive years, so it uses the
  longest run of consecutive years that ends at the last observation;
- a **back-test** of each model: refit without the last two years and score
  the forecast of those two years by MAPE;
- a series of exactly two points gets **compound-growth (CAGR)
  extrapolation**, a point with no interval; shorter series get ``no model``.

The report's figures to hold against them are every claim dated 2026 plus
the claims of ``claim_forecast_map.csv`` (2025 figures the official record
found does not yet cover). Each gets a verdict against the 95 % interval of
the preferred model (the lower back-test MAPE): ``inside``, ``above``,
``below``, or ``no model``. A stated figure is an interval too (rounding and
bound words, see ``intervals``), so ``inside`` means the two overlap.

statsmodels is imported inside the fitting functions: ``python -m analysis
check`` never pays for it.
"""
from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pandas as pd

from . import intervals as iv
from . import ledger, official, paths
from .finding import Finding, stated_text

HORIZON_END = 2026
#: a line has two parameters; two more points leave two degrees of freedom for its error
MIN_LINEAR_POINTS = 4
#: ETS(A,A,N) estimates level, trend, two smoothing weights and the error variance
MIN_ETS_POINTS = 6
#: the damping weight is not identifiable from fewer consecutive years
MIN_DAMPED_POINTS = 10
BACKTEST_HOLDOUT = 2
LEVELS = (80, 95)  # prediction-interval coverage, percent
FORECAST_SERIES_COLUMNS = ["series_id", "periods", "display_unit", "label_en", "label_zh", "note"]
FORECAST_MAP_COLUMNS = ["claim_id", "series_id", "note"]
PERIOD_PATTERNS = {"annual": re.compile(r"^(\d{4})$"), "year_end": re.compile(r"^(\d{4})-12$")}
VERDICTS = ("inside", "above", "below", "no model")


# --- the official series ------------------------------------------------------------------------
@dataclass(frozen=True)
class Series:
    series_id: str
    label_en: str
    label_zh: str
    unit: str  # a unit of data/units.csv, e.g. 万亿元
    note: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    qualities: tuple[str, ...]
    urls: tuple[str, ...]

    @property
    def last_year(self) -> int:
        return self.years[-1]


def load_forecast_map(path=paths.FORECAST_MAP) -> list[dict]:
    return ledger.read_rows(path, FORECAST_MAP_COLUMNS)


def claim_series_pairs() -> list[tuple[str, str]]:
    """(claim_id, series_id) of every claim held against a series: forecast map, then official map."""
    return [(m["claim_id"], m["series_id"]) for m in load_forecast_map() + official.load_map()]


def _unit_scales() -> dict[str, Fraction]:
    return ledger.exact_unit_scales(ledger.read_table(paths.UNITS, ledger.UNIT_COLUMNS))


def load_series(spec_path=paths.FORECAST_SERIES, stats_path=paths.OFFICIAL_STATS) -> list[Series]:
    """Each declared series: one value per year (the best-graded row), in its display unit."""
    stats = official.load_official(stats_path)
    scales = _unit_scales()
    out = []
    for i, spec in enumerate(ledger.read_rows(spec_path, FORECAST_SERIES_COLUMNS), start=2):
        where = f"{spec_path}, row {i} ({spec['series_id']})"
        if spec["periods"] not in PERIOD_PATTERNS:
            raise ledger.LedgerError(f"{where}, field periods: unknown {spec['periods']!r}")
        if spec["display_unit"] not in scales:
            raise ledger.LedgerError(f"{where}, field display_unit: {spec['display_unit']!r} is not in {paths.UNITS.name}")
        rows = stats[stats["series_id"] == spec["series_id"]]
        if rows.empty:
            raise ledger.LedgerError(f"{where}, field series_id: no rows in {stats_path.name}")
        points = []
        for period in sorted(set(rows["period"])):
            m = PERIOD_PATTERNS[spec["periods"]].match(period)
            best = official.official_row(stats, spec["series_id"], period) if m else None
            if best is None or best["value"].startswith(">"):  # a bound is not a point to fit
                continue
            base_unit, k = official.OFFICIAL_SCALE[best["unit"]]
            value = Fraction(best["value"]) * k / scales[spec["display_unit"]]
            points.append((int(m.group(1)), float(value), best["source_quality"], best["source_url"]))
        points.sort()
        out.append(Series(spec["series_id"], spec["label_en"], spec["label_zh"], spec["display_unit"], spec["note"],
                          *(tuple(col) for col in zip(*points)) if points else ((), (), (), ())))
    return out


def consecutive_tail(years, values) -> tuple[list[int], list[float]]:
    """The longest run of consecutive years ending at the last observation."""
    years, values = list(years), list(values)
    start = len(years) - 1
    while start > 0 and years[start - 1] == years[start] - 1:
        start -= 1
    return years[start:], values[start:]


# --- models ------------------------------------------------------------------------------------------
def _interval_columns(frame_for_alpha) -> dict:
    cols = {}
    for level in LEVELS:
        lo, hi = frame_for_alpha(1 - level / 100)
        cols[f"lo{level}"], cols[f"hi{level}"] = lo, hi
    return cols


def linear_trend(years, values, target_years) -> tuple[pd.DataFrame, np.ndarray]:
    """OLS of value on year: (forecast table for target_years, fitted values)."""
    import statsmodels.api as sm

    x = sm.add_constant(np.asarray(years, dtype=float))
    fit = sm.OLS(np.asarray(values, dtype=float), x).fit()
    new_x = sm.add_constant(np.asarray(target_years, dtype=float), has_constant="add")
    pred = fit.get_prediction(new_x)
    table = pd.DataFrame({"year": list(target_years), "mean": pred.predicted_mean})

    def bounds(alpha):
        frame = pred.summary_frame(alpha=alpha)
        return frame["obs_ci_lower"].to_numpy(), frame["obs_ci_upper"].to_numpy()

    for k, v in _interval_columns(bounds).items():
        table[k] = v
    return table, fit.fittedvalues


def ets_trend(years, values, target_years, damped: bool) -> tuple[pd.DataFrame, np.ndarray]:
    """ETS with additive error and trend on consecutive years; target_years must follow them."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    years = list(years)
    if years != list(range(years[0], years[-1] + 1)):
        raise ValueError("ETS needs consecutive years")
    steps = [y - years[-1] for y in target_years]
    if min(steps) < 1:
        raise ValueError("ETS forecasts only years after the last observation")
    # A dated index: statsmodels labels its predictions from it (and warns without one).
    index = pd.period_range(start=str(years[0]), periods=len(years), freq="Y")
    model = ETSModel(pd.Series(np.asarray(values, dtype=float), index=index), error="add", trend="add",
                     damped_trend=damped)
    fit = model.fit(disp=False)
    n = len(years)
    pred = fit.get_prediction(start=n, end=n + max(steps) - 1)

    def bounds(alpha):
        frame = pred.summary_frame(alpha=alpha)
        return frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy()

    table = pd.DataFrame({"year": list(range(years[-1] + 1, years[-1] + max(steps) + 1)),
                          "mean": pred.summary_frame(alpha=0.05)["mean"].to_numpy()})
    for k, v in _interval_columns(bounds).items():
        table[k] = v
    return table[table["year"].isin(target_years)].reset_index(drop=True), fit.fittedvalues.to_numpy()


def cagr(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate as a fraction (0.35 = 35 %)."""
    if start_value <= 0 or end_value <= 0 or years <= 0:
        raise ValueError("CAGR needs two positive values and a positive span")
    return (end_value / start_value) ** (1 / years) - 1


def extrapolate_cagr(start_year: int, start_value: float, end_year: int, end_value: float, year: int) -> float:
    """Carry the growth from start to end on to ``year``."""
    rate = cagr(start_value, end_value, end_year - start_year)
    return end_value * (1 + rate) ** (year - end_year)


def mape(actual, predicted) -> float:
    actual, predicted = np.asarray(actual, dtype=float), np.asarray(predicted, dtype=float)
    return float(np.mean(np.abs((actual - predicted) / actual)) * 100)


@dataclass
class ModelRun:
    series_id: str
    model: str  # "linear trend", "ETS(A,A,N)", "ETS(A,Ad,N)", "CAGR", "no model"
    fit_years: tuple[int, ...]
    path: pd.DataFrame  # year, mean, lo80, hi80, lo95, hi95 (intervals NaN for CAGR)
    fitted: tuple[float, ...] = ()
    backtest_mape: float | None = None
    note: str = ""


def _fit(model: str, years, values, target_years):
    if model == "linear trend":
        return linear_trend(years, values, target_years)
    return ets_trend(years, values, target_years, damped=model == "ETS(A,Ad,N)")


def _min_points(model: str) -> int:
    """Fewest training points for a back-test: the damped model is scored once it can be fitted at all."""
    return MIN_LINEAR_POINTS if model == "linear trend" else MIN_ETS_POINTS


def backtest(model: str, years, values, holdout: int = BACKTEST_HOLDOUT) -> float | None:
    """MAPE of the model refitted without the last ``holdout`` points; None if too short."""
    years, values = list(years), list(values)
    if len(years) - holdout < _min_points(model):
        return None
    train_y, train_v = years[:-holdout], values[:-holdout]
    table, _ = _fit(model, train_y, train_v, years[-holdout:])
    return mape(values[-holdout:], table["mean"])


def run_models(series: Series, end: int = HORIZON_END) -> list[ModelRun]:
    """Every model the series supports, forecasting each year after its last observation through ``end``."""
    target = list(range(series.last_year + 1, end + 1)) if series.years else []
    n = len(series.years)
    if n < 2 or not target:
        why = "fewer than two points" if n < 2 else "the record already reaches the horizon"
        return [ModelRun(series.series_id, "no model", series.years, pd.DataFrame(), note=why)]
    if n == 2:
        (y0, y1), (v0, v1) = series.years, series.values
        rate = cagr(v0, v1, y1 - y0)
        path = pd.DataFrame({"year": target, "mean": [extrapolate_cagr(y0, v0, y1, v1, y) for y in target]})
        for level in LEVELS:
            path[f"lo{level}"] = path[f"hi{level}"] = math.nan
        return [ModelRun(series.series_id, "CAGR", series.years, path,
                         note=f"{rate:.1%} a year from {y0} to {y1}, carried on; two points give no interval worth the name")]
    runs = []
    tail_years, tail_values = consecutive_tail(series.years, series.values)
    if n >= MIN_LINEAR_POINTS:
        path, fitted = _fit("linear trend", series.years, series.values, target)
        runs.append(ModelRun(series.series_id, "linear trend", series.years, path, tuple(fitted),
                             backtest("linear trend", series.years, series.values),
                             note="gaps in the record are allowed" if len(tail_years) < n else ""))
    if len(tail_years) >= MIN_ETS_POINTS:
        model = "ETS(A,Ad,N)" if len(tail_years) >= MIN_DAMPED_POINTS else "ETS(A,A,N)"
        path, fitted = _fit(model, tail_years, tail_values, target)
        runs.append(ModelRun(series.series_id, model, tuple(tail_years), path, tuple(fitted),
                             backtest(model, tail_years, tail_values),
                             note=f"consecutive years {tail_years[0]}-{tail_years[-1]}"))
    if not runs:
        runs.append(ModelRun(series.series_id, "no model", series.years, pd.DataFrame(),
                             note=f"{n} points (a linear trend needs {MIN_LINEAR_POINTS})"))
    return runs


def preferred(runs: list[ModelRun]) -> ModelRun:
    """The run with the lowest back-test MAPE; a run without a back-test ranks last; ties keep the listed order."""
    return min(runs, key=lambda r: (r.backtest_mape is None, r.backtest_mape or 0.0))


@lru_cache(maxsize=1)
def _all_runs() -> tuple[tuple[Series, tuple[ModelRun, ...]], ...]:
    from .memo import memo

    return memo("forecast_runs", lambda: tuple((s, tuple(run_models(s))) for s in load_series()))


def series_runs() -> list[tuple[Series, list[ModelRun]]]:
    """Every declared series with its model runs (computed once per process)."""
    return [(s, list(runs)) for s, runs in _all_runs()]


def forecast_table() -> pd.DataFrame:
    """One row per series, model and forecast year."""
    rows = []
    for series, runs in series_runs():
        best = preferred(runs)
        for run in runs:
            base = {"series_id": series.series_id, "series": series.label_en, "unit": series.unit,
                    "last_official": f"{series.values[-1]:.4g} ({series.last_year})" if series.years else "",
                    "model": run.model, "fit_years": f"{run.fit_years[0]}-{run.fit_years[-1]}" if run.fit_years else "",
                    "points": len(run.fit_years), "preferred": run is best and run.model != "no model",
                    "backtest_mape": None if run.backtest_mape is None else round(run.backtest_mape, 2),
                    "note": run.note}
            if run.path.empty:
                rows.append({**base, "year": None})
                continue
            for rec in run.path.to_dict("records"):
                rows.append({**base, "year": int(rec["year"]),
                             **{k: None if math.isnan(rec[k]) else round(float(rec[k]), 4)
                                for k in ("mean", "lo80", "hi80", "lo95", "hi95")}})
    cols = ["series_id", "series", "unit", "last_official", "model", "fit_years", "points", "year", "mean",
            "lo80", "hi80", "lo95", "hi95", "backtest_mape", "preferred", "note"]
    return pd.DataFrame(rows).reindex(columns=cols)


# --- held against the report ------------------------------------------------------------------------
def _year(period: str) -> int | None:
    return int(period) if re.fullmatch(r"\d{4}", period or "") else None


def _interval_in(claim: dict, unit: str, scales: dict[str, Fraction]) -> iv.Interval:
    return iv.scale(iv.stated(claim["value"], claim["bound"]), scales[claim["unit"]] / scales[unit])


def _verdict(report: iv.Interval, lo: float, hi: float) -> str:
    band = iv.Interval(Fraction(lo), Fraction(hi))
    if report.overlaps(band):
        return "inside"
    return "above" if report.lo is not None and report.lo >= band.hi else "below"


def report_targets(claims: pd.DataFrame, map_path=paths.FORECAST_MAP) -> list[tuple[dict, str, str]]:
    """(claim, series_id or '', note): every 2026 claim with a value, plus the mapped claims."""
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    mapped = {}
    for i, m in enumerate(load_forecast_map(map_path), start=2):
        if m["claim_id"] not in by_id:
            raise ledger.LedgerError(f"{map_path}, row {i} ({m['claim_id']}), field claim_id: not in claims.csv")
        mapped[m["claim_id"]] = (m["series_id"], m["note"])
    ids = set(mapped) | {c for c, r in by_id.items() if _year(r["period"]) == HORIZON_END and r["value"]}
    ordered = sorted(ids, key=ledger.claim_sort_key)
    return [(by_id[c], *mapped.get(c, ("", ""))) for c in ordered]


def report_basis(claims: pd.DataFrame, claim: dict) -> dict | None:
    """The report's own earlier figure of the same fact, kind and unit (latest dated year), if any."""
    year = _year(claim["period"])
    same = claims[(claims["fact_id"] == claim["fact_id"]) & (claims["kind"] == claim["kind"])
                  & (claims["unit"] == claim["unit"]) & (claims["value"] != "")]
    earlier = [r for r in same.to_dict("records") if _year(r["period"]) is not None and _year(r["period"]) < year]
    if not earlier:
        return None
    return max(earlier, key=lambda r: (_year(r["period"]), r["claim_id"]))


def held_against_report(data: ledger.Ledger | None = None) -> pd.DataFrame:
    """One row per report figure: the forecast for its year, the 95 % band, the verdict and the growth it needs."""
    data = data or ledger.load_valid()
    scales = ledger.exact_unit_scales(data.units)
    runs_by_series = {s.series_id: (s, runs) for s, runs in series_runs()}
    rows = []
    for claim, series_id, note in report_targets(data.claims):
        year = _year(claim["period"])
        row = {"claim_id": claim["claim_id"], "paragraph": claim["paragraph"], "span": claim["span"],
               "gloss_en": claim["gloss_en"], "report": stated_text(claim), "year": year, "series_id": series_id,
               "series": "", "fit_years": "", "model": "", "forecast": None, "lo80": None, "hi80": None, "lo95": None, "hi95": None,
               "verdict": "no model", "needed_growth_pct": None, "official_growth_pct": None,
               "basis_claim": "", "report_implied_growth_pct": None, "note": note}
        basis = report_basis(data.claims, claim) if claim["kind"] in ("level", "share", "count") else None
        if basis is not None and claim["bound"] in ("=", "~", ">", ">=") and basis["bound"] in ("=", "~", ">", ">="):
            span = year - _year(basis["period"])
            row["basis_claim"] = basis["claim_id"]
            row["report_implied_growth_pct"] = round(cagr(float(basis["value"]), float(claim["value"]), span) * 100, 2)
        if series_id:
            series, runs = runs_by_series[series_id]
            best = preferred(runs)
            row.update(model=best.model, series=series.label_en,
                       fit_years=f"{best.fit_years[0]}-{best.fit_years[-1]}" if best.fit_years else "")
            if best.model != "no model" and year in set(best.path["year"]):
                point = best.path[best.path["year"] == year].iloc[0]
                report = _interval_in(claim, series.unit, scales)
                row.update(forecast=round(float(point["mean"]), 4))
                if best.model != "CAGR":
                    row.update({k: round(float(point[k]), 4) for k in ("lo80", "hi80", "lo95", "hi95")})
                    row["verdict"] = _verdict(report, float(point["lo95"]), float(point["hi95"]))
                report_mid = float(Fraction(claim["value"]) * scales[claim["unit"]] / scales[series.unit])
                gap = year - series.last_year
                row["needed_growth_pct"] = round(cagr(series.values[-1], report_mid, gap) * 100, 2)
                if len(series.years) >= 2:
                    row["official_growth_pct"] = round(cagr(series.values[-2], series.values[-1],
                                                            series.years[-1] - series.years[-2]) * 100, 2)
        rows.append(row)
    return pd.DataFrame(rows)


def forecast_findings(data: ledger.Ledger | None = None):
    """A report figure outside the preferred model's 95 % band is a ``medium`` finding; inside is kept as consistent."""
    found = []
    for row in held_against_report(data).to_dict("records"):
        if row["verdict"] == "no model":
            continue
        outside = row["verdict"] != "inside"
        text = (f"The report gives {row['report']} for {row['year']} ({row['paragraph']}); a {row['model']} fitted to "
                f"{row['series']} ({row['series_id']}, official years {row['fit_years']}) gives {row['forecast']:.4g} (95% interval {row['lo95']:.4g} to {row['hi95']:.4g}), "
                f"so the report's figure is {row['verdict']} that interval. Reaching it needs {row['needed_growth_pct']:.1f}% "
                f"a year from the last official value, against {row['official_growth_pct']:.1f}% in the latest official year.")
        found.append(Finding(id=f"forecast:{row['claim_id']}:{row['series_id']}", check="forecast",
                             severity="medium" if outside else "info", paragraphs=[row["paragraph"]],
                             claims=[row["claim_id"]], explanation=text, quotes=[row["span"]],
                             verdict="inconsistent" if outside else "consistent"))
    return found


# --- output ---------------------------------------------------------------------------------------------
def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def render(fmt: str, data: ledger.Ledger | None = None) -> str:
    """The forecasts and the report held against them, deterministically."""
    forecasts, held = forecast_table(), held_against_report(data)
    if fmt == "json":
        return json.dumps({"forecasts": _records(forecasts), "held_against_report": _records(held)},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        out.write("# forecasts\n")
        forecasts.to_csv(out, index=False, lineterminator="\n")
        out.write("# held_against_report\n")
        held.to_csv(out, index=False, lineterminator="\n")
        return out.getvalue()
    if fmt == "md":
        counts = held["verdict"].value_counts()
        lines = ["# Forecasts to 2026", "",
                 "Official series forecast with a linear trend and additive-trend exponential smoothing (statsmodels); "
                 "95% and 80% prediction intervals; back-test: refit without the last two years, MAPE of those two.", "",
                 _markdown(forecasts[forecasts["year"].notna()][["series_id", "model", "fit_years", "year", "mean",
                                                                  "lo95", "hi95", "backtest_mape", "preferred"]]), "",
                 "## The report held against the forecasts", "",
                 ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS) + ".", "",
                 _markdown(held[["claim_id", "report", "year", "series_id", "model", "forecast", "lo95", "hi95",
                                 "verdict", "needed_growth_pct", "basis_claim", "report_implied_growth_pct"]]), ""]
        return "\n".join(lines)
    raise ValueError(f"unknown format {fmt!r}")


def _markdown(frame: pd.DataFrame) -> str:
    """A GitHub table without the optional tabulate dependency."""
    def cell(v):
        v = _clean(v)
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.4g}"
        return str(v).replace("|", "\\|")
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in rec) + " |" for rec in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


# --- figure data ----------------------------------------------------------------------------------------
def figure_data(series_id: str, data: ledger.Ledger | None = None) -> dict:
    """What the forecast figure draws: official history, each model's path, the report's points for the series."""
    data = data or ledger.load_valid()
    scales = ledger.exact_unit_scales(data.units)
    series, runs = {s.series_id: (s, r) for s, r in series_runs()}[series_id]
    history = pd.DataFrame({"year": series.years, "value": series.values, "quality": series.qualities})
    mapped = [claim_id for claim_id, sid in claim_series_pairs() if sid == series_id]
    by_id = {r["claim_id"]: r for r in data.claims.to_dict("records")}
    points = []
    for claim_id in sorted(set(mapped)):
        claim = by_id[claim_id]
        if _year(claim["period"]) is None:
            continue
        value = float(Fraction(claim["value"]) * scales[claim["unit"]] / scales[series.unit])
        points.append({"claim_id": claim_id, "year": _year(claim["period"]), "value": value,
                       "bound": claim["bound"], "label": f"{claim['span']} ({claim['paragraph']})"})
    return {"series": series, "runs": runs, "preferred": preferred(runs), "history": history,
            "report": pd.DataFrame(points, columns=["claim_id", "year", "value", "bound", "label"])}
