"""Findings: must-flag and must-not-flag pairs, relations, determinism, JSON shape."""
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import findings, paths


def _claim(cid, value, bound="=", period="2025", entity="e", metric="m", kind="share", unit="%", span=None):
    return {"claim_id": cid, "paragraph": cid.split("-")[0], "span": span or f"{value}{unit}", "occurrence": "1",
            "value": value, "unit": unit, "value_base": "", "base_unit": "", "entity": entity, "metric": metric,
            "period": period, "bound": bound, "kind": kind, "gloss_en": "g", "note": ""}


def _restate(a, b):
    return findings.restatement_findings(pd.DataFrame([a, b]), {}, {})


@pytest.mark.parametrize("a, b, expected", [
    (("28.6", "="), ("28.7", "="), "inconsistent"),   # [28.55,28.65) vs [28.65,28.75): touch, never meet
    (("28.6", "="), ("28.65", "="), "consistent"),     # 28.645..28.65 admitted by both
    (("28", "="), ("28.4", "="), "consistent"),
    (("300", ">"), ("400", ">"), "consistent"),         # two lower bounds
    (("5", "<"), ("6", ">"), "inconsistent"),
    (("100", "~"), ("104", "="), "consistent"),
])
def test_restatement_same_year(a, b, expected):
    [f] = _restate(_claim("1.1.1-01", *a), _claim("2.1.1-01", *b))
    assert f.verdict == expected
    assert f.check == "restatement"
    assert f.severity == ("high" if expected == "inconsistent" else "info")


def test_other_year_is_drift_not_contradiction():
    [f] = _restate(_claim("4.1.1-01", "65", period="2025"), _claim("8.1.1-01", "78", period="2026"))
    assert (f.check, f.severity, f.verdict) == ("drift", "low", "inconsistent")


def test_same_paragraph_is_not_a_restatement():
    assert _restate(_claim("1.1.1-01", "3", bound=">="), _claim("1.1.1-02", "5", bound="<=")) == []


def test_shares_exceeding_the_whole_are_flagged_and_totals_excluded():
    rows = pd.DataFrame([_claim("2.2.1-01", "65", ">", entity="top3"), _claim("2.2.1-02", "40", entity="a"),
                         _claim("2.2.1-03", "30", entity="b")])
    assert findings.share_sum_findings(rows, totals={"2.2.1-01"}) == []
    flagged = findings.share_sum_findings(rows)
    assert flagged and flagged[0].severity == "high"
    ok = pd.DataFrame([_claim("2.2.1-02", "49.9", entity="a"), _claim("2.2.1-03", "50.1", entity="b")])
    assert findings.share_sum_findings(ok) == []


@pytest.mark.parametrize("kind, inputs, target, verdict", [
    ("growth", [("100", "level", "亿元"), ("110", "level", "亿元")], ("10", "growth", "%"), "consistent"),
    ("growth", [("100", "level", "亿元"), ("110", "level", "亿元")], ("12", "growth", "%"), "inconsistent"),
    ("multiple", [("35", "share", "%"), ("10", "share", "%")], ("3.5", "multiple", "倍"), "consistent"),
    ("multiple", [("35", "share", "%"), ("10", "share", "%")], ("5", "multiple", "倍"), "inconsistent"),
    ("change_pp", [("25", "share", "%"), ("28.5", "share", "%")], ("3.5", "change_pp", "个百分点"), "consistent"),
    ("change_pp", [("25", "share", "%"), ("28.5", "share", "%")], ("5", "change_pp", "个百分点"), "inconsistent"),
    ("implied_base", [("13.8", "level", "万亿元"), ("28.6", "share", "%")], ("48.3", "level", "万亿元"), "consistent"),
    ("implied_base", [("13.8", "level", "万亿元"), ("28.6", "share", "%")], ("50", "level", "万亿元"), "inconsistent"),
])
def test_relations(kind, inputs, target, verdict):
    by_id = {}
    ids = []
    for n, (value, k, unit) in enumerate(inputs, start=1):
        cid = f"1.1.1-0{n}"
        by_id[cid] = _claim(cid, value, kind=k, unit=unit, period=str(2020 + 5 * (n - 1)))
        ids.append(cid)
    by_id["1.1.1-09"] = _claim("1.1.1-09", target[0], kind=target[1], unit=target[2])
    rel = {"relation_id": "T1", "kind": kind, "inputs": " ".join(ids), "target": "1.1.1-09", "note": ""}
    assert findings.evaluate_relation(rel, by_id).verdict == verdict


def test_cagr_round_trip():
    by_id = {"1.1.1-01": _claim("1.1.1-01", "100", kind="level", unit="亿元", period="2020"),
             "1.1.1-02": _claim("1.1.1-02", "161.1", kind="level", unit="亿元", period="2025"),
             "1.1.1-03": _claim("1.1.1-03", "10", kind="cagr", period="2020-2025")}
    rel = {"relation_id": "T2", "kind": "cagr", "inputs": "1.1.1-01 1.1.1-02", "target": "1.1.1-03", "note": ""}
    assert findings.evaluate_relation(rel, by_id).verdict == "consistent"  # 1.1**5 = 1.61051


@pytest.mark.parametrize("a, b, verdict", [
    (("35", "%", ""), ("3.2", "倍", ""), "inconsistent"),      # x1.35 against x3.2 or x4.2
    (("220", "%", ""), ("3.2", "倍", ""), "consistent"),       # 高220% = x3.2
    (("320", "%", ""), ("3.2", "倍", ""), "consistent"),       # 高出3.2倍 read as x4.2
    (("60", "%", "-"), ("1", "/5", ""), "inconsistent"),      # 降低60% = x0.4 against 1/5 = x0.2
    (("80", "%", "-"), ("1", "/5", ""), "consistent"),        # 降低80% = x0.2
    (("80.5", "%", "-"), ("1", "/5", ""), "inconsistent"),    # x[0.1945, 0.1955]: 1/5 is exact, not rounded
])
def test_same_change(a, b, verdict):
    by_id = {"1.1.1-01": _claim("1.1.1-01", a[0], unit=a[1], kind="growth"),
             "2.1.1-01": _claim("2.1.1-01", b[0], unit=b[1], kind="ratio")}  # both 2025: same year
    rel = {"relation_id": "T3", "kind": "same_change", "inputs": f"{a[2]}1.1.1-01 {b[2]}2.1.1-01", "target": "", "note": ""}
    found = findings.evaluate_relation(rel, by_id)
    assert found.verdict == verdict
    assert found.severity == ("high" if verdict == "inconsistent" else "info")


def test_same_change_without_a_common_year_is_ambiguity_not_contradiction():
    by_id = {"1.1.1-01": _claim("1.1.1-01", "35", kind="growth", period=""),
             "2.1.1-01": _claim("2.1.1-01", "3.2", unit="倍", kind="multiple", period="")}
    rel = {"relation_id": "T8", "kind": "same_change", "inputs": "1.1.1-01 2.1.1-01", "target": "", "note": ""}
    found = findings.evaluate_relation(rel, by_id)
    assert (found.verdict, found.severity) == ("inconsistent", "low")


@pytest.mark.parametrize("values, verdict", [(["60", "40.4"], "consistent"), (["60", "40.6"], "inconsistent")])
def test_share_sum_without_target_is_held_against_the_whole(values, verdict):
    # 60 + 40.4 can be as low as 59.5 + 40.35 < 100; 60 + 40.6 is at least 59.5 + 40.55 = 100.05
    by_id = {f"1.1.1-0{n}": _claim(f"1.1.1-0{n}", v) for n, v in enumerate(values, start=1)}
    rel = {"relation_id": "T4", "kind": "sum", "inputs": " ".join(by_id), "target": "", "note": ""}
    assert findings.evaluate_relation(rel, by_id).verdict == verdict


def test_relation_without_target_is_computed_and_not_counted_as_checked():
    by_id = {"1.1.1-01": _claim("1.1.1-01", "13.8", kind="level", unit="万亿元"),
             "1.1.1-02": _claim("1.1.1-02", "28.6")}
    rel = {"relation_id": "T5", "kind": "implied_base", "inputs": "1.1.1-01 1.1.1-02", "target": "", "note": ""}
    found = findings.evaluate_relation(rel, by_id)
    assert found.verdict == "computed"
    data = type("L", (), {"claims": pd.DataFrame(list(by_id.values()))})
    trust = findings.trust_table(data, [found])
    assert trust["unverifiable"].sum() == 2 and trust["consistent"].sum() == 0


def test_register_is_deterministic_and_well_formed():
    cmd = [sys.executable, "-m", "analysis", "findings", "--format", "json"]
    runs = [subprocess.run(cmd, cwd=paths.ROOT, capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    records = json.loads(runs[0])
    claims = pd.read_csv(paths.CLAIMS, dtype=str, keep_default_na=False)
    ids, keys = set(claims["claim_id"]), set(claims["paragraph"])
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert set(r) == {"id", "check", "severity", "paragraphs", "claims", "explanation", "quotes"}
        assert r["check"] in findings.CHECKS and r["severity"] in findings.SEVERITIES
        assert set(r["claims"]) <= ids and set(r["paragraphs"]) <= keys
        assert r["explanation"] and r["quotes"]


def test_known_contradiction_is_in_the_register():
    ids = {f.id for f in findings.build()}
    assert "restatement:1.1.2-01~2.1.1-06" in ids  # live commerce 25% vs 28% of online retail, both 2025


def test_cagr_must_flag():
    by_id = {"1.1.1-01": _claim("1.1.1-01", "100", kind="level", unit="亿元", period="2020"),
             "1.1.1-02": _claim("1.1.1-02", "161.1", kind="level", unit="亿元", period="2025"),
             "1.1.1-03": _claim("1.1.1-03", "12", kind="cagr", period="2020-2025")}
    rel = {"relation_id": "T6", "kind": "cagr", "inputs": "1.1.1-01 1.1.1-02", "target": "1.1.1-03", "note": ""}
    found = findings.evaluate_relation(rel, by_id)
    assert (found.verdict, found.severity) == ("inconsistent", "high")


@pytest.mark.parametrize("parts, total, bound, verdict", [
    (["28.3", "22.1", "14.6"], "65", ">", "consistent"),     # 65.0 can exceed 64.5 (超过65% read generously)
    (["28.3", "22.1", "14.6"], "66", ">", "inconsistent"),   # at most 65.15, never above 65.5
    (["28.3", "22.1", "14.6"], "65.2", "=", "consistent"),   # [65.15, 65.25) meets the (closed) computed [64.85, 65.15]
    (["28.3", "22.1", "14.6"], "65.3", "=", "inconsistent"), # [65.25, 65.35) does not
])
def test_sum_against_a_stated_total_at_the_half_unit_edge(parts, total, bound, verdict):
    by_id = {f"2.2.1-0{n}": _claim(f"2.2.1-0{n}", v, entity=f"p{n}") for n, v in enumerate(parts, start=2)}
    by_id["2.2.1-01"] = _claim("2.2.1-01", total, bound=bound, entity="top3")
    rel = {"relation_id": "T7", "kind": "sum", "inputs": "2.2.1-02 2.2.1-03 2.2.1-04", "target": "2.2.1-01", "note": ""}
    assert findings.evaluate_relation(rel, by_id).verdict == verdict


_UNITS = pd.DataFrame({"unit": ["万亿元", "%", "亿元"], "scale": ["1000000000000", "0.01", "100000000"]})


def _official_row(value, unit="CNY_100m", period="2025"):
    return pd.DataFrame([{"series_id": "S", "series_name_en": "s", "series_name_zh": "s", "period": period,
                          "value": value, "unit": unit, "source_org": "NBS", "source_quality": "official",
                          "source_url": "http://example.invalid/s", "quote": f"{value}", "retrieved_note": ""}])


@pytest.mark.parametrize("claim, official_value, official_period, verdict", [
    (("13.8", "万亿元", "2025"), "138000", "2025", "consistent"),
    (("13.8", "万亿元", "2025"), "138499", "2025", "consistent"),     # 13.8499万亿: inside [13.75, 13.85)
    (("13.8", "万亿元", "2025"), "138500", "2025", "consistent"),     # 138500亿 is itself [138499.5, 138500.5)
    (("13.8", "万亿元", "2025"), "138510", "2025", "inconsistent"),   # [13.85095, 13.85105): past the open 13.85
    (("13.8", "万亿元", "2025"), "159722", "2025", "inconsistent"),
    (("182", "亿元", "2025"), "182.28", "2021-04-10", "inconsistent"),  # value agrees, year does not
])
def test_official_must_and_must_not_flag(claim, official_value, official_period, verdict):
    from analysis import official
    claims = pd.DataFrame([_claim("2.1.1-03", claim[0], unit=claim[1], period=claim[2], kind="level")])
    mapping = [{"claim_id": "2.1.1-03", "series_id": "S", "official_period": official_period, "note": ""}]
    [found] = official.official_findings(claims, _UNITS, _official_row(official_value, period=official_period), mapping)
    assert found.verdict == verdict
    assert found.severity == ("medium" if verdict == "inconsistent" else "info")
    assert "http://example.invalid/s" in found.explanation
