"""The repaired, segmented source: exact, provable, regenerable."""

import re
import shutil

import pytest

from analysis import source
from analysis.base import numbers, paths, schema

EXPECTED_PARAGRAPHS_PER_SECTION = {  # read off the table of contents by eye
    "1.1": 3,
    "2.1": 3,
    "2.2": 3,
    "2.3": 3,
    "2.4": 3,
    "3.1": 2,
    "3.2": 2,
    "3.3": 2,
    "3.4": 2,
    "3.5": 3,
    "4.1": 4,
    "4.2": 3,
    "4.3": 3,
    "5.1": 3,
    "5.2": 3,
    "5.3": 3,
    "6.1": 3,
    "6.2": 3,
    "6.3": 3,
    "6.4": 3,
    "7.1": 3,
    "7.2": 3,
    "7.3": 3,
    "7.4": 3,
    "8.1": 3,
    "8.2": 3,
    "8.3": 3,
    "8.4": 3,
    "9.1": 3,
    "9.2": 1,
}
EXPECTED_KEYS = {f"{s}.{i}" for s, n in EXPECTED_PARAGRAPHS_PER_SECTION.items() for i in range(1, n + 1)}


@pytest.fixture(scope="module")
def raw():
    return source.load_raw()


@pytest.fixture(scope="module")
def built(raw):
    return source.build_tables(raw, source.load_repairs())


@pytest.fixture(scope="module")
def paragraphs(built):
    return {p["key"]: p for p in built[0]}


def test_exact_set_of_85_keys(paragraphs):
    assert len(EXPECTED_KEYS) == 85
    assert set(paragraphs) == EXPECTED_KEYS


def test_toc_lists_every_slot_and_the_missing_ones(built):
    toc = built[1]
    assert len(toc) == 102
    missing = {t["key"] for t in toc if t["status"] == "missing"}
    assert missing == {
        "9.2.2",
        "9.2.3",
        "9.3.1",
        "9.3.2",
        "9.3.3",
        "9.4.1",
        "9.4.2",
        "9.4.3",
        "10.1.1",
        "10.1.2",
        "10.1.3",
        "10.2.1",
        "10.2.2",
        "10.2.3",
        "10.3.1",
        "10.3.2",
        "10.3.3",
    }
    assert {t["chapter"] for t in toc} == {str(c) for c in range(1, 11)}


def test_only_the_last_paragraph_is_truncated(paragraphs):
    assert [k for k, p in paragraphs.items() if p["truncated"] == "yes"] == ["9.2.1"]


@pytest.mark.parametrize(
    "annotated, clean",
    [
        ("報(bào)告", "報告"),
        ("運(yùn)營(yíng)", "運營"),
        ("綠(lǜ)色", "綠色"),
        ("(1)隨著", "(1)隨著"),
        ("(CNNIC)", "(CNNIC)"),
        ("(C2M)", "(C2M)"),
        ("(1995-2010年出生)", "(1995-2010年出生)"),
        ("(滿分10分)", "(滿分10分)"),
    ],
)
def test_strip_pinyin_keeps_real_parentheses(annotated, clean):
    assert source.strip_pinyin(annotated) == clean


def test_no_pinyin_annotation_left(paragraphs):
    for key, p in paragraphs.items():
        assert not source.PINYIN_ANNOTATION.search(p["text_traditional"]), key


def test_no_real_parenthesis_lost(raw, paragraphs):
    body = max(raw.splitlines(), key=len)
    real_in_capture = source.PINYIN_ANNOTATION.sub("", body).count("(")
    markers = 85  # one "(N)" paragraph marker per paragraph, removed by segmentation
    kept = sum(p["text_traditional"].count("(") for p in paragraphs.values())
    assert kept == real_in_capture - markers
    joined = "".join(p["text_traditional"] for p in paragraphs.values())
    for expected in ("(CNNIC)", "(1995-2010年出生)", "(60歲以上)", "(用戶直連制造)"):
        assert expected in joined


def test_no_known_mojibake_left(paragraphs):
    survivors = [re.sub(r"[?\ufffd]", "", source.PINYIN_FRAGMENT.sub("", r.damaged)) for r in source.load_repairs()]
    for key, p in paragraphs.items():
        assert not source.MOJIBAKE_MARKS.search(p["text_traditional"]), key
        for run in survivors:
            if len(run) >= 2:  # e.g. 齑嬷苻D, 傮w而言 minus its clean tail is still a run
                assert run not in p["text_traditional"], (key, run)


@pytest.mark.parametrize("repair", source.load_repairs(), ids=lambda r: r.repair_id)
def test_every_repair_is_proved_or_an_honest_conjecture(repair):
    status, why = source.repair_proof(repair.damaged, repair.repaired)
    assert status == repair.proof, why
    if repair.proof == "proved":
        assert source.surviving_characters(repair.damaged) > 0
        assert source.repair_round_trips(repair.damaged, repair.repaired)
    else:
        assert source.surviving_characters(repair.damaged) == 0
        assert repair.note.startswith("Conjecture:")


def test_only_r01_and_r04_are_conjectures():
    assert [r.repair_id for r in source.load_repairs() if r.proof == "conjecture"] == ["R01", "R04"]


@pytest.mark.parametrize(
    "damaged, old, new",
    [
        ("??头\ue4b5I", "。在客服領", "。客服領"),  # R07: 在 would leave 诳
        ("?cè)鲩L", "式增長", "增長"),  # R08: 式 would leave 皆
    ],
)
def test_r07_and_r08_old_readings_fail_the_strict_round_trip(damaged, old, new):
    assert source.repair_proof(damaged, old)[0] == "fails"
    assert source.repair_proof(damaged, new)[0] == "proved"


def test_the_round_trip_counts_lost_bytes():
    # 會 shifted loses two bytes (two marks); a run with one mark is not reproduced by it
    assert source.reproduce_damage("會") == "??"
    assert not source.repair_round_trips("?huì)", "會")
    # the capture's decoder swallows two bytes per invalid sequence: ，2025 loses its 2
    assert source.reproduce_damage("，2025").endswith("?025")


def test_a_wrong_repair_does_not_round_trip():
    assert source.repair_round_trips("?guī)齑嬷苻D", "庫存周轉")
    assert not source.repair_round_trips("?guī)齑嬷苻D", "庫存週期")
    assert not source.repair_round_trips("??傮w而言", "。總而言之")


def test_repairs_that_lost_digits_say_so():
    lost = {r.repair_id for r in source.load_repairs() if r.digits_lost}
    for r in source.load_repairs():
        has_lost_digit = bool(re.search(r"\?\d", source.PINYIN_FRAGMENT.sub("", r.damaged)))
        assert has_lost_digit == (r.repair_id in lost), r.repair_id


def test_decimal_numbers_never_split_a_section(raw, paragraphs):
    body = source.strip_pinyin(max(raw.splitlines(), key=len))
    headings = [s.section + s.section_title for s in source.parse_toc(raw)]
    decimals = [
        m.group()
        for m in re.finditer(r"(?<![\d.])\d+\.\d+(?![\d.])", body)
        if not any(body.startswith(h, m.start()) for h in headings)
    ]
    assert {"3.5", "13.8", "2.1"} <= set(decimals)
    joined = "".join(p["text_traditional"] for p in paragraphs.values())
    for d in set(decimals):
        assert joined.count(d) >= body.count(d) - sum(h.count(d) for h in headings), d
    # every section heading was found once, in order: the paragraph count per section matches the TOC
    for section, n in EXPECTED_PARAGRAPHS_PER_SECTION.items():
        assert sum(1 for k in paragraphs if k.rsplit(".", 1)[0] == section) == n


def test_simplified_and_traditional_carry_the_same_numbers(paragraphs):
    for key, p in paragraphs.items():
        trad = [t.text for t in numbers.tokenize(key, p["text_traditional"])]
        simp = [t.text for t in numbers.tokenize(key, p["text_simplified"])]
        assert trad == simp, key


def test_committed_tables_equal_regeneration(built):
    paragraphs, toc = built
    assert source.read_csv_rows(paths.PARAGRAPHS) == paragraphs
    assert source.read_csv_rows(paths.TOC) == toc


def test_corrupted_copy_fails_with_clear_message(tmp_path):
    bad = tmp_path / "report.raw.txt"
    data = paths.RAW_REPORT.read_bytes()
    bad.write_bytes(data.replace("9.8億".encode(), "9.9億".encode(), 1))
    with pytest.raises(source.SourceError) as err:
        source.load_raw(bad)
    message = str(err.value)
    assert (
        str(bad) in message
        and schema.expected_sha256("source/report.raw.txt") in message
        and source.sha256_of(bad) in message
    )


def test_regenerate_never_overwrites_without_force(tmp_path):
    out_p, out_t = tmp_path / "paragraphs.csv", tmp_path / "toc.csv"
    assert source.regenerate(paragraphs_path=out_p, toc_path=out_t) == [out_p, out_t]
    assert source.regenerate(paragraphs_path=out_p, toc_path=out_t) == []  # identical: untouched
    out_p.write_text(out_p.read_text(encoding="utf-8").replace("9.8亿", "9.9亿"), encoding="utf-8")
    edited = out_p.read_text(encoding="utf-8")
    with pytest.raises(source.SourceError, match="--force"):
        source.regenerate(paragraphs_path=out_p, toc_path=out_t)
    assert out_p.read_text(encoding="utf-8") == edited
    assert source.regenerate(force=True, paragraphs_path=out_p, toc_path=out_t) == [out_p]


def test_malformed_repair_row_names_file_row_and_field(tmp_path):
    bad = tmp_path / "repairs.csv"
    shutil.copy(paths.REPAIRS, bad)
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",1,no,proved,", ",one,no,proved,", 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(source.SourceError, match=r"row 4, field occurrences"):
        source.load_repairs(bad)


def test_cli_show_and_stats(capsys):
    from analysis.cli.main import main

    assert main(["source", "show", "2.1.1"]) == 0
    assert "13.8万亿元" in capsys.readouterr().out
    assert main(["source", "stats"]) == 0
    out = capsys.readouterr().out
    assert "total            85        102" in out and "9.2.1" in out
    assert main(["source", "show", "10.1.1"]) == 1
