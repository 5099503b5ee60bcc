"""The HTML the book's pages are made of: annotated text, finding cards, the ClaimReview export."""

import json
import re
from html import escape

import pytest

from analysis import gate, ledger, source, words
from analysis import register as findings
from analysis.render import annotate, cards, chapter_page, export


@pytest.fixture(scope="module")
def state():
    data = gate.require_valid().ledger
    return data, findings.build(data, include_consistent=True), ledger.paragraph_texts()


def test_two_claims_of_one_span_each_get_their_own_number():
    text = "退货率从8%降至3%。"
    claims = [
        {"claim_id": "9.9.9-01", "paragraph": "9.9.9", "span": "从8%降至3%", "occurrence": "1", "value": "8"},
        {"claim_id": "9.9.9-02", "paragraph": "9.9.9", "span": "从8%降至3%", "occurrence": "1", "value": "3"},
    ]
    marks = annotate.claim_positions(text, claims)
    assert [text[a:b] for a, b, _ in marks] == ["从8%降至", "3%"]


def test_a_span_missing_from_its_paragraph_is_named():
    with pytest.raises(ValueError, match="9.9.9-01"):
        annotate.claim_positions(
            "没有数字。",
            [{"claim_id": "9.9.9-01", "paragraph": "9.9.9", "span": "8%", "occurrence": "1", "value": "8"}],
        )


@pytest.mark.parametrize("chapter", range(1, 11))
def test_every_claim_is_marked_once_with_its_anchor(state, chapter):
    data, found, texts = state
    claims = data.claims.to_dict("records")
    html = annotate.chapter_html(chapter, claims, texts, source.load_toc(), findings.claim_status(found), found, {})
    ids = re.findall(r'<span class="claim [^"]+" id="c-([^"]+)"', html)
    assert sorted(ids) == sorted(c["claim_id"] for c in claims if annotate.chapter_of(c["paragraph"]) == chapter)
    # every slot of the table of contents is a paragraph anchor, present or missing
    slots = [t["key"] for t in source.load_toc() if int(t["chapter"]) == chapter]
    assert all(f'id="{annotate.paragraph_anchor(k)}"' in html for k in slots)
    # the text between the marks is the paragraph's text: nothing dropped or doubled
    for key in {c["paragraph"] for c in claims if annotate.chapter_of(c["paragraph"]) == chapter}:
        para = re.search(
            rf'<p class="report-paragraph" id="{annotate.paragraph_anchor(key)}"[^>]*>(.*?)</p>', html
        ).group(1)
        visible = re.sub(r'<sup class="claim-symbol".*?</sup>|<span class="tip".*?</span></span>', "", para)
        visible = re.sub(r"<[^>]+>", "", visible).split(" ", 1)[1].replace(" [the capture breaks off here]", "")
        import html as h

        assert h.unescape(visible) == texts[key]


def test_missing_paragraphs_are_shown_as_missing(state):
    data, found, texts = state
    html = annotate.chapter_html(10, data.claims.to_dict("records"), texts, source.load_toc(), {}, [], {})
    assert html.count("Missing from the capture") == sum(int(t["chapter"]) == 10 for t in source.load_toc())


def test_a_card_links_each_statement_to_its_mark(state):
    data, found, texts = state
    f = next(f for f in found if f.verdict == "contradiction")
    html = cards.card_html(f, {c["claim_id"]: c for c in data.claims.to_dict("records")}, texts)
    for c in f.claims:
        assert f'href="{annotate.claim_href(c)}"' in html
    assert f'id="{annotate.finding_anchor(f.id)}"' in html and escape(f.explanation) in html


def test_a_card_against_the_outside_record_quotes_it_beside_the_statement(state):
    data, found, texts = state
    by_id = {c["claim_id"]: c for c in data.claims.to_dict("records")}
    ratio = next(f for f in found if f.id == "official:5.3.3-04:VIPSHOP_GROSS_PROFIT:2025")
    html = cards.card_html(ratio, by_id, texts)
    assert html.count('class="statement outside-record"') == 2  # numerator and denominator rows, each quoted
    for quote in ratio.quotes[1:]:
        assert escape(quote) in html
    assert escape(ratio.extra["source_url"]) in html and "departs from the outside record" in html
    plain = next(f for f in found if f.check == "restatement")
    assert "outside-record" not in cards.card_html(plain, by_id, texts)


def test_chapter_summary_numbers_come_from_the_data():
    text = chapter_page.audit_summary(4)
    assert f"**{chapter_page.summary(4)['claims']} numeric claims**" in text
    assert str(len(chapter_page.chapter_findings(4))) in text


REQUIRED = {"@type", "url", "claimReviewed", "author", "reviewRating", "itemReviewed"}


def test_claimreview_export_is_valid_schema_org(state):
    data, found, _ = state
    doc = export.claim_reviews(found, data.claims.to_dict("records"), date="2026-12-01")
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    rated = [f for f in found if f.verdict in words.CLAIMREVIEW_RATINGS]
    assert len(reviews) == len(rated)
    for f, r in zip(rated, reviews):
        assert REQUIRED <= set(r), set(r)
        assert r["@type"] == "ClaimReview" and r["author"]["@type"] == "Organization"
        rating = r["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        names = {*words.VERDICT_HEADLINES.values(), words.DEPARTS_HEADLINE, words.CONFIRMED_HEADLINE}
        assert rating["alternateName"] in names | {name for _, name in words.CLAIMREVIEW_NOT_CONFIRMED.values()}
        # agreeing with itself is not confirmation: only a check against the outside record is rated best
        if rating["ratingValue"] == words.CLAIMREVIEW_BEST:
            assert f.check == "official", f.id
        assert r["itemReviewed"]["@type"] == "Claim" and r["itemReviewed"]["appearance"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["datePublished"])
        # a finding the register lists links its entry; a check that holds, its first claim's mark
        assert ("#f-" in r["url"]) == f.shown and ("#c-" + f.claims[0] in r["url"]) != f.shown
    json.dumps(doc)  # serialisable


def test_export_writes_the_same_bytes_twice(tmp_path, state):
    data, _, _ = state
    a = [p.read_bytes() for p in export.write(tmp_path / "a", data)]
    b = [p.read_bytes() for p in export.write(tmp_path / "b", data)]
    assert a == b and {p.name for p in export.write(tmp_path / "a", data, overwrite=True)} >= set(export.FILES)
