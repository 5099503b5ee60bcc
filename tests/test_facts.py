"""The fact layer: facts validate, every proposed pair is decided, the gate names what is wrong."""

import copy
import subprocess
import sys

import pandas as pd
import pytest

from analysis import facts, ledger
from analysis.base import paths, schema
from analysis.facts import candidates, retellings


@pytest.fixture(scope="module")
def data():
    return ledger.load_valid()


@pytest.fixture(scope="module")
def files():
    return facts.load()


def _fact_of(data):
    return dict(zip(data.claims["claim_id"], data.claims["fact_id"]))


def test_the_fact_layer_validates(data, files):
    assert facts.problems(data, files) == []
    assert facts.undecided_problems(data, files) == []


def test_every_claim_has_a_fact_and_every_fact_a_claim(data, files):
    assert (data.claims["fact_id"] != "").all()
    assert set(data.claims["fact_id"]) == set(files.facts["fact_id"])


def test_an_undecided_pair_fails_the_gate_naming_both_claims(data, files):
    first = candidates.propose(data.claims, ledger.paragraph_texts())[0]
    fewer = facts.FactFiles(
        files.facts, [d for d in files.decisions if {d["claim_a"], d["claim_b"]} != {first.claim_a, first.claim_b}]
    )
    problems = facts.undecided_problems(data, fewer)
    assert len(problems) == 1
    message = str(problems[0])
    assert first.claim_a in message and first.claim_b in message and "pair_decisions.csv" in message


def test_check_command_fails_on_an_undecided_pair(tmp_path):
    """End to end: remove one decision from a copy of data/ and `check` exits non-zero naming the pair."""
    import shutil

    copy_dir = tmp_path / "data"
    shutil.copytree(paths.DATA, copy_dir)
    rows = facts.load_decisions(copy_dir / "pair_decisions.csv")
    dropped = rows.pop(0)
    pd.DataFrame(rows, columns=schema.columns("pair_decisions.csv")).to_csv(
        copy_dir / "pair_decisions.csv", index=False, lineterminator="\n"
    )
    data = ledger.load_valid()
    problems = facts.undecided_problems(data, facts.load(copy_dir / "facts.csv", copy_dir / "pair_decisions.csv"))
    assert any(dropped["claim_a"] in str(p) and dropped["claim_b"] in str(p) for p in problems)


def test_a_same_decision_across_two_facts_is_an_error(data, files):
    decisions = copy.deepcopy(files.decisions)
    different = next(d for d in decisions if d["decision"] == "different")
    different["decision"] = "same"
    problems = facts.problems(data, facts.FactFiles(files.facts, decisions))
    assert any(p.field == "decision" and different["claim_a"] in p.ident for p in problems)


def test_a_claim_whose_metric_is_not_its_facts_is_an_error(data, files):
    claims = data.claims.copy()
    claims.loc[0, "metric"] = next(m for m in data.metrics["metric"] if m != claims.loc[0, "metric"])
    broken = ledger.Ledger(claims, data.non_claims, data.units, data.entities, data.metrics)
    problems = facts.problems(broken, files)
    assert any(p.field == "metric" and p.ident == claims.loc[0, "claim_id"] for p in problems)


def test_period_basis_is_checked_against_the_text(data, files):
    claims = data.claims.copy()
    i = claims.index[claims["period_basis"] == "context"][0]
    claims.loc[i, "period_basis"] = "stated"  # its year is not in its clause
    j = claims.index[claims["period_basis"] == "none"][0]
    claims.loc[j, "period_basis"] = "stated"  # no period at all
    broken = ledger.Ledger(claims, data.non_claims, data.units, data.entities, data.metrics)
    flagged = {p.ident for p in facts.problems(broken, files) if p.field == "period_basis"}
    assert {claims.loc[i, "claim_id"], claims.loc[j, "claim_id"]} <= flagged


def test_two_facts_with_the_same_subject_measure_and_qualifiers_are_an_error(data, files):
    table = files.facts.copy()
    twin = table.iloc[0].copy()
    twin["fact_id"] = twin["fact_id"] + ".twin"
    table = pd.concat([table, twin.to_frame().T], ignore_index=True)
    problems = facts.problems(data, facts.FactFiles(table, files.decisions))
    assert any("qualifier is missing" in p.message for p in problems)


# --- the cases the issue names -------------------------------------------------------------------------------
def test_temu_hires_in_indonesia_and_vietnam_are_two_facts(data):
    fact_of = _fact_of(data)
    assert fact_of["7.2.3-02"] != fact_of["8.3.1-05"]


@pytest.mark.parametrize(
    "a, b",
    [
        ("3.4.1-01", "8.4.2-01"),  # Cainiao cartons saved: 12亿个 (2025) and 18亿个 (2026)
        ("4.1.3-03", "8.4.3-03"),  # Duoduo Orchard acquisition cost: 1/5 and 1/6 of traditional
    ],
)
def test_restated_facts_named_in_the_issue_share_a_fact_and_are_compared(data, a, b):
    from analysis import register as findings

    assert _fact_of(data)[a] == _fact_of(data)[b]
    compared = {
        tuple(f.claims)
        for f in findings.build(data, include_consistent=True, with_forecasts=False)
        if f.check == "restatement"
    }
    assert (a, b) in compared


def test_a_target_is_compared_with_the_figure_of_its_fact(data):
    from analysis import register as findings

    found = [
        f
        for f in findings.build(data, include_consistent=True, with_forecasts=False)
        if f.check == "restatement" and set(f.claims) == {"2.4.1-01", "7.1.1-03"}
    ]
    assert _fact_of(data)["2.4.1-01"] == _fact_of(data)["7.1.1-03"]
    assert found and found[0].verdict == "changed"


# --- the candidate generator ---------------------------------------------------------------------------------
def test_candidates_recall_the_curators_earlier_links():
    """The earlier ledger linked 137 pairs by typing the same entity and metric; 133 of them are blockable
    (4 pair a level with a growth rate: incompatible units). At the threshold every blockable link is proposed
    although the generator never looks at the metric strings."""
    old = pd.read_csv(paths.ROOT / "tests" / "fixtures" / "old_key_links.csv", dtype=str)
    data = ledger.load_valid()
    base = dict(zip(data.claims["claim_id"], data.claims["base_unit"]))
    blockable = {
        (a, b) for a, b in zip(old["claim_a"], old["claim_b"]) if candidates.units_compatible(base[a], base[b])
    }
    [curve] = candidates.recall_curve(
        data.claims, ledger.paragraph_texts(), blockable, thresholds=(candidates.THRESHOLD,)
    ).to_dict("records")
    assert len(blockable) == 133
    assert curve["recalled"] == 133


def test_pairs_are_deterministic_and_in_reading_order():
    data = ledger.load_valid()
    texts = ledger.paragraph_texts()
    first, second = candidates.propose(data.claims, texts), candidates.propose(data.claims, texts)
    assert first == second
    assert all(ledger.claim_sort_key(c.claim_a) < ledger.claim_sort_key(c.claim_b) for c in first)


def test_pairs_command_exits_zero_when_every_pair_is_decided():
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "pairs", "--undecided"], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "0 undecided" in run.stderr


# --- retellings -----------------------------------------------------------------------------------------------
def test_chapter_8_retells_3_4_1_sentence_by_sentence():
    texts = ledger.paragraph_texts()
    [p] = [p for p in retellings.report_passages() if (p.left, p.right) == ("3.4.1", "8.4.2")]
    assert len(p.sentences) == 3
    changes = {(n.left, n.right) for n in p.changes}
    assert {("12", "18"), ("18", "25"), ("25", "30"), ("65", "80"), ("2.3", "3")} <= changes
    assert all(texts["8.4.2"][n.right_offset :].startswith(n.right) for n in p.changes)


def test_unrelated_paragraphs_are_not_aligned():
    texts = ledger.paragraph_texts()
    assert retellings.align("1.1.1", texts["1.1.1"], "8.4.2", texts["8.4.2"]) == []


def test_aligned_numbers_feed_the_candidate_pairs():
    data = ledger.load_valid()
    pairs = retellings.aligned_claim_pairs(data.claims, ledger.paragraph_texts())
    assert ("3.4.1-01", "8.4.2-01") in pairs


def test_two_numbers_that_share_only_a_unit_sign_are_not_matched():
    # 5.1.1 "自然流量占比达78%" against 9.1.1 "前10%的商家占据平台78%": the diff lines up "#%" with the first
    # percentage of the retelling; with nothing else in common they are not one number retold
    [p] = [p for p in retellings.report_passages() if (p.left, p.right) == ("5.1.1", "9.1.1")]
    assert ("78", "10") not in {(n.left, n.right) for s in p.sentences for n in s.numbers}
    [q] = [q for q in retellings.report_passages() if (q.left, q.right) == ("4.2.1", "8.2.1")]
    assert ("3800", "42") not in {(n.left, n.right) for s in q.sentences for n in s.numbers}
    assert ("73", "78") in {(n.left, n.right) for s in q.sentences for n in s.numbers}  # 转化率达73% -> 78%
