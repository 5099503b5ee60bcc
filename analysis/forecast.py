"""Forecasts to 2026 from official series, held against the report's own figures.

A verdict must not be a property of the model chosen, so every official annual
series (``data/reference/forecast_series.csv``) gets a small **family** of
defensible models, each with 80 % and 95 % prediction intervals:

- ``linear``: OLS of the value on the year (a constant yearly increase); it
  tolerates gaps in the record;
- ``log_linear``: OLS of the log value on the year (a constant growth rate),
  intervals transformed back; positive series only;
- ``damped_ets``: exponential smoothing with additive error and a damped
  additive trend, ETS(A,Ad,N) (growth that fades); it needs consecutive years,
  so it uses the longest run that ends at the last observation, and at least
  ``MIN_POINTS["damped_ets"]`` of them;
- ``drift``: a random walk with drift (the average yearly step carried on),
  with analytic intervals; gaps count as multi-year steps.

Each model is scored by a **rolling-origin back-test**: for every origin from
its minimum training length on, it is refitted on the points up to the origin
and forecasts the later official points up to ``MAX_BACKTEST_HORIZON`` years
ahead; each held-out point records the error and whether the 80 % and 95 %
intervals contained it (``calibration`` sums these up). A model **back-tests
acceptably** under ``acceptable`` (see ``ACCEPTABLE_MAPE_RATIO``).

The report's figures held against the series are every claim dated 2026 plus
the claims of ``claim_forecast_map.csv`` (2025 figures the official record
found does not yet cover). A figure is ``above`` or ``below`` only when it
lies outside the 95 % interval of **every** model that back-tests acceptably,
on the same side; otherwise it is ``inside``, and the spread (lowest lower to
highest upper bound of those models) is shown. With no acceptable model, or a
series of two points (compound growth, CAGR, with no interval), the verdict is
``no model`` and only the growth the figure needs is reported. A stated figure
is an interval too (rounding and bound words, see ``intervals``), so
``inside`` means the two overlap.

statsmodels and scipy are imported inside the fitting functions: ``python -m
analysis check`` never pays for them.
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
LEVELS = (80, 95)  # prediction-interval coverage, percent
#: the model family, in the order tables list it
MODELS = ("linear", "log_linear", "damped_ets", "drift")
#: each model in words, for readers
MODEL_NAMES = {"linear": "linear trend", "log_linear": "constant growth (log-linear trend)",
               "damped_ets": "damped-trend smoothing ETS(A,Ad,N)", "drift": "random walk with drift",
               "cagr": "compound growth of two points (CAGR)", "no model": "no model"}
#: fewest points a model is fitted to, in the final fit and at every back-test origin alike. A line (and a line
#: on logs) has two parameters, and two more points leave two degrees of freedom for its error; drift estimates
#: one mean step and the spread of the steps, and four points give three steps; ETS(A,Ad,N) estimates level,
#: trend, two smoothing weights, the damping weight and the error variance, and the damping weight is not
#: identifiable from fewer than ten consecutive years
MIN_POINTS = {"linear": 4, "log_linear": 4, "damped_ets": 10, "drift": 4}
#: how far ahead a back-test forecasts, in years: the longest distance between a series' last official year and
#: a report figure held against it (MOFCOM's record ends in 2022, the horizon is 2026)
MAX_BACKTEST_HORIZON = 4
#: A model back-tests acceptably when it was back-tested at all and its rolling-origin MAPE is at most this many
#: times the best model's of the same series, or at most ACCEPTABLE_MAPE_FLOOR. Twice the best error drops a
#: model that clearly fails on this series (a constant growth rate on a series whose growth halves) without
#: letting the single best model, on a few held-out points, decide alone; a verdict must hold for every model
#: that is not clearly worse.
ACCEPTABLE_MAPE_RATIO = 2.0
#: an error of a few percent is within the revisions between vintages of these statistics (see
#: data/reference/README.md, "Disagreements"): no model that good is dropped for being beaten by a better one
ACCEPTABLE_MAPE_FLOOR = 3.0
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


# --- models ------------------------------------------------------------------------------------------
# Each model is a pure function (years, values, target_years) -> DataFrame(year, mean, lo80, hi80, lo95, hi95).
def _interval_columns(frame_for_alpha) -> dict:
    cols = {}
    for level in LEVELS:
        lo, hi = frame_for_alpha(1 - level / 100)
        cols[f"lo{level}"], cols[f"hi{level}"] = lo, hi
    return cols


def linear_trend(years, values, target_years) -> pd.DataFrame:
    """OLS of value on year, with the regression's prediction intervals (gaps allowed).

    The textbook closed form (a test holds it to statsmodels' OLS): the back-tests refit it about a hundred
    times, and statsmodels' model objects cost more than the fit."""
    from scipy import stats

    x, y = np.asarray(years, dtype=float), np.asarray(values, dtype=float)
    n = len(x)
    if n < 3:
        raise ValueError("a linear trend with an interval needs at least three points")
    centre = x.mean()
    sxx = float(np.sum((x - centre) ** 2))
    slope = float(np.sum((x - centre) * (y - y.mean()))) / sxx
    intercept = y.mean()  # at the centre year
    resid = y - (intercept + slope * (x - centre))
    s2 = float(np.sum(resid ** 2)) / (n - 2)
    new_x = np.asarray(target_years, dtype=float)
    mean = intercept + slope * (new_x - centre)
    sd = np.sqrt(s2 * (1 + 1 / n + (new_x - centre) ** 2 / sxx))
    table = pd.DataFrame({"year": list(target_years), "mean": mean})

    def bounds(alpha):
        q = stats.t.ppf(1 - alpha / 2, n - 2)
        return mean - q * sd, mean + q * sd

    for k, v in _interval_columns(bounds).items():
        table[k] = v
    return table


def log_linear_trend(years, values, target_years) -> pd.DataFrame:
    """OLS of log value on year (a constant growth rate); mean and bounds transformed back (the mean is the median)."""
    values = np.asarray(values, dtype=float)
    if (values <= 0).any():
        raise ValueError("a log-linear trend needs positive values")
    table = linear_trend(years, np.log(values), target_years)
    for col in ("mean", *(f"{s}{level}" for level in LEVELS for s in ("lo", "hi"))):
        table[col] = np.exp(table[col])
    return table


def ets_trend(years, values, target_years, damped: bool = True) -> pd.DataFrame:
    """ETS with additive error and (damped) trend on consecutive years; target_years must follow them."""
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
    return table[table["year"].isin(target_years)].reset_index(drop=True)


def drift_forecast(years, values, target_years) -> pd.DataFrame:
    """Random walk with drift: the last value plus h times the mean yearly step.

    With consecutive years the h-step standard deviation is sigma*sqrt(h*(1+h/(n-1))), sigma the spread of the
    yearly steps about their mean. A gap of d years is one step of d years, with d times a yearly step's variance,
    so the mean step is (last - first)/span, the steps are standardised by sqrt(d) and n-1 becomes the span in
    years. Bounds use Student's t with one degree of freedom fewer than the number of steps.
    """
    from scipy import stats

    years, values = np.asarray(years, dtype=float), np.asarray(values, dtype=float)
    if len(years) < 3:
        raise ValueError("drift needs at least three points (two steps)")
    span = years[-1] - years[0]
    slope = (values[-1] - values[0]) / span
    gaps = np.diff(years)
    resid = (np.diff(values) - slope * gaps) / np.sqrt(gaps)
    df = len(resid) - 1
    sigma = math.sqrt(float(np.sum(resid ** 2)) / df)
    h = np.asarray(target_years, dtype=float) - years[-1]
    if (h < 1).any():
        raise ValueError("drift forecasts only years after the last observation")
    mean = values[-1] + slope * h
    sd = sigma * np.sqrt(h * (1 + h / span))
    table = pd.DataFrame({"year": list(target_years), "mean": mean})

    def bounds(alpha):
        q = stats.t.ppf(1 - alpha / 2, df)
        return mean - q * sd, mean + q * sd

    for k, v in _interval_columns(bounds).items():
        table[k] = v
    return table


FITTERS = {"linear": linear_trend, "log_linear": log_linear_trend, "damped_ets": ets_trend, "drift": drift_forecast}


def consecutive_tail(years, values) -> tuple[list[int], list[float]]:
    """The longest run of consecutive years ending at the last observation."""
    years, values = list(years), list(values)
    start = len(years) - 1
    while start > 0 and years[start - 1] == years[start] - 1:
        start -= 1
    return years[start:], values[start:]


def usable(model: str, years, values) -> tuple[list[int], list[float]]:
    """The points a model is fitted to: ETS the consecutive tail, a log-linear trend only a positive series."""
    if model == "damped_ets":
        return consecutive_tail(years, values)
    if model == "log_linear" and any(v <= 0 for v in values):
        return [], []
    return list(years), list(values)


def fit_path(model: str, years, values, target_years) -> pd.DataFrame | None:
    """The model's forecast of target_years from the points it can use; None if it has too few."""
    fy, fv = usable(model, years, values)
    if len(fy) < MIN_POINTS[model]:
        return None
    return FITTERS[model](fy, fv, list(target_years))


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


# --- rolling-origin back-test ---------------------------------------------------------------------------
BACKTEST_COLUMNS = ["origin", "year", "horizon", "actual", "mean", "lo80", "hi80", "lo95", "hi95", "in80", "in95"]


def rolling_origin(model: str, years, values, max_horizon: int = MAX_BACKTEST_HORIZON) -> pd.DataFrame:
    """Every held-out forecast: for each origin with enough points before it, refit on the points up to it and
    forecast each later point at most ``max_horizon`` years ahead; record whether the intervals contain it."""
    years, values = list(years), list(values)
    rows = []
    for k in range(1, len(years)):
        origin = years[k - 1]
        held = [(y, v) for y, v in zip(years[k:], values[k:]) if y - origin <= max_horizon]
        path = fit_path(model, years[:k], values[:k], [y for y, _ in held]) if held else None
        if path is None:
            continue
        for (year, actual), rec in zip(held, path.to_dict("records")):
            rows.append({"origin": origin, "year": year, "horizon": year - origin, "actual": actual,
                         **{c: float(rec[c]) for c in ("mean", "lo80", "hi80", "lo95", "hi95")},
                         "in80": bool(rec["lo80"] <= actual <= rec["hi80"]),
                         "in95": bool(rec["lo95"] <= actual <= rec["hi95"])})
    return pd.DataFrame(rows, columns=BACKTEST_COLUMNS)


@dataclass
class ModelRun:
    series_id: str
    model: str  # one of MODELS, "cagr" or "no model"
    fit_years: tuple[int, ...]
    path: pd.DataFrame  # year, mean, lo80, hi80, lo95, hi95 (intervals NaN for CAGR)
    backtest: pd.DataFrame | None = None  # rolling_origin's held-out forecasts
    backtest_mape: float | None = None  # over all of the model's held-out points
    shared_mape: float | None = None  # over the held-out points every back-tested model of the series forecast
    acceptable: bool = False
    note: str = ""

    @property
    def backtest_points(self) -> int:
        return 0 if self.backtest is None else len(self.backtest)


def shared_errors(tests: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Each back-tested model's MAPE on the held-out points (origin, year) that every back-tested model forecast.

    Models are compared on the same points: ETS, which needs ten consecutive years, is back-tested only from late
    origins, and the later years of a series are not as hard to forecast as the early ones."""
    tested = {m: t for m, t in tests.items() if not t.empty}
    if not tested:
        return {}
    keys = [set(zip(t["origin"], t["year"])) for t in tested.values()]
    common = set.intersection(*keys)
    out = {}
    for model, t in tested.items():
        part = t[[k in common for k in zip(t["origin"], t["year"])]] if common else t
        out[model] = mape(part["actual"], part["mean"])
    return out


def acceptable(errors: dict[str, float]) -> set[str]:
    """The models that back-test acceptably: back-tested, with a shared error at most ACCEPTABLE_MAPE_RATIO times
    the best, or at most ACCEPTABLE_MAPE_FLOOR."""
    if not errors:
        return set()
    limit = max(ACCEPTABLE_MAPE_RATIO * min(errors.values()), ACCEPTABLE_MAPE_FLOOR)
    return {m for m, e in errors.items() if e <= limit}


def run_models(series: Series, end: int = HORIZON_END) -> list[ModelRun]:
    """Every model of the family the series supports, forecasting each year after its last observation through
    ``end``, each with its rolling-origin back-test and whether it back-tests acceptably."""
    target = list(range(series.last_year + 1, end + 1)) if series.years else []
    n = len(series.years)
    if n < 2 or not target:
        why = "fewer than two points" if n < 2 else "the record already reaches the horizon"
        return [ModelRun(series.series_id, "no model", series.years, pd.DataFrame(), note=why)]
    if n == 2:
        (y0, y1), (v0, v1) = series.years, series.values
        path = pd.DataFrame({"year": target, "mean": [extrapolate_cagr(y0, v0, y1, v1, y) for y in target]})
        for level in LEVELS:
            path[f"lo{level}"] = path[f"hi{level}"] = math.nan
        return [ModelRun(series.series_id, "cagr", series.years, path,
                         note=f"{cagr(v0, v1, y1 - y0):.1%} a year from {y0} to {y1}, carried on; no interval")]
    runs = []
    for model in MODELS:
        path = fit_path(model, series.years, series.values, target)
        if path is None:
            continue
        test = rolling_origin(model, series.years, series.values)
        fy, _ = usable(model, series.years, series.values)
        note = f"consecutive years {fy[0]}-{fy[-1]}" if model == "damped_ets" else ""
        if test.empty:
            note = (note + "; " if note else "") + f"too short to back-test (needs {MIN_POINTS[model] + 1} points)"
        runs.append(ModelRun(series.series_id, model, tuple(fy), path, test,
                             None if test.empty else mape(test["actual"], test["mean"]), note=note))
    if not runs:
        return [ModelRun(series.series_id, "no model", series.years, pd.DataFrame(),
                         note=f"{n} points (every model needs at least {min(MIN_POINTS.values())})")]
    errors = shared_errors({r.model: r.backtest for r in runs})
    ok = acceptable(errors)
    for run in runs:
        run.shared_mape, run.acceptable = errors.get(run.model), run.model in ok
    return runs


def preferred(runs: list[ModelRun]) -> ModelRun:
    """The run whose point forecast is shown: the acceptable one with the lowest back-test MAPE (ties keep the
    listed order); a CAGR or ``no model`` run when that is all there is."""
    ok = [r for r in runs if r.acceptable]
    if ok:
        return min(ok, key=lambda r: r.shared_mape)
    return min(runs, key=lambda r: (r.backtest_mape is None, r.backtest_mape or 0.0))


@lru_cache(maxsize=1)
def _all_runs() -> tuple[tuple[Series, tuple[ModelRun, ...]], ...]:
    from .memo import memo

    return memo("forecast_runs", lambda: tuple((s, tuple(run_models(s))) for s in load_series()))


def series_runs() -> list[tuple[Series, list[ModelRun]]]:
    """Every declared series with its model runs (computed once per process)."""
    return [(s, list(runs)) for s, runs in _all_runs()]


def _round(x, digits=4):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)


def forecast_table() -> pd.DataFrame:
    """One row per series, model and forecast year."""
    rows = []
    for series, runs in series_runs():
        best = preferred(runs)
        for run in runs:
            base = {"series_id": series.series_id, "series": series.label_en, "unit": series.unit,
                    "last_official": f"{series.values[-1]:.4g} ({series.last_year})" if series.years else "",
                    "model": run.model, "fit_years": f"{run.fit_years[0]}-{run.fit_years[-1]}" if run.fit_years else "",
                    "points": len(run.fit_years), "backtest_points": run.backtest_points,
                    "backtest_mape": _round(run.backtest_mape, 2),
                    "shared_mape": _round(run.shared_mape, 2), "acceptable": run.acceptable,
                    "preferred": run is best and run.model != "no model", "note": run.note}
            if run.path.empty:
                rows.append({**base, "year": None})
                continue
            for rec in run.path.to_dict("records"):
                rows.append({**base, "year": int(rec["year"]),
                             **{k: _round(rec[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")}})
    cols = ["series_id", "series", "unit", "last_official", "model", "fit_years", "points", "year", "mean",
            "lo80", "hi80", "lo95", "hi95", "backtest_points", "backtest_mape", "shared_mape", "acceptable",
            "preferred", "note"]
    return pd.DataFrame(rows).reindex(columns=cols)


def backtest_table() -> pd.DataFrame:
    """Every rolling-origin held-out forecast of every series and model."""
    frames = [run.backtest.assign(series_id=series.series_id, model=run.model)
              for series, runs in series_runs() for run in runs if run.backtest_points]
    cols = ["series_id", "model", *BACKTEST_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def calibration(backtests: pd.DataFrame | None = None) -> pd.DataFrame:
    """Across all held-out official points: how often each model's 80 % and 95 % intervals contained the value
    (count and share), per model and for all models together."""
    bt = backtest_table() if backtests is None else backtests
    rows = []
    for model in [*[m for m in MODELS if (bt["model"] == m).any()], "all models"]:
        part = bt if model == "all models" else bt[bt["model"] == model]
        n = len(part)
        row = {"model": model, "series": part["series_id"].nunique(), "held_out": n}
        for level in LEVELS:
            inside = int(part[f"in{level}"].sum())
            row[f"inside{level}"] = inside
            row[f"share{level}"] = round(inside / n, 3) if n else None
        row["mape"] = round(mape(part["actual"], part["mean"]), 2) if n else None
        rows.append(row)
    return pd.DataFrame(rows, columns=["model", "series", "held_out", "inside80", "share80", "inside95", "share95",
                                       "mape"])


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


def family_verdict(per_model: list[str]) -> str:
    """``above`` or ``below`` only when every acceptable model's 95 % interval says so; no model: ``no model``."""
    if not per_model:
        return "no model"
    if len(set(per_model)) == 1 and per_model[0] in ("above", "below"):
        return per_model[0]
    return "inside"


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


def model_bands(runs: list[ModelRun], year: int) -> list[dict]:
    """Each acceptable model's forecast and intervals for ``year`` (models in family order)."""
    out = []
    for run in runs:
        if not run.acceptable or run.path.empty or year not in set(run.path["year"]):
            continue
        point = run.path[run.path["year"] == year].iloc[0]
        out.append({"model": run.model, "mape": run.shared_mape,
                    **{k: float(point[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")}})
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
    words = (f"The report's {row['report']} for {row['year']} ({row['paragraph']}) needs growth of "
             f"{_pct(row['needed_growth_pct'])} a year from the last official figure, {row['last_official']} "
             f"({row['series']}); official growth was {_pct(row['official_growth_pct'])} {when}.")
    if row["model"] == "cagr":
        return words + " The series has two official points only: they give a growth rate but no interval, " \
                       "so the figure is not judged."
    if not bands:
        return words + " No model back-tests acceptably on this series, so the figure is not judged."
    count = {1: "One model back-tests", 2: "Two models back-test", 3: "Three models back-test",
             4: "Four models back-test"}[len(bands)]
    each = ", ".join(f"{MODEL_NAMES[b['model']]} {b['lo95']:.4g} to {b['hi95']:.4g} (figure {b['verdict']})"
                     for b in bands)
    words += (f" {count} acceptably; their 95% intervals span {row['lo95']:.4g} to {_num(row['hi95'], unit)}: "
              f"{each}.")
    if row["verdict"] == "inside":
        words += " Inside: at least one of them admits the figure, so the forecasts do not rule it out."
    else:
        words += f" {row['verdict'].capitalize()}: every one of them puts the figure out of its range."
    if dropped:
        words += " Left out, with a back-test error more than twice the best: " + ", ".join(
            f"{MODEL_NAMES[r.model]} (MAPE {_pct(r.shared_mape)})" if r.shared_mape is not None
            else f"{MODEL_NAMES[r.model]} (too short to back-test)" for r in dropped) + "."
    return words


HELD_COLUMNS = ["claim_id", "paragraph", "span", "gloss_en", "report", "year", "series_id", "series", "fit_years",
                "model", "forecast", "lo80", "hi80", "lo95", "hi95", "verdict", "models", "model_verdicts",
                "last_official", "needed_growth_pct", "official_growth_pct", "basis_claim",
                "report_implied_growth_pct", "explanation", "note"]


def held_against_report(data: ledger.Ledger | None = None) -> pd.DataFrame:
    """One row per report figure: the family's verdict, the spread of the acceptable models' 95 % intervals
    (``lo95``, ``hi95``; ``forecast`` and ``model``: the preferred model's point), the growth it needs."""
    data = data or ledger.load_valid()
    scales = ledger.exact_unit_scales(data.units)
    runs_by_series = {s.series_id: (s, runs) for s, runs in series_runs()}
    rows = []
    for claim, series_id, note in report_targets(data.claims):
        year = _year(claim["period"])
        row = {"claim_id": claim["claim_id"], "paragraph": claim["paragraph"], "span": claim["span"],
               "gloss_en": claim["gloss_en"], "report": stated_text(claim), "year": year, "series_id": series_id,
               "series": "", "fit_years": "", "model": "", "forecast": None, "lo80": None, "hi80": None,
               "lo95": None, "hi95": None, "verdict": "no model", "models": "", "model_verdicts": "",
               "last_official": "", "needed_growth_pct": None, "official_growth_pct": None,
               "basis_claim": "", "report_implied_growth_pct": None, "explanation": "", "note": note}
        basis = report_basis(data.claims, claim) if claim["kind"] in ("level", "share", "count") else None
        if basis is not None and claim["bound"] in ("=", "~", ">", ">=") and basis["bound"] in ("=", "~", ">", ">="):
            span = year - _year(basis["period"])
            row["basis_claim"] = basis["claim_id"]
            row["report_implied_growth_pct"] = round(cagr(float(basis["value"]), float(claim["value"]), span) * 100, 2)
        if series_id:
            row.update(_held_on_series(claim, year, *runs_by_series[series_id], scales))
        rows.append(row)
    return pd.DataFrame(rows, columns=HELD_COLUMNS)


def _held_on_series(claim: dict, year: int, series: Series, runs: list[ModelRun], scales) -> dict:
    best = preferred(runs)
    out = {"model": best.model, "series": series.label_en,
           "fit_years": f"{best.fit_years[0]}-{best.fit_years[-1]}" if best.fit_years else ""}
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
        out.update(lo80=round(min(b["lo80"] for b in bands), 4), hi80=round(max(b["hi80"] for b in bands), 4),
                   lo95=round(min(b["lo95"] for b in bands), 4), hi95=round(max(b["hi95"] for b in bands), 4),
                   models=", ".join(b["model"] for b in bands),
                   model_verdicts="; ".join(f"{b['model']} {b['verdict']}" for b in bands))
    out["verdict"] = verdict
    dropped = [r for r in runs if not r.acceptable and r.model in MODELS]
    words = {**out, "report": stated_text(claim), "year": year, "paragraph": claim["paragraph"],
             "official_growth_years": (y0, y1)}
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
        found.append(Finding(id=f"forecast:{row['claim_id']}:{row['series_id']}", check="forecast",
                             severity="medium" if outside else "info", paragraphs=[row["paragraph"]],
                             claims=[row["claim_id"]], explanation=row["explanation"], quotes=[row["span"]],
                             verdict=verdict))
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
    """The forecasts, their calibration and the report held against them, deterministically."""
    forecasts, held, calib = forecast_table(), held_against_report(data), calibration()
    if fmt == "json":
        return json.dumps({"forecasts": _records(forecasts), "calibration": _records(calib),
                           "held_against_report": _records(held)}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        for name, frame in (("forecasts", forecasts), ("calibration", calib), ("held_against_report", held)):
            out.write(f"# {name}\n")
            frame.to_csv(out, index=False, lineterminator="\n")
        return out.getvalue()
    if fmt == "md":
        counts = held["verdict"].value_counts()
        lines = ["# Forecasts to 2026", "",
                 "Official series forecast with a family of models (linear trend, constant growth, damped-trend "
                 "ETS, random walk with drift; CAGR for two points), 80% and 95% prediction intervals, each scored "
                 f"by a rolling-origin back-test up to {MAX_BACKTEST_HORIZON} years ahead (MAPE). A model back-tests "
                 f"acceptably within {ACCEPTABLE_MAPE_RATIO:g} times the best MAPE of its series (or at most "
                 f"{ACCEPTABLE_MAPE_FLOOR:g}%).", "",
                 _markdown(forecasts[forecasts["year"].notna()][["series_id", "model", "fit_years", "year", "mean",
                                                                  "lo95", "hi95", "backtest_points", "backtest_mape",
                                                                  "shared_mape", "acceptable"]]), "",
                 "## Calibration of the intervals on held-out official points", "",
                 _markdown(calib), "",
                 "## The report held against the forecasts", "",
                 "A figure is above or below only outside the 95% interval of every acceptable model; lo95 and "
                 "hi95 are the spread of those intervals.", "",
                 ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS) + ".", "",
                 _markdown(held[["claim_id", "report", "year", "series_id", "models", "forecast", "lo95", "hi95",
                                 "verdict", "needed_growth_pct", "official_growth_pct", "basis_claim",
                                 "report_implied_growth_pct"]]), ""]
        lines += [f"- **{r['claim_id']}**: {r['explanation']}" for r in held.to_dict("records") if r["explanation"]]
        return "\n".join(lines + [""])
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
def envelope(runs: list[ModelRun]) -> pd.DataFrame:
    """Per forecast year, the lowest lower and highest upper bound of the acceptable models (what verdicts use)."""
    frames = [r.path for r in runs if r.acceptable and not r.path.empty]
    cols = ["year", "lo80", "hi80", "lo95", "hi95"]
    if not frames:
        return pd.DataFrame(columns=cols)
    both = pd.concat(frames)
    return both.groupby("year", as_index=False).agg(lo80=("lo80", "min"), hi80=("hi80", "max"),
                                                     lo95=("lo95", "min"), hi95=("hi95", "max"))[cols]


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
        if _year(claim["period"]) is None:
            continue
        value = float(Fraction(claim["value"]) * scales[claim["unit"]] / scales[series.unit])
        points.append({"claim_id": claim_id, "year": _year(claim["period"]), "value": value,
                       "bound": claim["bound"], "label": f"{claim['span']} ({claim['paragraph']})"})
    return {"series": series, "runs": runs, "preferred": preferred(runs), "envelope": envelope(runs),
            "history": history, "report": pd.DataFrame(points, columns=["claim_id", "year", "value", "bound", "label"])}
