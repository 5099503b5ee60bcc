"""The verdict where the reader lands: two axes kept apart, every number from the data."""

from __future__ import annotations

import re

from analysis.outside import status as outside_status
from analysis.render import appendix, brief, state
from analysis.words import OUTCOME_WORDS, OUTSIDE_AXIS_WORDS


def test_both_axes_count_every_claim_once():
    data, _ = state.shared()
    assert sum(brief.self_axis().values()) == len(data.claims)
    assert sum(brief.outside_axis().values()) == len(data.claims)


def test_agreeing_with_itself_is_not_confirmation():
    own, out = brief.self_axis(), brief.outside_axis()
    # the self axis leaves out the outside checks: a departure from the record is not a contradiction of itself
    assert own["consistent"] + own["edge_of_rounding"] > out["confirmed"]
    text = brief.verdict()
    assert "Agreeing with itself is not confirmation" in text
    assert f"only {out['confirmed']}**" in text and f"{out['no_record']} could not be found on the record" in text


def test_no_record_found_is_apart_from_not_checkable():
    t = appendix.outside_table()
    out = brief.outside_axis()
    assert out["no_record"] == int((t["status"] == "not_found").sum()) > 0
    platform = int((t["status"] == "platform_internal").sum())
    assert out["not_checkable"] >= platform and out["not_checkable"] + out["no_record"] >= platform + out["no_record"]


def test_findings_to_know_link_to_their_cards_one_per_claim():
    lines = brief.findings_to_know().splitlines()
    assert 3 <= len(lines) <= 5
    seen = set()
    for line in lines:
        assert re.search(r"\]\(appendix_findings\.html#f-[^)]+\)$", line), line
        claims = set(re.search(r"claims ([^)]+)\)", line).group(1).split(", "))
        assert seen.isdisjoint(claims)
        seen |= claims


def test_what_can_i_quote_lists_link_every_claim_and_confirm_only_by_the_record():
    html = str(brief.quote_lists())
    t = appendix.outside_table()
    confirmed = html.split("Consistent with the record, not confirmed")[0]
    for r in t.to_dict("records"):
        # inside a forecast band is a projection, and a bound or a reading of open words is consistency: neither
        # is confirmation
        if r["status"] == "forecast" or r["outcome"] == OUTCOME_WORDS["bounded"]:
            assert f'#c-{r["claim_id"]}"' not in confirmed
    out = brief.outside_axis()
    assert html.count('<li><a href="ch') == out["confirmed"] + out["bounded"] + sum(
        (t["outcome"] == "departed") | (t["status"] == "not_found")
    )
    assert "Searched:" in html


def _mark(html: str, claim_id: str) -> str:
    start = html.index(f'id="c-{claim_id}"')
    return html[html.rfind("<span", 0, start) : html.index('<span class="tip"', start)]


def test_marks_keep_the_two_axes_apart():
    """A confirmed claim and a merely self-consistent one are marked differently; a no-record claim and a
    platform-internal one too; a departure from the record is not a contradiction of the report by itself."""
    from analysis import register as findings
    from analysis.render import chapter_page
    from analysis.words import STATUS_WORDS

    t = appendix.outside_table()
    _, found = state.shared()
    own = findings.claim_status(found)
    badges = appendix.outside_badges()
    html = str(chapter_page.annotated(1)) + str(chapter_page.annotated(2)) + str(chapter_page.annotated(5))
    ids = [c for c in t["claim_id"] if c.split(".")[0] in ("1", "2", "5") and f'id="c-{c}"' in html]
    by = dict(zip(t["claim_id"], t["status"]))
    confirmed = [c for c in ids if badges.get(c) == "held"]
    self_only = [c for c in ids if own.get(c) == STATUS_WORDS["consistent"] and c not in badges]
    no_record = [c for c in ids if by[c] == "not_found"]
    internal = [c for c in ids if by[c] == "platform_internal"]
    assert confirmed and self_only and no_record and internal
    assert all("out-held" in _mark(html, c) for c in confirmed)
    assert all("outside-badge" not in _mark(html, c) for c in self_only + internal)
    assert all("out-no-record" in _mark(html, c) for c in no_record)
    departed = [c for c in ids if badges.get(c) == "departed"]
    assert departed and all("out-departed" in _mark(html, c) for c in departed)
    # a departure alone does not make the report contradict itself
    assert any(own.get(c) != STATUS_WORDS["contradicted"] for c in departed)


def test_a_part_below_its_whole_or_a_reading_of_open_words_is_never_confirmed():
    """2.1.1-07 (lower-tier shoppers, part of CNNIC's internet users) and 6.3.3-01 (某平台, read as Temu) hold
    against the record only as a bound and on one reading; 1.1.1-01 (CNNIC's online shoppers) is the same measure."""
    sign = appendix.outside_badges()
    assert sign["2.1.1-07"] == "bounded" and sign["6.3.3-01"] == "bounded"
    assert sign["1.1.1-01"] == "held"
    axis = dict(zip(appendix.outside_table()["claim_id"], outside_status.axis_words(appendix.outside_table())))
    assert axis["2.1.1-07"] == OUTSIDE_AXIS_WORDS["bounded"] != OUTSIDE_AXIS_WORDS["confirmed"]
