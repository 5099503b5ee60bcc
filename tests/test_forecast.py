"""Forecasts: known trends recovered, intervals widen, CAGR round-trips, short series give 'no model',
verdicts respect rounding and bounds, output is deterministic."""
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from analysis import forecast, intervals as iv


def _series(years, values, sid="SYN"):
    return forecast.Series(sid, "synthetic", "合成", "万亿元", "", tuple(years), tuple(float(v) for v in values),
                           tuple("official" for _ in years), tuple("" for _ in years))


def _noisy_line(n=12, intercept=10.0, slope=2.0, sigma=0.3, seed=7):
    rng = np.random.default_rng(seed)
    years = list(range(2010, 2010 + n))
    values = [intercept + slope * i + rng.normal(0, sigma) for i in range(n)]
    return years, values


def test_linear_trend_recovers_a_known_slope():
    years, values = _noisy_line()
    table, fitted = forecast.linear_trend(years, values, [2022, 2023])
    truth = [10 + 2 * 12, 10 + 2 * 13]
    assert np.allclose(table["mean"], truth, rtol=0.03)
    assert len(fitted) == len(years)
    assert (table["lo95"] < table["mean"]).all() and (table["mean"] < table["hi95"]).all()


@pytest.mark.parametrize("damped", [False, True])
def test_ets_recovers_a_known_trend(damped):
    years, values = _noisy_line()
    table, _ = forecast.ets_trend(years, values, [2022, 2023, 2024], damped=damped)
    truth = np.array([10 + 2 * k for k in (12, 13, 14)])
    # a damped trend bends toward flat by design: allow it more room
    assert np.allclose(table["mean"], truth, rtol=0.05 if damped else 0.03)


@pytest.mark.parametrize("fit", [
    lambda y, v, t: forecast.linear_trend(y, v, t)[0],
    lambda y, v, t: forecast.ets_trend(y, v, t, damped=False)[0],
])
def test_intervals_widen_with_horizon_and_95_contains_80(fit):
    years, values = _noisy_line()
    table = fit(years, values, [2022, 2023, 2024, 2025])
    width95 = (table["hi95"] - table["lo95"]).to_numpy()
    assert (np.diff(width95) > 0).all()
    assert ((table["lo95"] < table["lo80"]) & (table["hi80"] < table["hi95"])).all()


def test_ets_refuses_gaps():
    with pytest.raises(ValueError, match="consecutive"):
        forecast.ets_trend([2019, 2020, 2022, 2023, 2024, 2025], [1, 2, 3, 4, 5, 6], [2026], damped=False)


@pytest.mark.parametrize("v0, v1, years", [(100, 200, 5), (3.2, 3.9, 1), (0.0366, 0.504, 5)])
def test_cagr_round_trips(v0, v1, years):
    rate = forecast.cagr(v0, v1, years)
    assert math.isclose(v0 * (1 + rate) ** years, v1, rel_tol=1e-12)
    assert math.isclose(forecast.extrapolate_cagr(2020, v0, 2020 + years, v1, 2020 + years), v1, rel_tol=1e-12)


def test_cagr_rejects_non_positive():
    with pytest.raises(ValueError):
        forecast.cagr(0, 1, 3)


def test_two_points_get_cagr_without_interval():
    [run] = forecast.run_models(_series([2017, 2022], [1.0, 2.0]), end=2026)
    assert run.model == "CAGR"
    assert list(run.path["year"]) == [2023, 2024, 2025, 2026]
    assert math.isclose(run.path["mean"].iloc[-1], 2.0 * 2 ** (4 / 5))
    assert run.path["lo95"].isna().all()


@pytest.mark.parametrize("years, values", [([2024], [1.0]), ([], [])])
def test_too_short_is_no_model_not_a_crash(years, values):
    [run] = forecast.run_models(_series(years, values), end=2026)
    assert run.model == "no model"


def test_three_points_is_no_model():
    [run] = forecast.run_models(_series([2022, 2023, 2024], [1, 2, 3]), end=2026)
    assert run.model == "no model"


def test_gappy_series_gets_linear_trend_only():
    runs = forecast.run_models(_series([2015, 2016, 2018, 2020, 2021, 2022], [1, 2, 3, 4, 5, 6]), end=2026)
    assert [r.model for r in runs] == ["linear trend"]


def test_backtest_scores_the_held_out_years():
    years, values = _noisy_line(sigma=0.0)
    assert forecast.backtest("linear trend", years, values) == pytest.approx(0.0, abs=1e-9)
    assert forecast.backtest("linear trend", years[:5], values[:5]) is None  # 3 training points < 4


def test_preferred_is_the_lower_backtest_error():
    a = forecast.ModelRun("S", "linear trend", (), None, backtest_mape=5.0)
    b = forecast.ModelRun("S", "ETS(A,A,N)", (), None, backtest_mape=2.0)
    c = forecast.ModelRun("S", "ETS(A,Ad,N)", (), None, backtest_mape=None)
    assert forecast.preferred([a, b, c]) is b
    assert forecast.preferred([c, a]) is a


@pytest.mark.parametrize("value, bound, expected", [
    ("3.2", "=", "above"),     # [3.15, 3.25) above a band ending at 3.1
    ("3.1", "=", "inside"),    # [3.05, 3.15) overlaps
    ("3.15", "=", "above"),    # [3.145, 3.155) starts above the band's top 3.1
    ("2.0", ">", "inside"),    # a lower bound below the band's top admits the band
    ("1.2", "<", "below"),
    ("1.5", "=", "inside"),    # [1.45, 1.55) touches the band's closed bottom 1.5
    ("1.4", "=", "below"),     # [1.35, 1.45) stops short of 1.5
])
def test_verdict_uses_the_stated_interval(value, bound, expected):
    assert forecast._verdict(iv.stated(value, bound), 1.5, 3.1) == expected


def test_real_series_load_one_point_per_year_in_display_units():
    by_id = {s.series_id: s for s in forecast.load_series()}
    retail = by_id["NBS_ONLINE_RETAIL"]
    assert list(retail.years) == sorted(set(retail.years))
    assert 2018 not in retail.years  # not found: never filled in
    assert retail.values[retail.years.index(2024)] == pytest.approx(15.5225)  # 155225亿元 = 15.5225万亿元
    shoppers = by_id["CNNIC_ONLINE_SHOPPERS"]
    assert shoppers.years[-1] == 2024  # December surveys only


def test_every_2026_claim_has_a_row_and_a_known_verdict():
    held = forecast.held_against_report()
    assert set(held["verdict"]) <= set(forecast.VERDICTS)
    from analysis import ledger
    claims = ledger.load_valid().claims
    dated_2026 = set(claims[(claims["period"] == "2026") & (claims["value"] != "")]["claim_id"])
    assert dated_2026 <= set(held["claim_id"])


def test_forecasts_cli_is_deterministic_and_json_has_the_documented_shape():
    run = lambda: subprocess.run([sys.executable, "-m", "analysis", "forecasts", "--format", "json"],
                                 capture_output=True, check=True).stdout
    first, second = run(), run()
    assert first == second
    doc = json.loads(first)
    assert set(doc) == {"forecasts", "held_against_report"}
    for row in doc["held_against_report"]:
        assert {"claim_id", "report", "year", "series_id", "model", "forecast", "lo95", "hi95", "verdict"} <= set(row)
        if row["verdict"] in ("inside", "above", "below"):
            assert row["lo95"] <= row["forecast"] <= row["hi95"]
