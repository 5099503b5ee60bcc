"""The verdict where the reader lands: two axes kept apart, every number from the data."""

from __future__ import annotations

import re

from analysis.render import appendix, brief, state


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
    confirmed = html.split("Departs from the outside record")[0]
    for r in t.to_dict("records"):
        if r["status"] == "forecast":  # inside a forecast band is a projection, never confirmation
            assert f'#c-{r["claim_id"]}"' not in confirmed
    assert html.count('<li><a href="ch') == brief.outside_axis()["confirmed"] + sum(
        (t["outcome"] == "departed") | (t["status"] == "not_found")
    )
    assert "Searched:" in html
