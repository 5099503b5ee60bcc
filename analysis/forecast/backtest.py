"""Rolling-origin back-tests: which models of the family forecast each series acceptably.

For every origin from its minimum training length on, a model is refitted on the
points up to the origin and forecasts the later official points up to
``MAX_BACKTEST_HORIZON`` years ahead; each held-out point records the error and
whether the 80 % and 95 % intervals contained it (``calibration`` sums these up).
A model **back-tests acceptably** under ``acceptable`` (see ``ACCEPTABLE_MAPE_RATIO``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.base.memo import memo
from analysis.forecast.models import (
    LEVELS,
    MIN_POINTS,
    MODELS,
    cagr,
    extrapolate_cagr,
    fit_path,
    mape,
    usable,
)
from analysis.forecast.series import HORIZON_END, Series, load_series

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
            rows.append(
                {
                    "origin": origin,
                    "year": year,
                    "horizon": year - origin,
                    "actual": actual,
                    **{c: float(rec[c]) for c in ("mean", "lo80", "hi80", "lo95", "hi95")},
                    "in80": bool(rec["lo80"] <= actual <= rec["hi80"]),
                    "in95": bool(rec["lo95"] <= actual <= rec["hi95"]),
                }
            )
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
        return [
            ModelRun(
                series.series_id,
                "cagr",
                series.years,
                path,
                note=f"{cagr(v0, v1, y1 - y0):.1%} a year from {y0} to {y1}, carried on; no interval",
            )
        ]
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
        runs.append(
            ModelRun(
                series.series_id,
                model,
                tuple(fy),
                path,
                test,
                None if test.empty else mape(test["actual"], test["mean"]),
                note=note,
            )
        )
    if not runs:
        return [
            ModelRun(
                series.series_id,
                "no model",
                series.years,
                pd.DataFrame(),
                note=f"{n} points (every model needs at least {min(MIN_POINTS.values())})",
            )
        ]
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
            base = {
                "series_id": series.series_id,
                "series": series.label_en,
                "unit": series.unit,
                "last_official": f"{series.values[-1]:.4g} ({series.last_year})" if series.years else "",
                "model": run.model,
                "fit_years": f"{run.fit_years[0]}-{run.fit_years[-1]}" if run.fit_years else "",
                "points": len(run.fit_years),
                "backtest_points": run.backtest_points,
                "backtest_mape": _round(run.backtest_mape, 2),
                "shared_mape": _round(run.shared_mape, 2),
                "acceptable": run.acceptable,
                "preferred": run is best and run.model != "no model",
                "note": run.note,
            }
            if run.path.empty:
                rows.append({**base, "year": None})
                continue
            for rec in run.path.to_dict("records"):
                rows.append(
                    {
                        **base,
                        "year": int(rec["year"]),
                        **{k: _round(rec[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")},
                    }
                )
    cols = [
        "series_id",
        "series",
        "unit",
        "last_official",
        "model",
        "fit_years",
        "points",
        "year",
        "mean",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
        "backtest_points",
        "backtest_mape",
        "shared_mape",
        "acceptable",
        "preferred",
        "note",
    ]
    return pd.DataFrame(rows).reindex(columns=cols)


def backtest_table() -> pd.DataFrame:
    """Every rolling-origin held-out forecast of every series and model."""
    frames = [
        run.backtest.assign(series_id=series.series_id, model=run.model)
        for series, runs in series_runs()
        for run in runs
        if run.backtest_points
    ]
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
    return pd.DataFrame(
        rows, columns=["model", "series", "held_out", "inside80", "share80", "inside95", "share95", "mape"]
    )


# --- figure data ----------------------------------------------------------------------------------------
def envelope(runs: list[ModelRun]) -> pd.DataFrame:
    """Per forecast year, the lowest lower and highest upper bound of the acceptable models (what verdicts use)."""
    frames = [r.path for r in runs if r.acceptable and not r.path.empty]
    cols = ["year", "lo80", "hi80", "lo95", "hi95"]
    if not frames:
        return pd.DataFrame(columns=cols)
    both = pd.concat(frames)
    return both.groupby("year", as_index=False).agg(
        lo80=("lo80", "min"), hi80=("hi80", "max"), lo95=("lo95", "min"), hi95=("hi95", "max")
    )[cols]
