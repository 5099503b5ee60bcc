"""The model family, each with 80 % and 95 % prediction intervals.

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

statsmodels and scipy are imported inside the fitting functions: ``python -m
analysis check`` never pays for them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

LEVELS = (80, 95)  # prediction-interval coverage, percent
#: the model family, in the order tables list it
MODELS = ("linear", "log_linear", "damped_ets", "drift")
#: fewest points a model is fitted to, in the final fit and at every back-test origin alike. A line (and a line
#: on logs) has two parameters, and two more points leave two degrees of freedom for its error; drift estimates
#: one mean step and the spread of the steps, and four points give three steps; ETS(A,Ad,N) estimates level,
#: trend, two smoothing weights, the damping weight and the error variance, and the damping weight is not
#: identifiable from fewer than ten consecutive years
MIN_POINTS = {"linear": 4, "log_linear": 4, "damped_ets": 10, "drift": 4}


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
    s2 = float(np.sum(resid**2)) / (n - 2)
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
    model = ETSModel(
        pd.Series(np.asarray(values, dtype=float), index=index), error="add", trend="add", damped_trend=damped
    )
    fit = model.fit(disp=False)
    n = len(years)
    pred = fit.get_prediction(start=n, end=n + max(steps) - 1)

    def bounds(alpha):
        frame = pred.summary_frame(alpha=alpha)
        return frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy()

    table = pd.DataFrame(
        {
            "year": list(range(years[-1] + 1, years[-1] + max(steps) + 1)),
            "mean": pred.summary_frame(alpha=0.05)["mean"].to_numpy(),
        }
    )
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
    sigma = math.sqrt(float(np.sum(resid**2)) / df)
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
