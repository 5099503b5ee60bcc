"""The report's own trajectories, and what each is held against (analysis/trajectories.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from test_findings import UNITS, _claim

from analysis import ledger
from analysis.base import schema
from analysis.facts import retellings
from analysis.outside import official, trajectories

SCALES = ledger.exact_unit_scales(UNITS)


def _pair(v25, v26, unit="亿", fact="x.users"):
    return [
        _claim("4.1.1-01", v25, unit=unit, kind="level", fact=fact),
        _claim("8.1.1-01", v26, unit=unit, period="2026", kind="level", fact=fact),
    ]


def _growth(value, reading="increase", cid="8.1.1-02", period="2026"):
    return _claim(cid, value, period=period, kind="growth", fact="x.users_change", reading=reading)


def _held(claims, links, stats=None):
    frame = pd.DataFrame(claims)
    table = trajectories.trajectories(frame)
    return trajectories.held(table, links, frame, stats if stats is not None else _stats([]), SCALES)


def _stats(rows):
    cols = schema.columns("reference/official_stats.csv")
    return pd.DataFrame(
        [
            {
                **dict.fromkeys(cols, ""),
                "series_name_en": "s",
                "source_org": "o",
                "source_quality": "official",
                "figure_kind": "actual",
                "source_url": "http://example.invalid/s",
                "quote": "q",
                **r,
            }
            for r in rows
        ],
        columns=cols,
    )


def _link(kind, target="", periods="", denominator=""):
    return {
        "fact_id": "x.users",
        "link": kind,
        "target": target,
        "denominator": denominator,
        "periods": periods,
        "note": "n",
    }


@pytest.mark.parametrize(
    "growth, reading, verdict",
    [
        # 2.0 and 2.5 at one decimal admit ratios new/old from 2.45/2.05 = 1.1951 to 2.55/1.95 = 1.3077
        ("25", "increase", "consistent"),  # 2.0 -> 2.5 is +25 %
        ("20", "increase", "consistent"),  # [19.5, 20.5) % reaches 1.1951: holds only at the edge of rounding
        ("19", "increase", "inconsistent"),  # [18.5, 19.5) % stops below 1.1951
        ("40", "increase", "inconsistent"),  # 1.40 is beyond 1.3077
        ("25", "decrease", "inconsistent"),  # a fall of 25 % cannot take 2.0 to 2.5
    ],
)
def test_a_growth_statement_for_the_same_year_is_checked(growth, reading, verdict):
    expected = verdict
    claims = _pair("2.0", "2.5") + [_growth(growth, reading)]
    [row] = _held(claims, [_link("growth_statement", "8.1.1-02", "2025-2026")]).to_dict("records")
    assert row["verdict"] == expected
    assert "8.1.1-01" in row["implied"] and "+25.0 %" in row["implied"]


def test_a_growth_statement_for_an_earlier_window_is_context():
    claims = _pair("90", "110", unit="分钟") + [_growth("58", cid="4.1.1-03", period="2025")]
    claims[0]["unit"] = claims[1]["unit"] = "分钟"
    units = pd.concat([UNITS, pd.DataFrame({"unit": ["分钟"], "scale": ["1"]})], ignore_index=True)
    frame = pd.DataFrame(claims)
    [row] = trajectories.held(
        trajectories.trajectories(frame),
        [_link("growth_statement", "4.1.1-03", "before-2025")],
        frame,
        _stats([]),
        ledger.exact_unit_scales(units),
    ).to_dict("records")
    assert row["verdict"] == "context"
    assert "earlier window" in row["reading"] and "+22.2 %" in row["reading"]


def test_an_outside_series_gives_its_growth_a_year():
    stats = _stats(
        [
            {"series_id": "S", "period": "2021-12", "value": "1.00", "unit": "persons_100m"},
            {"series_id": "S", "period": "2023-12", "value": "1.21", "unit": "persons_100m"},
        ]
    )
    [row] = _held(_pair("2.0", "2.5"), [_link("outside_series", "S", "2021-12/2023-12")], stats).to_dict("records")
    assert row["verdict"] == "context"
    assert "+10.0 % a year" in row["outside"]  # 1.21 over two years
    assert "1.00亿人 → 1.21亿人" in row["outside"]


def test_an_outside_series_can_be_a_share_of_two_rows():
    stats = _stats(
        [{"series_id": "N", "period": p, "value": v, "unit": "CNY_m"} for p, v in (("2024", "150"), ("2025", "180"))]
        + [{"series_id": "D", "period": p, "value": "1000", "unit": "CNY_m"} for p in ("2024", "2025")]
    )
    [row] = _held(_pair("18", "22", unit="%"), [_link("outside_series", "N", "2024/2025", "D")], stats).to_dict(
        "records"
    )
    assert row["outside"].startswith("15.0 % → 18.0 %: +20.0 % a year")


def test_an_outside_whole_gives_the_later_figure_as_a_share_of_it():
    stats = _stats([{"series_id": "P", "period": "2025", "value": "32000", "unit": "persons_10k"}])
    claims = _pair("2.8", "3.2")
    claims[1]["bound"] = ">"  # 突破3.2亿: the printed figure is used, not its open upper end
    [row] = _held(claims, [_link("outside_whole", "P", "2025")], stats).to_dict("records")
    assert row["outside"] == "100 % of 32000万人 (2025)"


def test_one_event_retold_is_not_a_change():
    stats = _stats([{"series_id": "F", "period": "2021-04-10", "value": "182.28", "unit": "CNY_100m"}])
    [row] = _held(_pair("182", "200", unit="亿元"), [_link("same_event", "F", "2021-04-10")], stats).to_dict("records")
    assert "one event" in row["reading"] and "182.28亿元" in row["reading"]


def test_a_missing_outside_row_is_an_error_not_a_silent_skip():
    with pytest.raises(ValueError, match="S has no usable row for 2029"):
        _held(_pair("2.0", "2.5"), [_link("outside_series", "S", "2029/2030")], _stats([]))


def test_retold_pairs_are_marked_from_the_retold_passages():
    data = ledger.load_valid()
    table = trajectories.trajectories(
        data.claims, retellings.aligned_claim_pairs(data.claims, ledger.paragraph_texts())
    )
    retold = dict(zip(table["claim_2025"] + ">" + table["claim_2026"], table["retold"]))
    assert retold["5.2.1-01>9.2.1-01"]  # the Alibaba fine, 5.2.1 retold in 9.2.1
    assert not retold["2.3.1-03>6.2.2-01"]  # silver users: two different passages
    assert 0 < trajectories.summary(table)["retold"] < len(table)


def test_every_trajectory_of_the_report_is_held_against_something_or_says_why_not():
    data = ledger.load_valid()
    table = trajectories.trajectories(data.claims)
    frame = trajectories.held(
        table, trajectories.load_links(), data.claims, official.load_official(), ledger.exact_unit_scales(data.units)
    )
    assert set(frame["fact_id"]) == set(table["fact_id"])
    assert (frame["reading"] != "").all()
    s = trajectories.held_summary(frame, table)
    assert s["linked"] + s["none"] >= s["facts"]


@pytest.mark.parametrize("growth, severity", [("25", "info"), ("40", "medium")])
def test_a_same_window_growth_reaches_the_register_as_a_growth_finding(growth, severity):
    frame = pd.DataFrame(_pair("2.0", "2.5") + [_growth(growth)])
    [f] = trajectories.trajectory_findings(
        frame,
        _stats([]),
        SCALES,
        [_link("growth_statement", "8.1.1-02", "2025-2026"), _link("growth_statement", "8.1.1-02", "before-2025")],
    )  # context: no finding
    assert (f.check, f.severity) == ("growth", severity)
    assert f.claims == ["4.1.1-01", "8.1.1-01", "8.1.1-02"] and f.paragraphs == ["4.1.1", "8.1.1"]


def test_the_report_states_one_direction_for_2025_to_2026_and_no_growth_rate():
    # 9.1.1's 持续攀升 against 5.1.1's and 9.1.1's 78 %: a rise only within the rounding
    data = ledger.load_valid()
    found = trajectories.trajectory_findings(
        data.claims, official.load_official(), ledger.exact_unit_scales(data.units)
    )
    assert [(f.id, f.verdict, f.severity) for f in found] == [
        ("growth:head_merchants.share_of_traffic.natural_traffic:rise", "edge", "info")
    ]


@pytest.mark.parametrize(
    "v25, v26, direction, verdict",
    [
        ("78", "80", "rise", "consistent"),
        ("78", "78", "rise", "edge"),  # [77.5, 78.5) to [77.5, 78.5): a rise only within the rounding
        ("78", "70", "rise", "inconsistent"),  # no rounding makes 70 more than 78
        ("78", "70", "fall", "consistent"),
        ("78", "78", "fall", "edge"),
    ],
)
def test_a_direction_stated_in_words_is_held_against_the_two_levels(v25, v26, direction, verdict):
    frame = pd.DataFrame(_pair(v25, v26, unit="%"))
    [f] = trajectories.trajectory_findings(
        frame, _stats([]), SCALES, [_link("stated_direction", direction, "2025-2026")]
    )
    assert (f.check, f.verdict) == ("growth", verdict)
    assert f.severity == ("medium" if verdict == "inconsistent" else "info")
    assert f.claims == ["4.1.1-01", "8.1.1-01"]
