"""Platform pages: which platforms get one (chosen from data/entities.csv and the claims, never typed), how
units are grouped, the pages written from the skeleton, and what a page and a finding card link to."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import ledger
from analysis.base import paths
from analysis.checks.finding import Finding
from analysis.ledger import platforms
from analysis.render import cards, platform_pages

MINI = paths.ROOT / "tests" / "fixtures" / "mini_report"


def _entities(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(entity, kind, part_of) rows as entities.csv holds them."""
    return pd.DataFrame(
        [{"entity": e, "label_en": e.title(), "definition": e, "kind": k, "part_of": p} for e, k, p in rows]
    )


def _claims(counts: dict[str, int]) -> pd.DataFrame:
    """``n`` claims about each entity, one per paragraph."""
    keys = [(e, i) for e, n in counts.items() for i in range(n)]
    return pd.DataFrame(
        [{"claim_id": f"1.{k}.1-01", "paragraph": f"1.{k}.1", "entity": e} for k, (e, _) in enumerate(keys, start=1)]
    )


FIXTURE = _entities(
    [
        ("big", "platform", ""),  # 12 claims: a page
        ("group", "platform", ""),  # 4 own + 7 from its small unit: a page
        ("unit_small", "platform", "group"),  # 7: shown on its parent's page
        ("logistics", "company", "group"),  # a company unit, 0 claims: on its parent's page, adds nothing
        ("unit_big", "platform", "group"),  # 15: a page of its own, not folded
        ("small", "platform", ""),  # 7, and 2 from its unit: under the threshold, left out
        ("market", "market", ""),  # 30 claims but not a platform: no page
        ("orphan_unit", "platform", "small"),  # 2: its parent has no page, so neither has it
    ]
)
COUNTS = {"big": 12, "group": 4, "unit_small": 7, "unit_big": 15, "small": 7, "market": 30, "orphan_unit": 2}


def test_selection_keeps_platforms_with_enough_claims_and_folds_small_units():
    pages, page_of = platforms.select(_claims(COUNTS), FIXTURE, min_claims=10)
    assert [(p.entity, p.claims) for p in pages] == [("unit_big", 15), ("big", 12), ("group", 11)]
    group = next(p for p in pages if p.entity == "group")
    assert group.members == ("group", "logistics", "unit_small")
    assert page_of["unit_small"] == "group" and page_of["unit_big"] == "unit_big"
    assert next(p for p in pages if p.entity == "unit_big").part_of == "group"


def test_an_entity_under_the_threshold_is_left_out():
    _, page_of = platforms.select(_claims(COUNTS), FIXTURE, min_claims=10)
    assert "small" not in page_of and "orphan_unit" not in page_of
    left = platforms.left_out(_claims(COUNTS), FIXTURE, min_claims=10)
    assert left == [("Small", 7), ("Orphan_Unit", 2)]


def test_a_non_platform_never_gets_a_page_however_many_claims():
    _, page_of = platforms.select(_claims(COUNTS), FIXTURE, min_claims=10)
    assert "market" not in page_of


def test_the_threshold_moves_the_selection():
    pages, _ = platforms.select(_claims(COUNTS), FIXTURE, min_claims=9)
    assert "small" in {p.entity for p in pages}  # 7 own + 2 from its unit
    assert next(p for p in pages if p.entity == "small").members == ("small", "orphan_unit")


def test_a_circle_of_part_of_is_rejected_and_never_loops():
    ents = _entities([("a", "platform", "b"), ("b", "platform", "a"), ("c", "platfrom", "")])
    problems = platforms.entity_problems(ents, Path("entities.csv"), platforms.ENTITY_KINDS)
    assert {(p.field, p.ident) for p in problems} == {("part_of", "a"), ("part_of", "b"), ("kind", "c")}
    platforms.select(_claims({"a": 3, "b": 3}), ents, min_claims=10)  # returns, no recursion error


def test_the_audited_reports_platforms_come_from_its_data():
    data = ledger.load_valid()
    pages, page_of = platforms.select(data.claims, data.entities)
    names = {p.entity for p in pages}
    own = data.claims["entity"].value_counts()
    kinds = dict(zip(data.entities["entity"], data.entities["kind"]))
    assert {"jd", "taobao", "pinduoduo", "alibaba"} <= names
    assert all(kinds[p.entity] == platforms.PLATFORM_KIND and p.claims >= platforms.MIN_CLAIMS for p in pages)
    assert page_of["tmall"] == "alibaba" and page_of["cainiao"] == "alibaba"  # small units, on the group's page
    assert own["china"] >= platforms.MIN_CLAIMS and "china" not in page_of  # a market, not a platform
    assert own["kuaishou"] < platforms.MIN_CLAIMS and "kuaishou" not in page_of


def test_every_platform_page_is_what_the_skeleton_and_the_data_make():
    assert platform_pages.stale() == [], "run: python -m analysis platforms --write"
    toc = (paths.BOOK / "_toc.yml").read_text(encoding="utf-8")
    assert "glob: platform_*" in toc and "file: platforms" in toc
    for path, text in platform_pages.pages().items():
        assert f'\nENTITY = "{path.stem.removeprefix("platform_")}"\n' in text, path.name
        assert "${" not in text


def test_writing_removes_the_page_of_a_platform_no_longer_chosen(tmp_path):
    (tmp_path / "_platform.md").write_text((paths.BOOK / "_platform.md").read_text(encoding="utf-8"))
    (tmp_path / "platform_gone.md").write_text("old")
    touched = platform_pages.write(tmp_path)
    assert tmp_path / "platform_gone.md" in touched and not (tmp_path / "platform_gone.md").exists()
    assert (tmp_path / "platform_jd.md").is_file() and platform_pages.stale(tmp_path) == []


def test_the_mini_report_has_no_platform_page(monkeypatch):
    """Its one platform has too few claims: no page (nothing of the audited report lives in the code)."""
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(MINI))
    ledger.paragraph_texts.cache_clear()
    try:
        data = ledger.load_valid()
    finally:
        ledger.paragraph_texts.cache_clear()
    pages, page_of = platforms.select(data.claims, data.entities)
    assert pages == [] and page_of == {}
    assert "platform" in set(data.entities["kind"]) and set(data.entities["kind"]) <= set(platforms.ENTITY_KINDS)


def _finding(claims: list[str]) -> Finding:
    return Finding(
        id="restatement:x",
        check="restatement",
        severity="medium",
        paragraphs=[],
        claims=claims,
        explanation="",
        quotes=[],
        verdict="two_values",
    )


def test_a_card_links_its_platform_only_when_every_claim_is_about_it():
    claims = {"a": {"entity": "taobao"}, "b": {"entity": "tmall"}, "c": {"entity": "jd"}, "d": {"entity": "china"}}
    pages = {"taobao": ("platform_taobao.html", "Taobao"), "tmall": ("platform_alibaba.html", "Alibaba Group")}
    pages["jd"] = ("platform_jd.html", "JD.com")
    link = cards.platform_link(_finding(["a", "a"]), claims, pages)
    assert re.search(r'href="platform_taobao.html">platform: Taobao<', link)
    assert cards.platform_link(_finding(["a", "c"]), claims, pages) == ""  # two platforms
    assert cards.platform_link(_finding(["a", "d"]), claims, pages) == ""  # a claim about no platform
    assert cards.platform_link(_finding(["a"]), claims, None) == ""


@pytest.mark.slow
def test_a_platform_page_lists_its_claims_with_both_statuses():
    from analysis.render import platform_page

    html = platform_page.claims_table("jd")
    ids = set(re.findall(r'href="ch\d\d\.html#c-([\d.]+-\d+)"', html))
    data = ledger.load_valid()
    assert ids == set(data.claims[data.claims["entity"] == "jd"]["claim_id"])
    assert 'class="claim st-' in html and "outside-badge" in html  # the two axes, each with its own sign
    summary = platform_page.summary("jd")
    assert f"{len(ids)} claims" in summary
