"""The primary publication and the read date of every outside row (issue 21, item 1): the gate's rules flag what
they must and nothing else, the curated data passes, and ``primary_line`` says issuer, title and release."""

from __future__ import annotations

from datetime import date

import pytest

from analysis import words
from analysis.base import csvio, paths
from analysis.outside import rules
from analysis.outside.primary import primary_line

FILES = [paths.ROOT / "data" / rel for rel in rules.PRIMARY_FILES]
LATEST = date(2026, 12, 3)


def _row(**cells) -> dict:
    row = {
        "source_url": "http://mirror.example/a.html",
        "source_quality": "mirror",
        "primary_issuer": "国家统计局 (NBS)",
        "primary_title": "",
        "primary_released": "",
        "primary_url": "",
        "read_on": "2026-12-02",
    }
    return {**row, **cells}


MUST_FLAG = [
    ("a day that is no day", _row(read_on="2026-02-30"), "read_on", "not a date"),
    ("read in the future", _row(read_on="2026-12-04"), "read_on", "in the future"),
    ("read before the record was begun", _row(read_on="2026-10-31"), "read_on", "before 2026-11-01"),
    ("released a day after the read", _row(primary_released="2026-12-03"), "primary_released", "after the row"),
    (
        "released a month after the read",
        _row(read_on="2026-11-25", primary_released="2026-12"),
        "primary_released",
        "after",
    ),
    ("released a year after the read", _row(primary_released="2027"), "primary_released", "after"),
    ("a release that is no day", _row(primary_released="2025-02-29"), "primary_released", "not a date"),
    (
        "a mirror's address as the issuer's",
        _row(primary_url="http://mirror.example/a.html"),
        "primary_url",
        "graded mirror",
    ),
    (
        "a news page's address as the issuer's",
        _row(source_quality="news", primary_url="http://mirror.example/a.html"),
        "primary_url",
        "graded news",
    ),
]

MUST_NOT_FLAG = [
    ("a plain row", _row()),
    ("read on the last day allowed", _row(read_on="2026-12-03")),
    ("read on the first day of the record", _row(read_on="2026-11-01")),
    ("released the day it was read", _row(primary_released="2026-12-02")),
    ("released in the month it was read", _row(primary_released="2026-12")),
    ("released in the year it was read", _row(primary_released="2026")),
    ("a leap day", _row(primary_released="2024-02-29")),
    (
        "the issuer's own page, graded official",
        _row(source_quality="official", primary_url="http://mirror.example/a.html"),
    ),
    ("a mirror naming the issuer's address", _row(primary_url="https://www.stats.gov.cn/english/")),
    # a cell of the wrong shape is the descriptor pattern's to report, once
    ("a date of the wrong shape", _row(read_on="2 Dec 2026", primary_released="Jan 2025")),
]


@pytest.mark.parametrize("name, row, field, words_", MUST_FLAG, ids=[m[0] for m in MUST_FLAG])
def test_rule_flags(name, row, field, words_):
    problems = rules.primary_problems(row, latest=LATEST)
    assert any(f == field and words_ in why for f, why in problems), problems


@pytest.mark.parametrize("name, row", MUST_NOT_FLAG, ids=[m[0] for m in MUST_NOT_FLAG])
def test_rule_does_not_flag(name, row):
    assert rules.primary_problems(row, latest=LATEST) == []


def test_latest_read_day_is_not_before_today():
    assert rules.latest_read_day() >= date.today()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_curated_row_names_its_issuer_and_read_day(path):
    rows = csvio.read_dicts(path)
    assert rows
    for n, row in enumerate(rows, start=2):
        assert row["primary_issuer"].strip(), (path.name, n)
        assert rules.primary_problems(row) == [], (path.name, n)
        # a title or a date is never a placeholder
        assert row["primary_title"].strip().lower() not in {"unknown", "n/a", "-", "?"}, (path.name, n)


def test_primary_url_is_given_only_with_a_release_it_addresses():
    """An issuer's address is kept only for publications identified by title or date."""
    for path in FILES:
        for row in csvio.read_dicts(path):
            if row["primary_url"]:
                assert row["primary_released"] or row["primary_title"], row


LINES = [
    (
        {
            "primary_issuer": "国家统计局 (NBS)",
            "primary_title": "2021年社会消费品零售总额增长12.5%",
            "primary_released": "2022-01-17",
        },
        "国家统计局 (NBS), 2021年社会消费品零售总额增长12.5%, released 2022-01-17",
    ),
    (
        {"primary_issuer": "海关总署 (GACC)", "primary_title": "", "primary_released": ""},
        f"海关总署 (GACC), {words.NO_PRIMARY_TITLE}",
    ),
    (
        {"primary_issuer": "JD.com, Inc.", "primary_title": "Form 20-F for FY2025", "primary_released": ""},
        "JD.com, Inc., Form 20-F for FY2025",
    ),
    (
        {"primary_issuer": "", "primary_title": "", "primary_released": "2025-07"},
        f"{words.NO_PRIMARY_TITLE}, released 2025-07",
    ),
    ({}, words.NO_PRIMARY_TITLE),
]


@pytest.mark.parametrize("row, expected", LINES)
def test_primary_line(row, expected):
    assert primary_line(row) == expected


def test_primary_line_on_every_curated_row():
    for path in FILES:
        for row in csvio.read_dicts(path):
            line = primary_line(row)
            assert line.startswith(row["primary_issuer"])
            assert (row["primary_title"] or words.NO_PRIMARY_TITLE) in line
            assert not row["primary_released"] or line.endswith(row["primary_released"])
