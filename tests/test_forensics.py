"""The forensic screens: digit forms, the digit laws, must-flag and must-not-flag sets, the control, statistics
reproduced with scipy.stats, retelling signs, redated events and the no-record list, deterministic output."""

from __future__ import annotations

import math
from itertools import product

import numpy as np
import pytest
from scipy import stats

from analysis import ledger, register
from analysis.forensics import digits, inflation, samples, summary
from analysis.outside import status
from analysis.render import forensics as page
from analysis.render import overview


@pytest.fixture(scope="module")
def result():
    data = ledger.load_valid()
    found = register.build(data, include_consistent=True, with_forecasts=False)
    return summary.compute(**summary.inputs(data, found))


# --- forms and laws -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, last, position, significant",
    [("70", 0, 2, 1), ("9.8", 8, 2, 2), ("47.35", 5, 4, 4), ("0.5", 5, 1, 1), ("23.0", 0, 3, 3), ("2000", 0, 4, 1)],
)
def test_a_numbers_last_digit_position_and_precision(text, last, position, significant):
    f = digits.form(text)
    assert (f.last, f.position, f.significant) == (last, position, significant)


@pytest.mark.parametrize("text", [">9", "10-15", "38;20", "", "0", "abc"])
def test_what_is_not_a_single_printed_number_has_no_form(text):
    assert digits.form(text) is None


def test_benford_digit_laws_are_distributions_and_match_the_closed_form():
    for n in range(1, 7):
        assert math.isclose(sum(digits.benford(n)), 1.0, abs_tol=1e-9)
    assert digits.benford(1)[0] == 0 and math.isclose(digits.benford(1)[1], math.log10(2))
    # the second digit: sum over first digits of log10(1 + 1/(10 d1 + d))
    second = [sum(math.log10(1 + 1 / (10 * d1 + d)) for d1 in range(1, 10)) for d in range(10)]
    assert np.allclose(digits.benford(2), second)
    assert round(digits.benford(2)[0], 4) == 0.1197 and round(digits.benford(2)[5], 4) == 0.0967


def test_rounding_to_a_position_gives_that_positions_digit():
    assert digits.nth_digit_rounded("38773", 2) == 9  # 39000
    assert digits.nth_digit_rounded("27.2", 1) == 3  # 30
    assert digits.nth_digit_rounded("27.25", 3) == 3  # 27.3, half up
    assert digits.nth_digit_rounded("99.7", 2) == 0  # 100


# --- must flag, must not flag ---------------------------------------------------------------------------
def test_an_invented_set_ending_in_0_or_5_is_flagged():
    invented = [digits.form(f"{a}{b}") for a, b in product(range(1, 10), (0, 5))] * 3  # 10, 15, ..., 95
    t = digits.last_digit_test(invented)
    assert t.share == 1.0 and t.flagged and t.p_binom < 1e-20 and t.h > 1


def test_a_measured_set_with_uniform_last_digits_is_not_flagged():
    uniform = [digits.form(f"1{b}{d}") for b, d in product(range(10), range(10))]  # 100..199, each last digit 10 times
    t = digits.last_digit_test(uniform)
    assert t.counts == (10,) * 10 and not t.flagged and t.p_binom > 0.5 and t.p_chi2 > 0.99


def test_measured_quantities_rounded_to_three_digits_are_not_flagged():
    rng = np.random.default_rng(20261203)  # seeded: deterministic
    values = rng.lognormal(mean=5, sigma=2, size=500)
    forms = [digits.form(f"{float(f'{v:.3g}'):.6g}") for v in values]
    forms = [f for f in forms if f is not None and f.position == 3]
    t = digits.last_digit_test(forms)
    assert len(forms) > 100 and not t.flagged


def test_the_control_itself_is_not_flagged_in_any_unit_kind(result):
    assert not result.overall[1].flagged
    for kind, (_, control, _, _) in result.by_kind.items():
        assert not control.flagged, kind


def test_the_report_is_flagged_against_benford_and_against_the_control(result):
    rep, ctl, fisher, rounded = result.overall
    assert rep.flagged and rounded.flagged
    assert fisher.p < digits.ALPHA and fisher.odds_ratio > 1
    assert result.matched.p < digits.ALPHA and result.matched.odds_ratio > 1


# --- statistics reproduced with scipy.stats, to the printed precision -----------------------------------
def test_the_printed_statistics_are_scipys(result):
    rep, ctl, fisher, _ = result.overall
    counts = np.array(rep.counts)
    expected = digits.expected_digits(list(result.report["form"]))
    p0 = expected[0] + expected[5]
    assert page.pval(rep.p_binom) == page.pval(
        stats.binomtest(int(counts[0] + counts[5]), int(counts.sum()), p0).pvalue
    )
    chi = ((counts - expected * counts.sum()) ** 2 / (expected * counts.sum())).sum()  # by hand
    assert f"{rep.chi2:.1f}" == f"{chi:.1f}" == f"{stats.chisquare(counts, expected * counts.sum()).statistic:.1f}"
    assert page.pval(rep.p_chi2) == page.pval(stats.chi2.sf(chi, 9))
    a, n, c, m = rep.heaped, rep.n, ctl.heaped, ctl.n
    ref = stats.fisher_exact([[a, n - a], [c, m - c]])
    assert page.pval(fisher.p) == page.pval(ref.pvalue) and f"{fisher.odds_ratio:.1f}" == f"{ref.statistic:.1f}"
    h = 2 * math.asin(math.sqrt(a / n)) - 2 * math.asin(math.sqrt(p0))
    assert f"{rep.h:.2f}" == f"{h:.2f}"
    s = inflation.signs(result.passages)
    assert page.pval(s.p) == page.pval(stats.binomtest(s.larger, s.n, 0.5).pvalue)


def test_the_cmh_test_is_statsmodels_on_the_listed_strata(result):
    from statsmodels.stats.contingency_tables import StratifiedTable

    tables = [np.array([[a, n - a], [c, m - c]]) for _, a, n, c, m in result.matched.strata]
    st = StratifiedTable(tables)
    assert f"{st.oddsratio_pooled:.1f}" == f"{result.matched.odds_ratio:.1f}"


# --- samples --------------------------------------------------------------------------------------------
def test_every_claim_is_tested_or_left_out_with_a_reason(result):
    claims = ledger.load_valid().claims
    assert len(result.report) + len(result.left_out) == len(claims)
    assert set(result.report["claim_id"]).isdisjoint(result.left_out["claim_id"])
    assert result.left_out["reason"].isin(["structural", "target", "duration", "price", "no_value"]).all()
    kept = claims[claims["claim_id"].isin(result.report["claim_id"])]
    assert not kept["unit"].isin(samples.STRUCTURAL_UNITS).any()
    assert not kept["kind"].isin(list(samples.LEFT_OUT_KINDS)).any()


def test_the_control_holds_each_published_figure_once_and_no_projection(result):
    c = result.control
    assert not c.duplicated(["who", "period", "value", "unit"]).any()
    assert c["figure_kind"].isin(samples.CONTROL_KINDS).all() and not c["unit"].isin(samples.RAW_UNITS).any()


# --- retellings, redated, no record ---------------------------------------------------------------------
def test_retold_signs_are_the_dashboards_counts(result):
    table = overview.retold_direction()
    s = inflation.signs(result.passages)
    assert s.larger == table["larger in the retelling"].sum() and s.n == table["changed"].sum()


def test_restatements_with_two_stated_years_are_left_out(result):
    assert "changed" not in set(result.restated["verdict"])
    assert (result.restated["direction"] != 0).all()


def test_redated_events_equal_the_record_but_carry_another_year(result):
    r = result.redated
    assert {"5.2.1-01", "5.2.1-02"} <= set(r["claim_id"])  # SAMR's 2021 fines, dated 2025 by the report
    assert all(y[-4:] != d[:4] for y, d in zip(r["year"], r["record_date"]))
    assert "9.2.1-01" not in set(r["claim_id"])  # 200亿元 is not 182.28亿元 within rounding: told again, larger


def test_the_no_record_list_is_not_found_claims_with_their_searches(result):
    nr = result.no_record
    loaded = status.load_checks()
    checks = dict(zip(loaded["claim_id"], loaded["outside_check"]))
    assert len(nr) and all(checks[c] == "not_found" for c in nr["claim_id"])
    assert all(len(s) > 0 for s in nr["searches"])
    assert (nr["why"] == "decision").any()


# --- deterministic output -------------------------------------------------------------------------------
def test_output_is_deterministic():
    data = ledger.load_valid()
    found = register.build(data, include_consistent=True, with_forecasts=False)
    a = summary.compute(**summary.inputs(data, found))
    b = summary.compute(**summary.inputs(data, found))
    assert a.overall == b.overall and a.matched == b.matched and a.chapters.equals(b.chapters)
    assert a.passages.equals(b.passages) and a.redated.equals(b.redated)
    assert page.forensics_sentence() == page.forensics_sentence()
