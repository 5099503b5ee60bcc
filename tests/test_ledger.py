"""The ledger's validation rules (each must fail with file/row/field) and coverage on the real data."""

import shutil

import pytest

from analysis import ledger
from analysis.base import paths
from analysis.base.errors import DataError
from analysis.cli.main import main

FIXTURE = paths.ROOT / "tests" / "fixtures" / "ledger_ok"


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data_dir):
    return [str(p) for p in ledger.load(data_dir)[1]]


def test_valid_fixture_passes(data_dir):
    assert _problems(data_dir) == []


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("claims.csv", ",亿,980000000,", ",亿元,980000000,", "claims.csv, row 2 (1.1.1-01), field unit"),
        (
            "claims.csv",
            ",china,online_shoppers,",
            ",chinaa,online_shoppers,",
            "claims.csv, row 2 (1.1.1-01), field entity",
        ),
        ("claims.csv", ",china,penetration_rate,", ",china,penetration,", "claims.csv, row 3 (1.1.1-02), field metric"),
        ("claims.csv", ",9.8,亿,", ",9.8.1,亿,", "claims.csv, row 2 (1.1.1-01), field value"),
        ("claims.csv", "已达9.8亿,", "已达9.9亿,", "claims.csv, row 2 (1.1.1-01), field span"),
        ("claims.csv", ",1,9.8,亿,980000000", ",1,9.7,亿,970000000", "claims.csv, row 2 (1.1.1-01), field value"),
        ("claims.csv", "1.1.1-02,1.1.1", "1.1.1-01,1.1.1", "claims.csv, row 3 (1.1.1-01), field claim_id"),
        ("claims.csv", "1.1.1-02,1.1.1,", "1.1.1-02,1.1.9,", "claims.csv, row 3 (1.1.1-02), field paragraph"),
        ("claims.csv", ",980000000,persons", ",98000000,persons", "claims.csv, row 2 (1.1.1-01), field value_base"),
        ("claims.csv", ",980000000,persons", ",980000000,CNY", "claims.csv, row 2 (1.1.1-01), field base_unit"),
        ("claims.csv", ",>,share,", ",≈,share,", "claims.csv, row 3 (1.1.1-02), field bound"),
        ("claims.csv", ",2025,>,share", ",25,>,share", "claims.csv, row 3 (1.1.1-02), field period"),
        ("non_claims.csv", "2025年,1,", "2025年,2,", "non_claims.csv, row 2 (2025年), field occurrences"),
        ("units.csv", "%,0.01,", "%,zero,", "units.csv, row 2 (%), field scale"),
        (
            "metrics.csv",
            "online_shoppers,Online",
            "Online_shoppers,Online",
            "metrics.csv, row 2 (Online_shoppers), field metric",
        ),
    ],
)
def test_each_rule_names_file_row_and_field(data_dir, file, old, new, expected):
    _edit(data_dir / file, old, new)
    problems = _problems(data_dir)
    assert any(expected in p for p in problems), problems


def test_bad_header_is_an_error(data_dir):
    _edit(data_dir / "claims.csv", "gloss_en,note", "gloss,note")
    with pytest.raises(DataError, match="claims.csv, line 1, field header"):
        ledger.load(data_dir)


def test_empty_value_needs_a_note(data_dir):
    _edit(data_dir / "claims.csv", ",1,9.8,亿,980000000,", ",1,,亿,,")
    assert any("field value: empty value needs a note" in p for p in _problems(data_dir))


def test_validation_never_rewrites(data_dir):
    _edit(data_dir / "claims.csv", ",亿,980000000,", ",亿元,980000000,")
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    ledger.load(data_dir)
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


def test_real_ledger_is_valid_and_covers_every_token():
    data, problems = ledger.load()
    assert [str(p) for p in problems] == []
    cov = ledger.coverage(data)
    assert cov.unaccounted == []
    assert cov.tokens == cov.in_claims + cov.in_non_claims
    assert cov.tokens > 650 and len(data.claims) > 400


def test_coverage_lists_an_uncovered_token():
    data, _ = ledger.load()
    data.non_claims = data.non_claims.iloc[0:0]  # drop every non-claim: years become unaccounted
    cov = ledger.coverage(data)
    assert cov.unaccounted and all(t.text for t, _ in cov.unaccounted)


def test_check_command_passes_on_main(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert ", 0 unaccounted" in out


def test_check_does_not_import_heavy_libraries():
    import subprocess
    import sys

    code = (
        "import sys, runpy; sys.argv=['analysis','check']\n"
        "try:\n runpy.run_module('analysis', run_name='__main__')\nexcept SystemExit: pass\n"
        "heavy=[m for m in ('statsmodels','seaborn','matplotlib','opencc') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True).stdout
    assert "HEAVY []" in out
