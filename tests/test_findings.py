"""Findings: must-flag and must-not-flag cases for every check, determinism, JSON shape."""

import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from analysis import register as findings
from analysis import words
from analysis.base import intervals as iv
from analysis.base import paths
from analysis.checks import relations, restatement, share_sums
from analysis.checks.finding import CHECKS, SEVERITIES, VERDICTS

BASE_UNITS = {
    "%": "ratio",
    "万亿元": "CNY",
    "亿元": "CNY",
    "倍": "times",
    "/5": "ratio",
    "/6": "ratio",
    "亿": "persons",
    "万": "persons",
}
UNITS = pd.DataFrame(
    {
        "unit": ["万亿元", "%", "亿元", "倍", "/5", "/6", "亿", "万"],
        "scale": ["1000000000000", "0.01", "100000000", "1", "0.2", "0.1666666666666667", "100000000", "10000"],
    }
)


def _claim(
    cid,
    value,
    bound="=",
    period="2025",
    entity="e",
    metric="m",
    kind="share",
    unit="%",
    span=None,
    basis=None,
    reading="",
    fact="e.m",
):
    return {
        "claim_id": cid,
        "paragraph": cid.split("-")[0],
        "span": span or f"{value}{unit}",
        "occurrence": "1",
        "value": value,
        "unit": unit,
        "value_base": "",
        "base_unit": BASE_UNITS.get(unit, ""),
        "entity": entity,
        "metric": metric,
        "period": period,
        "bound": bound,
        "kind": kind,
        "gloss_en": "g",
        "note": "",
        "fact_id": fact,
        "period_basis": basis or ("stated" if period else "none"),
        "reading": reading,
    }


def _restate(a, b):
    return restatement.restatement_findings(pd.DataFrame([a, b]), {}, UNITS)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (("28.6", "="), ("28.7", "="), "inconsistent"),  # [28.55,28.65) vs [28.65,28.75): touch, never meet
        (("28.6", "="), ("28.65", "="), "edge"),  # 28.645..28.65 admitted by both; as printed they differ
        (("28", "="), ("28.4", "="), "consistent"),  # 28.4 as printed rounds to 28
        (("28", "="), ("28", "="), "consistent"),
        (("300", ">"), ("400", ">"), "consistent"),  # two lower bounds
        (("5", "<"), ("6", ">"), "inconsistent"),
        (("100", "~"), ("104", "="), "consistent"),  # 约 is a word, not a rounding: 104 is within 5 %
    ],
)
def test_restatement_same_year(a, b, expected):
    [f] = _restate(_claim("1.1.1-01", *a), _claim("2.1.1-01", *b))
    expected = "contradiction" if expected == "inconsistent" else expected
    assert f.verdict == expected
    assert f.check == "restatement"
    assert f.severity == ("high" if expected == "contradiction" else "info")


# --- period tiers: what a pair of values of one fact means -------------------------------------------------
@pytest.mark.parametrize(
    "a, b, verdict, severity",
    [
        (("2025", "stated"), ("2025", "sentence"), "contradiction", "high"),  # one period, both firm
        (("2025", "stated"), ("2026", "stated"), "changed", "low"),  # two stated periods: both may hold
        (("2025", "stated"), ("", "none"), "two_values", "medium"),  # no year on one
        (("", "none"), ("", "none"), "two_values", "medium"),  # no year on either
        (("2025", "stated"), ("2025", "context"), "two_values", "medium"),  # a year read from context is not firm
        (("2025", "context"), ("2026", "stated"), "changed", "low"),  # two different years, one inferred
    ],
)
def test_period_tiers_must_flag_with_the_right_tier(a, b, verdict, severity):
    [f] = _restate(_claim("4.1.1-01", "65", period=a[0], basis=a[1]), _claim("8.1.1-01", "78", period=b[0], basis=b[1]))
    assert (f.verdict, f.severity) == (verdict, severity)


@pytest.mark.parametrize(
    "a, b",
    [(("2025", "stated"), ("2026", "stated")), (("", "none"), ("", "none")), (("2025", "stated"), ("2025", "stated"))],
)
def test_period_tiers_must_not_flag_agreeing_values(a, b):
    [f] = _restate(_claim("4.1.1-01", "65", period=a[0], basis=a[1]), _claim("8.1.1-01", "65", period=b[0], basis=b[1]))
    assert f.verdict == "consistent" and not f.shown


def test_a_target_against_a_figure_is_a_change_not_a_contradiction():
    [f] = _restate(_claim("2.4.1-01", "85", period="2025"), _claim("7.1.1-03", "92", period="2025", kind="target"))
    assert (f.verdict, f.severity) == ("changed", "low")
    assert "target" in f.explanation


def test_claims_of_two_facts_are_never_compared():
    a = _claim("7.2.3-02", "500", unit="亿", kind="count", fact="temu.local_staff_hired.indonesia")
    b = _claim("8.3.1-05", "900", unit="亿", kind="count", fact="temu.local_staff_hired.vietnam")
    assert _restate(a, b) == []


# --- values on one footing, whatever the wording ------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b, verdict",
    [
        (("1", "/5", ""), ("1", "/6", ""), "contradiction"),  # 0.2 against 0.1667: fractions are exact
        (("1", "/5", ""), ("80", "%", "decrease"), "consistent"),  # 降至1/5 = 降低80%
        (("1", "/5", ""), ("60", "%", "decrease"), "contradiction"),  # x0.2 against x0.4
        (("13.8", "万亿元", ""), ("138000", "亿元", ""), "consistent"),  # 亿 and 万 scale
        (("9.8", "亿", ""), ("98000", "万", ""), "consistent"),
        (("9.8", "亿", ""), ("99000", "万", ""), "contradiction"),
        (("35", "%", "increase"), ("3.2", "倍", ""), "contradiction"),  # x1.35 against x3.2 or x4.2
        (("220", "%", "increase"), ("3.2", "倍", ""), "consistent"),  # 高220% = x3.2
    ],
)
def test_values_are_compared_after_normalisation(a, b, verdict):
    ka = "growth" if a[2] else "level"
    kb = "growth" if b[2] else "level"
    [f] = _restate(
        _claim("4.1.3-03", a[0], unit=a[1], reading=a[2], kind=ka),
        _claim("8.4.3-03", b[0], unit=b[1], reading=b[2], kind=kb),
    )
    assert f.verdict == verdict


def test_same_paragraph_is_not_a_restatement():
    assert _restate(_claim("1.1.1-01", "3", bound=">="), _claim("1.1.1-02", "5", bound="<=")) == []


# --- cross-paragraph wholes ----------------------------------------------------------------------------------
def _facts(*rows):
    return pd.DataFrame([{"fact_id": f, "whole": w, "label_en": f} for f, w in rows])


@pytest.mark.parametrize(
    "values, verdict",
    [
        (["60", "40.4"], "edge"),  # lower ends 59.5 + 40.35 < 100, but as printed 100.4
        (["60", "40.6"], "inconsistent"),  # at least 59.5 + 40.55 = 100.05
        (["50", "40"], "consistent"),
    ],
)
def test_parts_of_one_whole_are_summed_across_paragraphs(values, verdict):
    claims = pd.DataFrame(
        [
            _claim("2.2.1-02", values[0], entity="a", fact="a.share"),
            _claim("8.1.1-03", values[1], entity="b", fact="b.share"),
        ]
    )
    [f] = share_sums.whole_share_sums(claims, _facts(("a.share", "market"), ("b.share", "market")))
    assert f.verdict == verdict and f.paragraphs == ["2.2.1", "8.1.1"]
    assert f.severity == ("high" if verdict == "inconsistent" else "info")


def test_a_restated_part_counts_with_its_smallest_value_and_other_periods_apart():
    claims = pd.DataFrame(
        [
            _claim("2.2.1-02", "60", entity="a", fact="a.share"),
            _claim("4.1.1-02", "70", entity="a", fact="a.share"),
            _claim("8.1.1-03", "40.2", entity="b", fact="b.share"),
            _claim("8.1.1-04", "90", entity="b", fact="b.share", period="2026"),
        ]
    )
    found = share_sums.whole_share_sums(claims, _facts(("a.share", "market"), ("b.share", "market")))
    assert [f.verdict for f in found] == ["edge"]  # 2025: 60 + 40.2; 2026 has one part only
    assert "2.2.1-02" in found[0].claims and "4.1.1-02" not in found[0].claims


def test_shares_of_one_measure_are_not_summed_without_a_curated_whole():
    claims = pd.DataFrame(
        [
            _claim("4.3.1-10", "78", entity="a", fact="a.share_of_users"),
            _claim("4.3.1-11", "82", entity="b", fact="b.share_of_users"),
        ]
    )
    assert share_sums.whole_share_sums(claims, _facts(("a.share_of_users", ""), ("b.share_of_users", ""))) == []


def test_totals_are_not_parts():
    claims = pd.DataFrame(
        [
            _claim("2.2.1-01", "65", ">", entity="top3", fact="top3.share"),
            _claim("2.2.1-02", "40", entity="a", fact="a.share"),
            _claim("2.2.1-03", "30", entity="b", fact="b.share"),
        ]
    )
    wholes = _facts(("top3.share", "market"), ("a.share", "market"), ("b.share", "market"))
    assert [f.verdict for f in share_sums.whole_share_sums(claims, wholes)] == ["inconsistent"]
    [f] = share_sums.whole_share_sums(claims, wholes, totals={"2.2.1-01"})
    assert f.verdict == "consistent" and "2.2.1-01" not in f.claims


def test_parts_of_different_wholes_are_not_summed():
    claims = pd.DataFrame(
        [_claim("2.2.1-02", "70", entity="a", fact="a.share"), _claim("8.1.1-03", "70", entity="b", fact="b.share")]
    )
    assert share_sums.whole_share_sums(claims, _facts(("a.share", "gmv"), ("b.share", "users"))) == []


@pytest.mark.parametrize(
    "kind, inputs, target, verdict",
    [
        ("growth", [("100", "level", "亿元"), ("110", "level", "亿元")], ("10", "growth", "%"), "consistent"),
        ("growth", [("100", "level", "亿元"), ("110", "level", "亿元")], ("12", "growth", "%"), "inconsistent"),
        ("multiple", [("35", "share", "%"), ("10", "share", "%")], ("3.5", "multiple", "倍"), "consistent"),
        ("multiple", [("35", "share", "%"), ("10", "share", "%")], ("5", "multiple", "倍"), "inconsistent"),
        ("change_pp", [("25", "share", "%"), ("28.5", "share", "%")], ("3.5", "change_pp", "个百分点"), "consistent"),
        ("change_pp", [("25", "share", "%"), ("28.5", "share", "%")], ("5", "change_pp", "个百分点"), "inconsistent"),
        (
            "implied_base",
            [("13.8", "level", "万亿元"), ("28.6", "share", "%")],
            ("48.3", "level", "万亿元"),
            "consistent",
        ),
        (
            "implied_base",
            [("13.8", "level", "万亿元"), ("28.6", "share", "%")],
            ("50", "level", "万亿元"),
            "inconsistent",
        ),
    ],
)
def test_relations(kind, inputs, target, verdict):
    by_id = {}
    ids = []
    for n, (value, k, unit) in enumerate(inputs, start=1):
        cid = f"1.1.1-0{n}"
        by_id[cid] = _claim(cid, value, kind=k, unit=unit, period=str(2020 + 5 * (n - 1)))
        ids.append(cid)
    by_id["1.1.1-09"] = _claim("1.1.1-09", target[0], kind=target[1], unit=target[2])
    rel = {"relation_id": "T1", "kind": kind, "inputs": " ".join(ids), "target": "1.1.1-09", "note": ""}
    assert relations.evaluate_relation(rel, by_id).verdict == verdict


def test_cagr_round_trip():
    by_id = {
        "1.1.1-01": _claim("1.1.1-01", "100", kind="level", unit="亿元", period="2020"),
        "1.1.1-02": _claim("1.1.1-02", "161.1", kind="level", unit="亿元", period="2025"),
        "1.1.1-03": _claim("1.1.1-03", "10", kind="cagr", period="2020-2025"),
    }
    rel = {"relation_id": "T2", "kind": "cagr", "inputs": "1.1.1-01 1.1.1-02", "target": "1.1.1-03", "note": ""}
    assert relations.evaluate_relation(rel, by_id).verdict == "consistent"  # 1.1**5 = 1.61051


@pytest.mark.parametrize(
    "a, b, verdict",
    [
        (("35", "%", ""), ("3.2", "倍", ""), "inconsistent"),  # x1.35 against x3.2 or x4.2
        (("220", "%", ""), ("3.2", "倍", ""), "consistent"),  # 高220% = x3.2
        (("320", "%", ""), ("3.2", "倍", ""), "consistent"),  # 高出3.2倍 read as x4.2
        (("60", "%", "-"), ("1", "/5", ""), "inconsistent"),  # 降低60% = x0.4 against 1/5 = x0.2
        (("80", "%", "-"), ("1", "/5", ""), "consistent"),  # 降低80% = x0.2
        (("80.5", "%", "-"), ("1", "/5", ""), "inconsistent"),  # x[0.1945, 0.1955]: 1/5 is exact, not rounded
    ],
)
def test_same_change(a, b, verdict):
    by_id = {
        "1.1.1-01": _claim("1.1.1-01", a[0], unit=a[1], kind="growth"),
        "2.1.1-01": _claim("2.1.1-01", b[0], unit=b[1], kind="ratio"),
    }  # both 2025: same year
    rel = {
        "relation_id": "T3",
        "kind": "same_change",
        "inputs": f"{a[2]}1.1.1-01 {b[2]}2.1.1-01",
        "target": "",
        "note": "",
    }
    found = relations.evaluate_relation(rel, by_id)
    assert found.verdict == verdict
    assert found.severity == ("high" if verdict == "inconsistent" else "info")


def test_same_change_without_a_common_year_is_two_values_not_contradiction():
    by_id = {
        "1.1.1-01": _claim("1.1.1-01", "35", kind="growth", period=""),
        "2.1.1-01": _claim("2.1.1-01", "3.2", unit="倍", kind="multiple", period=""),
    }
    rel = {"relation_id": "T8", "kind": "same_change", "inputs": "1.1.1-01 2.1.1-01", "target": "", "note": ""}
    found = relations.evaluate_relation(rel, by_id)
    assert (found.verdict, found.severity) == ("two_values", "medium")


@pytest.mark.parametrize(
    "values, verdict", [(["60", "40.4"], "edge"), (["60", "40.6"], "inconsistent"), (["59", "40"], "consistent")]
)
def test_share_sum_without_target_is_held_against_the_whole(values, verdict):
    # 60 + 40.4 can be as low as 59.5 + 40.35 < 100; 60 + 40.6 is at least 59.5 + 40.55 = 100.05
    by_id = {f"1.1.1-0{n}": _claim(f"1.1.1-0{n}", v) for n, v in enumerate(values, start=1)}
    rel = {"relation_id": "T4", "kind": "sum", "inputs": " ".join(by_id), "target": "", "note": ""}
    assert relations.evaluate_relation(rel, by_id).verdict == verdict


def test_relation_without_target_is_computed_and_not_counted_as_checked():
    by_id = {
        "1.1.1-01": _claim("1.1.1-01", "13.8", kind="level", unit="万亿元"),
        "1.1.1-02": _claim("1.1.1-02", "28.6"),
    }
    rel = {"relation_id": "T5", "kind": "implied_base", "inputs": "1.1.1-01 1.1.1-02", "target": "", "note": ""}
    found = relations.evaluate_relation(rel, by_id)
    assert found.verdict == "computed"
    data = type("L", (), {"claims": pd.DataFrame(list(by_id.values()))})
    trust = findings.trust_table(data, [found])
    assert trust[words.NOT_CHECKABLE].sum() == 2 and trust[words.STATUS_WORDS["consistent"]].sum() == 0


def test_register_is_deterministic_and_well_formed():
    cmd = [sys.executable, "-m", "analysis", "findings", "--format", "json"]
    runs = [subprocess.run(cmd, cwd=paths.ROOT, capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    records = json.loads(runs[0])
    claims = pd.read_csv(paths.CLAIMS, dtype=str, keep_default_na=False)
    ids, keys = set(claims["claim_id"]), set(claims["paragraph"])
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert set(r) == set(findings.RECORD_KEYS)
        assert r["certainty"] in ("strong", "moderate", "weak")
        assert r["check"] in CHECKS and r["severity"] in SEVERITIES and r["verdict"] in VERDICTS
        assert set(r["claims"]) <= ids and set(r["paragraphs"]) <= keys
        assert r["explanation"] and r["quotes"]


def test_include_consistent_lists_every_check_with_its_verdict():
    cmd = [sys.executable, "-m", "analysis", "findings", "--format", "json", "--include-consistent"]
    runs = [subprocess.run(cmd, cwd=paths.ROOT, capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    records = json.loads(runs[0])
    verdicts = {r["verdict"] for r in records}
    assert {"consistent", "edge", "contradiction"} <= verdicts
    shown = {
        r["id"] for r in json.loads(subprocess.run(cmd[:-1], cwd=paths.ROOT, capture_output=True, check=True).stdout)
    }
    assert shown < {r["id"] for r in records}


def test_known_contradiction_is_in_the_register():
    ids = {f.id for f in findings.build()}
    assert "restatement:1.1.2-01~2.1.1-06" in ids  # live commerce 25% vs 28% of online retail, both 2025


def test_cagr_must_flag():
    by_id = {
        "1.1.1-01": _claim("1.1.1-01", "100", kind="level", unit="亿元", period="2020"),
        "1.1.1-02": _claim("1.1.1-02", "161.1", kind="level", unit="亿元", period="2025"),
        "1.1.1-03": _claim("1.1.1-03", "12", kind="cagr", period="2020-2025"),
    }
    rel = {"relation_id": "T6", "kind": "cagr", "inputs": "1.1.1-01 1.1.1-02", "target": "1.1.1-03", "note": ""}
    found = relations.evaluate_relation(rel, by_id)
    assert (found.verdict, found.severity) == ("inconsistent", "high")


@pytest.mark.parametrize(
    "parts, total, bound, verdict",
    [
        (["28.3", "22.1", "14.6"], "65", ">", "edge"),  # 65.0 exceeds 64.5 only thanks to rounding (R001)
        (["28.3", "22.1", "14.7"], "65", ">", "consistent"),  # 65.1 is over 65 as printed
        (["28.3", "22.1", "14.6"], "66", ">", "inconsistent"),  # at most 65.15, never above 65.5
        (["28.3", "22.1", "14.6"], "65.2", "=", "edge"),  # [65.15, 65.25) meets the (closed) computed [64.85, 65.15]
        (["28.3", "22.1", "14.6"], "65.3", "=", "inconsistent"),  # [65.25, 65.35) does not
    ],
)
def test_sum_against_a_stated_total_at_the_half_unit_edge(parts, total, bound, verdict):
    by_id = {f"2.2.1-0{n}": _claim(f"2.2.1-0{n}", v, entity=f"p{n}") for n, v in enumerate(parts, start=2)}
    by_id["2.2.1-01"] = _claim("2.2.1-01", total, bound=bound, entity="top3")
    rel = {"relation_id": "T7", "kind": "sum", "inputs": "2.2.1-02 2.2.1-03 2.2.1-04", "target": "2.2.1-01", "note": ""}
    assert relations.evaluate_relation(rel, by_id).verdict == verdict


_UNITS = pd.DataFrame({"unit": ["万亿元", "%", "亿元"], "scale": ["1000000000000", "0.01", "100000000"]})


def _official_row(value, unit="CNY_100m", period="2025", kind="actual"):
    return pd.DataFrame(
        [
            {
                "series_id": "S",
                "series_name_en": "s",
                "series_name_zh": "s",
                "period": period,
                "value": value,
                "unit": unit,
                "figure_kind": kind,
                "source_org": "NBS",
                "source_quality": "official",
                "source_url": "http://example.invalid/s",
                "quote": f"{value}",
                "retrieved_note": "",
            }
        ]
    )


@pytest.mark.parametrize(
    "claim, official_value, official_period, verdict",
    [
        (("13.8", "万亿元", "2025"), "138000", "2025", "consistent"),
        (("13.8", "万亿元", "2025"), "138499", "2025", "consistent"),  # 13.8499万亿: inside [13.75, 13.85)
        (("13.8", "万亿元", "2025"), "138500", "2025", "consistent"),  # 138500亿 is itself [138499.5, 138500.5)
        (("13.8", "万亿元", "2025"), "138510", "2025", "inconsistent"),  # [13.85095, 13.85105): past the open 13.85
        (("13.8", "万亿元", "2025"), "159722", "2025", "inconsistent"),
        (("182", "亿元", "2025"), "182.28", "2021-04-10", "inconsistent"),  # value agrees, year does not
    ],
)
def test_official_must_and_must_not_flag(claim, official_value, official_period, verdict):
    from analysis.outside import official

    claims = pd.DataFrame([_claim("2.1.1-03", claim[0], unit=claim[1], period=claim[2], kind="level")])
    mapping = [{"claim_id": "2.1.1-03", "series_id": "S", "official_period": official_period, "note": ""}]
    [found] = official.official_findings(claims, _UNITS, _official_row(official_value, period=official_period), mapping)
    assert found.verdict == verdict
    assert found.severity == ("medium" if verdict == "inconsistent" else "info")
    assert "http://example.invalid/s" in found.explanation


@pytest.mark.parametrize(
    "claim, whole, verdict",
    [
        (("2.8", ">"), "1.61", "inconsistent"),  # over 2.8亿 users aged 60+ against 1.61亿 internet users aged 60+
        (("1.6", "="), "1.61", "consistent"),  # a part below its whole
        (("1.61", "="), "1.61", "consistent"),  # a part as large as its whole, at the printed precision
        (("1.62", "="), "1.61", "inconsistent"),  # [1.615, 1.625) starts where the whole's [1.605, 1.615) ends
        (("1.7", "="), "1.61", "inconsistent"),  # [1.65, 1.75) wholly above [1.605, 1.615)
        (("3", "<"), "1.61", "consistent"),  # "under 3亿" can be a part of 1.61亿
    ],
)
def test_a_part_cannot_exceed_its_whole(claim, whole, verdict):
    from analysis.outside import official

    units = pd.DataFrame({"unit": ["亿"], "scale": ["100000000"]})
    c = _claim("2.3.1-03", claim[0], bound=claim[1], unit="亿", kind="level")
    mapping = [
        {
            "claim_id": "2.3.1-03",
            "series_id": "S",
            "official_period": "2025",
            "comparison": "part_of",
            "denominator_series": "",
            "denominator_period": "",
            "note": "",
        }
    ]
    [found] = official.official_findings(pd.DataFrame([c]), units, _official_row(whole, unit="persons_100m"), mapping)
    assert found.verdict == verdict
    assert found.severity == ("medium" if verdict == "inconsistent" else "info")
    assert ("a part cannot exceed its whole" in found.explanation) == (verdict == "inconsistent")


def _two_rows(numerator, denominator, unit="CNY_bn"):
    rows = pd.concat([_official_row(numerator, unit=unit), _official_row(denominator, unit=unit)], ignore_index=True)
    rows.loc[1, "series_id"] = "D"
    rows.loc[1, "source_url"] = "http://example.invalid/d"
    return rows


@pytest.mark.parametrize(
    "claim, comparison, verdict",
    [
        (("20", ">"), "same", "consistent"),  # 24.5/105.9 = 23.1%: over 20% holds
        (("20", "="), "same", "inconsistent"),  # but it is not 20% at the printed precision
        (("23", "="), "same", "consistent"),  # [22.5, 23.5) holds 23.1%
        (("18", "="), "part_of", "consistent"),  # a part at 18% of a whole at 23.1%
        (("24", "="), "part_of", "inconsistent"),  # a part at [23.5, 24.5) cannot fit in 23.1%
    ],
)
def test_a_ratio_of_two_published_rows(claim, comparison, verdict):
    from analysis.outside import official

    claims = pd.DataFrame([_claim("2.2.3-02", claim[0], bound=claim[1])])
    mapping = [
        {
            "claim_id": "2.2.3-02",
            "series_id": "S",
            "official_period": "2025",
            "comparison": comparison,
            "denominator_series": "D",
            "denominator_period": "2025",
            "note": "",
        }
    ]
    [found] = official.official_findings(claims, _UNITS, _two_rows("24.5", "105.9"), mapping)
    assert found.verdict == verdict
    assert "23.14%" in found.explanation and "http://example.invalid/d" in found.explanation


def test_speedup_reads_a_cycle_cut_both_ways_with_the_same_rounding():
    # R008: 从30天缩短至7天, 效率提升75%: the cut (30-7)/30 with rounded days is 74.6 %..78.7 %
    by_id = {
        "7.1.3-05": _claim("7.1.3-05", "30", unit="天", kind="duration", period=""),
        "7.1.3-06": _claim("7.1.3-06", "7", unit="天", kind="duration", period=""),
        "7.1.3-07": _claim("7.1.3-07", "75", kind="growth", period=""),
    }
    rel = {"relation_id": "T9", "kind": "speedup", "inputs": "7.1.3-05 7.1.3-06", "target": "7.1.3-07", "note": ""}
    found = relations.evaluate_relation(rel, by_id)
    assert (found.verdict, found.severity) == ("edge", "info")  # 76.7 % as printed: only rounding reaches 75 %
    by_id["7.1.3-07"] = _claim("7.1.3-07", "90", kind="growth", period="")
    assert relations.evaluate_relation(rel, by_id).verdict == "inconsistent"  # neither 74.6-78.7 nor 293-369
    by_id["7.1.3-07"] = _claim("7.1.3-07", "329", kind="growth", period="")
    assert relations.evaluate_relation(rel, by_id).verdict == "consistent"  # the speed-up reading, as printed too


def test_r008_is_no_longer_high():
    found = {f.id: f for f in findings.build(include_consistent=True, with_forecasts=False)}
    r008 = found["speedup:R008"]
    assert r008.severity == "info" and r008.verdict == "edge"


def test_the_markdown_register_reads_in_words_with_ids_only_as_code():
    from analysis import register as findings_mod

    md = findings_mod.render(findings_mod.build(), "md")
    prose = re.sub(r"`[^`]*`", "", md)
    assert not re.findall(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b", prose), "snake_case outside code spans"
    assert "**Departs from the outside record** (official check;" in md


# --- the kind of outside figure (figure_kind): a projection or a partial period is context, never the record --
@pytest.mark.parametrize(
    "official_value, official_period, kind, verdict, strength",
    [
        ("159722", "2025", "projection", "context", "context"),  # would depart as the record: not as a projection
        ("138000", "2025", "projection", "context", "context"),  # agreeing with a projection confirms nothing
        ("159722", "2025-01/09", "partial_period", "context", "context"),  # January-September is not the year
        ("159722", "2025", "preliminary", "inconsistent", "moderate"),  # a preliminary figure is the record, weaker
        ("138000", "2025", "estimate", "consistent", "moderate"),
        ("138000", "2025", "actual", "consistent", "strong"),  # the issuer's own site, the published figure
    ],
)
def test_projections_and_partial_periods_never_depart(official_value, official_period, kind, verdict, strength):
    from analysis.outside import official

    claims = pd.DataFrame([_claim("2.1.1-03", "13.8", unit="万亿元", period="2025", kind="level")])
    mapping = [{"claim_id": "2.1.1-03", "series_id": "S", "official_period": official_period, "note": ""}]
    stats = _official_row(official_value, period=official_period, kind=kind)
    [found] = official.official_findings(claims, _UNITS, stats, mapping)
    assert (found.verdict, found.extra["strength"]) == (verdict, strength)
    assert found.severity == ("medium" if verdict == "inconsistent" else "info")
    if verdict == "context":
        assert "not held against it" in found.explanation and "Evidence" not in found.explanation
    else:
        assert f"Evidence: {strength}" in found.explanation


def test_the_record_wins_over_a_projection_for_the_same_period():
    from analysis.outside import official

    claims = pd.DataFrame([_claim("2.1.1-03", "13.8", unit="万亿元", period="2025", kind="level")])
    mapping = [{"claim_id": "2.1.1-03", "series_id": "S", "official_period": "2025", "note": ""}]
    stats = pd.concat([_official_row("200000", kind="projection"), _official_row("138000", kind="actual")])
    [found] = official.official_findings(claims, _UNITS, stats, mapping)
    assert found.verdict == "consistent" and found.extra["official_value"] == "138000"


@pytest.mark.parametrize(
    "quality, kind, strength",
    [
        ("official", "actual", "strong"),
        ("news", "actual", "moderate"),
        ("mirror", "actual", "moderate"),
        ("secondary", "actual", "weak"),
        ("official", "preliminary", "moderate"),
        ("mirror", "estimate", "weak"),
        ("secondary", "preliminary", "weak"),
    ],
)
def test_evidence_strength_from_grade_and_kind(quality, kind, strength):
    from analysis.outside import official

    assert official.evidence_strength({"source_quality": quality, "figure_kind": kind}) == strength


# --- a full-year claim against a partial period, adjusted on the stated assumption that its pace held --------
def _gacc(part="2.06", growth="6.4", previous="2.63"):
    def row(series, period, value, unit, kind):
        r = _official_row(value, unit=unit, period=period, kind=kind).iloc[0].to_dict()
        return {**r, "series_id": series}

    return pd.DataFrame(
        [
            row("T", "2025-01/09", part, "CNY_trn", "partial_period"),
            row("T_YOY", "2025-01/09", growth, "pct", "partial_period"),
            row("T", "2024", previous, "CNY_trn", "actual"),
        ]
    )


@pytest.mark.parametrize(
    "series, claim, verdict",
    [
        ("T", ("3.2", "万亿元"), "inconsistent"),  # 2.63 x 1.064 = 2.80: 3.2 departs, if the pace held
        ("T", ("2.8", "万亿元"), "consistent"),  # the pace held: agrees
        ("T_YOY", ("21.4", "%"), "inconsistent"),  # 21.4 % against 6.4 % so far
        ("T_YOY", ("6.4", "%"), "consistent"),
    ],
)
def test_a_partial_period_is_held_only_with_its_adjustment_stated(series, claim, verdict):
    from analysis.checks import certainty
    from analysis.outside import official

    claims = pd.DataFrame([_claim("2.1.1-09", claim[0], unit=claim[1], period="2025", kind="level")])
    mapping = [
        {
            "claim_id": "2.1.1-09",
            "series_id": series,
            "official_period": "2025-01/09",
            "note": "",
            "adjustment": "pace_held",
        }
    ]
    [found] = official.official_findings(claims, _UNITS, _gacc(), mapping)
    assert found.verdict == verdict
    assert "If the pace of 2025-01/09 had held" in found.explanation
    assert "rest of the year would have needed growth of" in found.explanation
    assessed = certainty.assess(found)
    assert assessed.certainty == "weak"  # a part of a year is weak evidence for the whole
    assert assessed.severity in ("low", "info")
    assert any("adjusted to the full year" in r for r in assessed.certainty_reasons)


def test_the_rest_of_the_year_needs_what_the_rows_imply():
    from analysis.outside import adjusted

    rows = _gacc().to_dict("records")
    by = {(r["series_id"], r["period"]): r for r in rows}
    got = adjusted.pace_held(
        "T",
        "2025-01/09",
        Fraction(32, 10) * 10**12,
        lambda s, p: by.get((s, p)),
        lambda r: iv.scale(iv.stated(r["value"]), Fraction(1, 100) if r["unit"] == "pct" else 10**12),
    )
    # Jan-Sep 2024 = 2.06 / 1.064 = 1.936; Q4 2024 = 2.63 - 1.936 = 0.694; Q4 2025 needs 3.2 - 2.06 = 1.14: +64 %
    assert round(float(got.rest_needed), 2) == 0.64
    assert got is not None and adjusted.pace_held("T", "2025-01/09", Fraction(3), lambda s, p: None, None) is None


def test_the_gate_refuses_an_adjustment_of_a_whole_year_or_without_its_rows(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    import faults as F

    data_dir = F.copy_data(tmp_path)
    rows = F.read_dicts(data_dir / "reference/claim_official_map.csv")
    n = next(i for i, r in enumerate(rows, start=2) if r["adjustment"] == "pace_held")
    F.set_cell("reference/claim_official_map.csv", n, "official_period", "2024")(data_dir)
    code, out, err = F.run_forked(["check"], data_dir)
    assert code != 0 and "claim_official_map.csv" in out + err and "adjustment" in out + err
