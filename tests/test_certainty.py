"""How sure a finding is: periods carried through consistent restatements, wording, outside strength, caps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis import ledger, register
from analysis.checks import certainty, restatement
from analysis.checks.finding import Finding
from analysis.facts import periods

sys.path.insert(0, str(Path(__file__).parent))
import faults as F  # noqa: E402


@pytest.fixture(scope="module")
def scales():
    return ledger.exact_unit_scales(ledger.load_valid().units)


def claim(cid, value, period="", basis="none", unit="%", kind="share"):
    para = cid.split("-")[0]
    return {
        "claim_id": cid,
        "paragraph": para,
        "span": f"{value}{unit}",
        "occurrence": "1",
        "value": value,
        "unit": unit,
        "value_base": "",
        "base_unit": "ratio",
        "entity": "dewu",
        "metric": "repurchase_rate",
        "period": period,
        "bound": "=",
        "kind": kind,
        "fact_id": "dewu.repurchase_rate",
        "period_basis": basis,
        "reading": "",
    }


# --- period inference -------------------------------------------------------------------------------------
def test_an_undated_claim_takes_the_period_of_a_dated_twin_with_its_value(scales):
    rows = [claim("2.2.3-05", "45"), claim("4.3.2-11", "45", "2025", "sentence")]
    got = periods.infer_periods(rows, scales)
    assert got == {"2.2.3-05": periods.Inferred("2025", ("4.3.2-11",))}


def test_no_period_is_inferred_from_a_twin_whose_value_differs(scales):
    rows = [claim("2.2.3-05", "45"), claim("8.2.2-02", "52", "2026", "sentence")]
    assert periods.infer_periods(rows, scales) == {}


def test_no_period_is_inferred_when_two_agreeing_twins_disagree_on_the_period(scales):
    rows = [
        claim("2.2.3-05", "45"),
        claim("4.3.2-11", "45", "2025", "sentence"),
        claim("8.1.1-01", "45", "2026", "stated"),
    ]
    assert periods.infer_periods(rows, scales) == {}


def test_no_period_is_inferred_from_a_context_period_or_a_target(scales):
    context = [claim("2.2.3-05", "45"), claim("5.3.3-06", "45", "2025", "context")]
    target = [claim("2.2.3-05", "45"), claim("7.1.1-01", "45", "2025", "stated", kind="target")]
    assert periods.infer_periods(context, scales) == {}
    assert periods.infer_periods(target, scales) == {}


def test_no_period_is_inferred_from_a_twin_that_agrees_only_at_the_edge_of_rounding(scales):
    # 45 and 45.4: 45.4 lies inside 45's rounding, but 45 does not lie inside 45.4's (45.35..45.45)
    rows = [claim("2.2.3-05", "45"), claim("4.3.2-11", "45.4", "2025", "sentence")]
    assert periods.infer_periods(rows, scales) == {}


def test_an_inferred_period_turns_two_values_into_a_change_over_time_marked_inferred(scales):
    rows = [
        claim("2.2.3-05", "45"),
        claim("4.3.2-11", "45", "2025", "sentence"),
        claim("8.2.2-02", "52", "2026", "sentence"),
    ]
    rows = periods.with_inferred(rows, scales)
    f = restatement.compare_pair(rows[0], rows[2], scales, "Dewu repurchase rate")
    assert f.verdict == "changed" and f.severity == "low"
    assert "inferred: 4.3.2-11" in f.explanation
    assessed = certainty.assess(f)
    assert assessed.certainty == "moderate" and "inferred" in assessed.certainty_reasons[0]


def test_an_inferred_period_never_makes_a_contradiction(scales):
    # the undated 45 takes 2025 from its twin; against another 2025 value it stays two values, not a contradiction
    rows = [
        claim("2.2.3-05", "45"),
        claim("4.3.2-11", "45", "2025", "sentence"),
        claim("8.2.2-02", "52", "2025", "sentence"),
    ]
    rows = periods.with_inferred(rows, scales)
    f = restatement.compare_pair(rows[0], rows[2], scales, "Dewu repurchase rate")
    assert f.verdict == "two_values"


# --- certainty and severity --------------------------------------------------------------------------------
def finding(check="restatement", verdict="contradiction", severity="high", **extra):
    return Finding("x", check, severity, ["1.1.1"], ["1.1.1-01"], "", [], verdict, extra)


def test_different_wording_makes_a_contradiction_moderate_and_at_most_medium():
    f = certainty.assess(finding(), wording_differs=True)
    assert (f.certainty, f.severity) == ("moderate", "medium")
    assert "possibly different measures" in f.certainty_reasons[0]


def test_same_wording_and_stated_periods_keep_a_contradiction_strong_and_high():
    f = certainty.assess(finding(period_bases=["stated"]))
    assert (f.certainty, f.severity) == ("strong", "high")


def test_a_departure_read_on_a_secondary_page_is_weak_and_low():
    f = certainty.assess(
        finding("official", "inconsistent", "medium", strength="weak", source_quality="secondary", figure_kind="actual")
    )
    assert (f.certainty, f.severity) == ("weak", "low")


def test_an_open_base_lowers_an_outside_finding_one_step_and_says_why():
    from analysis.outside import official

    assert official._open("moderate", {"definition": "open"}) == "weak"
    assert official._open("moderate", {"definition": ""}) == "moderate"
    f = certainty.assess(
        finding(
            "official",
            "inconsistent",
            "medium",
            strength="weak",
            source_quality="mirror",
            figure_kind="actual",
            open_base=True,
        )
    )
    assert f.certainty == "weak" and f.severity == "low"
    assert any("base or subject open" in r for r in f.certainty_reasons)


def test_a_forecast_is_never_strong_and_weak_when_its_series_is_old():
    recent = certainty.assess(finding("forecast", "inconsistent", "medium", fit_years="2015-2024"), year=2026)
    old = certainty.assess(finding("forecast", "consistent", "info", fit_years="2015-2022"), year=2025)
    assert recent.certainty == "moderate" and recent.severity == "medium"
    assert old.certainty == "weak" and "2022" in old.certainty_reasons[1]


def test_arithmetic_is_strong():
    assert certainty.assess(finding("sum", "inconsistent", "medium")).certainty == "strong"


# --- on the real data ------------------------------------------------------------------------------------
def test_dewus_45_percent_reads_as_a_change_over_time_with_an_inferred_year():
    found = {f.id: f for f in register.build()}
    f = found["restatement:2.2.3-05~8.2.2-02"]
    assert f.verdict == "changed" and f.certainty == "moderate"


def test_no_finding_is_louder_than_its_certainty():
    for f in register.build():
        if f.severity != "info":
            assert certainty.capped(f.severity, f.certainty) == f.severity, f.id


def test_perfect_diarys_order_and_trial_conversion_are_two_facts():
    claims = ledger.load_valid().claims.set_index("claim_id")
    assert claims.loc["2.4.2-03", "fact_id"] != claims.loc["3.1.1-04", "fact_id"]


def test_the_gate_refuses_a_wording_judgement_on_a_different_decision(tmp_path):
    data_dir = F.copy_data(tmp_path)
    rows = F.read_dicts(data_dir / "pair_decisions.csv")
    n = next(i for i, r in enumerate(rows, start=2) if r["decision"] == "different")
    F.set_cell("pair_decisions.csv", n, "wording", "differs")(data_dir)
    code, out, err = F.run_forked(["check"], data_dir)
    assert code != 0
    assert "pair_decisions.csv" in out + err and "wording" in out + err
