"""Forecasts: known trends recovered, intervals widen, CAGR round-trips, short series give 'no model', the
rolling-origin back-test holds out what it says, verdicts need every acceptable model, verdicts respect rounding
and bounds, output is deterministic, every reference row is cited."""

import csv
import json
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import forecast
from analysis.base import intervals as iv
from analysis.base import paths


def _series(years, values, sid="SYN"):
    return forecast.Series(
        sid,
        "synthetic",
        "合成",
        "万亿元",
        "",
        tuple(years),
        tuple(float(v) for v in values),
        tuple("official" for _ in years),
        tuple("" for _ in years),
    )


def _noisy_line(n=12, intercept=10.0, slope=2.0, sigma=0.3, seed=7):
    rng = np.random.default_rng(seed)
    years = list(range(2010, 2010 + n))
    values = [intercept + slope * i + rng.normal(0, sigma) for i in range(n)]
    return years, values


# --- the models -----------------------------------------------------------------------------------------
def test_linear_trend_recovers_a_known_slope():
    years, values = _noisy_line()
    table = forecast.linear_trend(years, values, [2022, 2023])
    truth = [10 + 2 * 12, 10 + 2 * 13]
    assert np.allclose(table["mean"], truth, rtol=0.03)
    assert (table["lo95"] < table["mean"]).all() and (table["mean"] < table["hi95"]).all()


def test_linear_trend_matches_statsmodels_ols_with_gaps():
    import statsmodels.api as sm

    years, values = [2015, 2016, 2018, 2020, 2021, 2022], [20.8, 26.1, 31.63, 37.21, 42.3, 43.83]
    target = [2023, 2025, 2026]
    ours = forecast.linear_trend(years, values, target)
    fit = sm.OLS(np.asarray(values), sm.add_constant(np.asarray(years, dtype=float))).fit()
    for level in forecast.LEVELS:
        frame = fit.get_prediction(sm.add_constant(np.asarray(target, dtype=float))).summary_frame(
            alpha=1 - level / 100
        )
        assert np.allclose(ours["mean"], frame["mean"])
        assert np.allclose(ours[f"lo{level}"], frame["obs_ci_lower"]) and np.allclose(
            ours[f"hi{level}"], frame["obs_ci_upper"]
        )


def test_log_linear_recovers_a_constant_growth_rate():
    years = list(range(2010, 2020))
    values = [5 * 1.2**i * (1.01 if i % 2 else 0.99) for i in range(10)]
    table = forecast.log_linear_trend(years, values, [2020, 2021])
    assert np.allclose(table["mean"], [5 * 1.2**10, 5 * 1.2**11], rtol=0.03)
    assert (table["lo95"] > 0).all()
    with pytest.raises(ValueError, match="positive"):
        forecast.log_linear_trend([2020, 2021, 2022, 2023], [1, 0, 2, 3], [2024])


def test_ets_recovers_a_known_trend():
    years, values = _noisy_line()
    table = forecast.ets_trend(years, values, [2022, 2023, 2024], damped=True)
    truth = np.array([10 + 2 * k for k in (12, 13, 14)])
    assert np.allclose(table["mean"], truth, rtol=0.05)  # a damped trend bends toward flat by design


def test_drift_matches_the_textbook_formula_on_consecutive_years():
    from scipy import stats

    years, values = [2010, 2011, 2012, 2013, 2014], [10.0, 12.0, 13.0, 16.0, 18.0]
    table = forecast.drift_forecast(years, values, [2015, 2017])
    steps = np.diff(values)  # 2, 1, 3, 2: mean 2
    sigma = np.std(steps, ddof=1)
    assert list(table["mean"]) == pytest.approx([20.0, 24.0])
    for h, (lo, hi) in zip((1, 3), zip(table["lo95"], table["hi95"])):
        sd = sigma * math.sqrt(h * (1 + h / (len(years) - 1)))
        q = stats.t.ppf(0.975, len(steps) - 1)
        assert (lo, hi) == pytest.approx((20.0 + 2 * (h - 1) - q * sd, 20.0 + 2 * (h - 1) + q * sd))


def test_drift_treats_a_gap_as_a_longer_step():
    # a straight line with a gap: every standardised step is zero except the one the noise is in
    table = forecast.drift_forecast([2010, 2011, 2013, 2014], [0.0, 1.0, 3.2, 4.0], [2015])
    assert table["mean"].iloc[0] == pytest.approx(4.0 + 4.0 / 4)


@pytest.mark.parametrize(
    "fit",
    [
        lambda y, v, t: forecast.linear_trend(y, v, t),
        lambda y, v, t: forecast.log_linear_trend(y, v, t),
        lambda y, v, t: forecast.ets_trend(y, v, t, damped=True),
        lambda y, v, t: forecast.drift_forecast(y, v, t),
    ],
)
def test_intervals_widen_with_horizon_and_95_contains_80(fit):
    years, values = _noisy_line()
    table = fit(years, values, [2022, 2023, 2024, 2025])
    width95 = (table["hi95"] - table["lo95"]).to_numpy()
    assert (np.diff(width95) > 0).all()
    assert ((table["lo95"] < table["lo80"]) & (table["hi80"] < table["hi95"])).all()


def test_ets_refuses_gaps():
    with pytest.raises(ValueError, match="consecutive"):
        forecast.ets_trend([2019, 2020, 2022, 2023, 2024, 2025], [1, 2, 3, 4, 5, 6], [2026])


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
    assert run.model == "cagr"
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


def test_gappy_series_gets_no_ets():
    runs = forecast.run_models(_series([2015, 2016, 2018, 2020, 2021, 2022], [1, 2, 3, 4, 5, 6]), end=2026)
    assert [r.model for r in runs] == ["linear", "log_linear", "drift"]


def test_ets_joins_the_family_with_ten_consecutive_years():
    years, values = _noisy_line(n=11)
    assert [r.model for r in forecast.run_models(_series(years, values))] == list(forecast.MODELS)
    assert "damped_ets" not in [r.model for r in forecast.run_models(_series(years[2:], values[2:]))]


# --- the rolling-origin back-test -----------------------------------------------------------------------
def test_rolling_origin_holds_out_every_later_point_within_the_horizon():
    years, values = _noisy_line(n=9)
    test = forecast.rolling_origin("linear", years, values, max_horizon=2)
    # origins from the 4th point (2013) to the 8th (2017); each forecasts the next two years (one from 2017)
    assert list(zip(test["origin"], test["year"])) == [
        (2013, 2014),
        (2013, 2015),
        (2014, 2015),
        (2014, 2016),
        (2015, 2016),
        (2015, 2017),
        (2016, 2017),
        (2016, 2018),
        (2017, 2018),
    ]
    assert (test["horizon"] == test["year"] - test["origin"]).all()
    # what it records is the refit on the points up to the origin, not the fit on everything
    refit = forecast.linear_trend(years[:4], values[:4], [2014, 2015])
    assert list(test["mean"][:2]) == pytest.approx(list(refit["mean"]))
    assert list(test["actual"][:2]) == values[4:6]


def test_rolling_origin_scores_a_perfect_line_as_perfect():
    years, values = _noisy_line(sigma=0.0)
    test = forecast.rolling_origin("drift", years, values)
    assert forecast.mape(test["actual"], test["mean"]) == pytest.approx(0.0, abs=1e-9)
    assert forecast.rolling_origin("linear", years[:4], values[:4]).empty  # 3 training points < 4


def test_rolling_origin_records_interval_hits():
    years, values = _noisy_line(n=10)
    values[-1] += 50  # a jump no model saw coming
    test = forecast.rolling_origin("linear", years, values)
    last = test[test["year"] == years[-1]]
    assert len(last) and not last["in95"].any() and not last["in80"].any()
    assert (test["in95"] | ~test["in80"]).all()  # inside 80 % is inside 95 %
    assert ((test["lo95"] <= test["actual"]) & (test["actual"] <= test["hi95"]) == test["in95"]).all()
    assert test[test["year"] < years[-1]]["in95"].mean() > 0.5


def test_models_are_compared_on_the_points_they_share():
    t = lambda keys, errs: pd.DataFrame(  # noqa: E731
        {
            "origin": [k[0] for k in keys],
            "year": [k[1] for k in keys],  # noqa: E731
            "actual": [100.0] * len(keys),
            "mean": [100.0 + e for e in errs],
        }
    )
    errors = forecast.shared_errors(
        {
            "linear": t([(2010, 2011), (2018, 2019)], [40.0, 1.0]),  # bad early, good on the one shared point
            "damped_ets": t([(2018, 2019)], [2.0]),
            "drift": pd.DataFrame(columns=["origin", "year", "actual", "mean"]),  # not back-tested
        }
    )
    assert errors == {"linear": pytest.approx(1.0), "damped_ets": pytest.approx(2.0)}


@pytest.mark.parametrize(
    "errors, expected",
    [
        ({"linear": 4.0, "drift": 8.0, "log_linear": 8.1}, {"linear", "drift"}),  # within twice the best
        ({"linear": 0.5, "drift": 2.9, "log_linear": 3.1}, {"linear", "drift"}),  # a few percent is never dropped
        ({"linear": 10.0}, {"linear"}),
        ({}, set()),
    ],
)
def test_acceptable_rule(errors, expected):
    assert forecast.acceptable(errors) == expected


def test_preferred_is_the_lowest_shared_error_among_the_acceptable():
    a = forecast.ModelRun("S", "linear", (), None, backtest_mape=1.0, shared_mape=5.0, acceptable=True)
    b = forecast.ModelRun("S", "drift", (), None, backtest_mape=9.0, shared_mape=4.0, acceptable=True)
    c = forecast.ModelRun("S", "log_linear", (), None, backtest_mape=0.5, shared_mape=0.5, acceptable=False)
    assert forecast.preferred([a, b, c]) is b


# --- verdicts that survive a change of model --------------------------------------------------------------
SLOWING = ([2015, 2016, 2017, 2018, 2019, 2020, 2021], [100, 120, 140, 155, 165, 172, 177])


def _judge(years, values, year, value, bound="="):
    return forecast.judge(forecast.run_models(_series(years, values)), year, iv.stated(value, bound))


def test_a_figure_that_continues_the_latest_growth_is_not_flagged():
    years, values = SLOWING
    latest = values[-1] / values[-2]
    figure = f"{values[-1] * latest**3:.1f}"  # 2024 at 2021's growth rate: 192.9
    verdict, bands = _judge(years, values, 2024, figure)
    assert verdict == "inside"
    # the test can fail: a single linear trend, as before, calls the same figure below its interval
    linear = forecast.linear_trend(years, values, [2024]).iloc[0]
    assert forecast.verdicts._verdict(iv.stated(figure), linear["lo95"], linear["hi95"]) == "below"
    assert {b["model"] for b in bands} >= {"drift"}


@pytest.mark.parametrize("factor, expected", [(3, "above"), (1 / 3, "below")])
def test_a_figure_far_outside_every_model_is_flagged(factor, expected):
    years, values = SLOWING
    verdict, bands = _judge(years, values, 2024, f"{values[-1] * factor:.1f}")
    assert verdict == expected
    assert bands and all(b["verdict"] == expected for b in bands)


def test_a_two_point_series_never_flags():
    runs = forecast.run_models(_series([2017, 2022], [1.0, 2.0]))
    for value in ("0.01", "2.5", "1000"):
        assert forecast.judge(runs, 2026, iv.stated(value))[0] == "no model"


def test_family_verdict_needs_every_model_on_one_side():
    assert forecast.family_verdict(["above", "above"]) == "above"
    assert forecast.family_verdict(["below", "inside"]) == "inside"
    assert forecast.family_verdict(["above", "below"]) == "inside"  # between two models' intervals
    assert forecast.family_verdict([]) == "no model"


@pytest.mark.parametrize(
    "value, bound, expected",
    [
        ("3.2", "=", "above"),  # [3.15, 3.25) above a band ending at 3.1
        ("3.1", "=", "inside"),  # [3.05, 3.15) overlaps
        ("3.15", "=", "above"),  # [3.145, 3.155) starts above the band's top 3.1
        ("2.0", ">", "inside"),  # a lower bound below the band's top admits the band
        ("1.2", "<", "below"),
        ("1.5", "=", "inside"),  # [1.45, 1.55) touches the band's closed bottom 1.5
        ("1.4", "=", "below"),  # [1.35, 1.45) stops short of 1.5
    ],
)
def test_verdict_uses_the_stated_interval(value, bound, expected):
    assert forecast.verdicts._verdict(iv.stated(value, bound), 1.5, 3.1) == expected


# --- calibration ------------------------------------------------------------------------------------------
def test_calibration_counts_every_held_out_point():
    backtests = forecast.backtest_table()
    table = forecast.calibration(backtests).set_index("model")
    per_model = backtests.groupby("model").size()
    for model, n in per_model.items():
        assert table.loc[model, "held_out"] == n
    assert table.loc["all models", "held_out"] == len(backtests) == per_model.sum()
    runs = [r for _, rs in forecast.series_runs() for r in rs]
    assert len(backtests) == sum(r.backtest_points for r in runs) > 0
    for level in forecast.LEVELS:
        assert table.loc["all models", f"inside{level}"] == int(backtests[f"in{level}"].sum())
        assert (table[f"inside{level}"] <= table["held_out"]).all()
    assert (table["inside80"] <= table["inside95"]).all()  # an 80 % interval lies inside the 95 % one


def test_calibration_of_a_synthetic_set():
    bt = pd.DataFrame(
        {
            "series_id": ["A", "A", "B"],
            "model": ["linear", "drift", "linear"],
            "actual": [1.0, 1.0, 1.0],
            "mean": [1.0, 1.0, 1.0],
            "in80": [True, False, False],
            "in95": [True, True, False],
        }
    )
    table = forecast.calibration(bt).set_index("model")
    assert table.loc["linear", ["held_out", "inside80", "inside95"]].tolist() == [2, 1, 1]
    assert table.loc["all models", ["held_out", "inside80", "inside95", "series"]].tolist() == [3, 1, 2, 2]
    assert table.loc["all models", "share95"] == pytest.approx(0.667)


# --- the real data ----------------------------------------------------------------------------------------
def test_real_series_load_one_point_per_year_in_display_units():
    by_id = {s.series_id: s for s in forecast.load_series()}
    retail = by_id["NBS_ONLINE_RETAIL"]
    assert list(retail.years) == sorted(set(retail.years))
    assert 2018 not in retail.years  # not found: never filled in
    assert retail.values[retail.years.index(2024)] == pytest.approx(15.5225)  # 155225亿元 = 15.5225万亿元
    shoppers = by_id["CNNIC_ONLINE_SHOPPERS"]
    assert shoppers.years[-1] == 2025  # December surveys only: 2025-12, no 2025-06
    assert shoppers.values[-1] == pytest.approx(9.76)


def test_every_2026_claim_has_a_row_and_a_known_verdict():
    held = forecast.held_against_report()
    assert set(held["verdict"]) <= set(forecast.VERDICTS)
    from analysis import ledger

    claims = ledger.load_valid().claims
    dated_2026 = set(claims[(claims["period"] == "2026") & (claims["value"] != "")]["claim_id"])
    assert dated_2026 <= set(held["claim_id"])


def test_held_rows_explain_the_growth_needed_in_words():
    held = forecast.held_against_report().set_index("claim_id")
    row = held.loc["2.1.1-01"]  # MOFCOM's record ends in 2022; the report gives 47.35万亿元 for 2025
    assert row["needed_growth_pct"] < row["official_growth_pct"]
    assert row["verdict"] == "inside"  # needs less growth than the latest official year: no model rules it out
    text = row["explanation"]
    assert "47.35万亿元 for 2025" in text and f"{row['needed_growth_pct']:.1f}% a year" in text
    assert f"{row['official_growth_pct']:.1f}% in 2022" in text


def test_every_official_row_has_a_url_a_quote_and_a_grade():
    allowed = {"official", "news", "mirror", "secondary", "doubtful"}  # data/reference/README.md
    with open(paths.OFFICIAL_STATS, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 200
    bad = [
        (i, r["series_id"], r["period"])
        for i, r in enumerate(rows, start=2)
        if not r["source_url"].strip().startswith(("http://", "https://"))
        or not r["quote"].strip()
        or r["source_quality"] not in allowed
    ]
    assert bad == []


def test_forecasts_cli_is_deterministic_and_json_has_the_documented_shape():
    def run():
        return subprocess.run(
            [sys.executable, "-m", "analysis", "forecasts", "--format", "json"],  # noqa: E731
            capture_output=True,
            check=True,
        ).stdout

    first, second = run(), run()
    assert first == second
    doc = json.loads(first)
    assert set(doc) == {"forecasts", "calibration", "held_against_report"}
    for row in doc["held_against_report"]:
        assert {
            "claim_id",
            "report",
            "year",
            "series_id",
            "model",
            "forecast",
            "lo95",
            "hi95",
            "verdict",
            "models",
            "explanation",
        } <= set(row)
        if row["verdict"] in ("inside", "above", "below"):
            assert row["lo95"] <= row["forecast"] <= row["hi95"]
