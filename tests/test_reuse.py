"""The published files as their users open them: ClaimReview as Google's fact-check markup requires it, CSV as a
spreadsheet opens it (BOM, one value per cell, no formula), the downloads offered."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date
from urllib.parse import urlparse

import pytest

from analysis import ledger
from analysis import register as findings
from analysis.base import csvio, paths, schema
from analysis.checks.finding import verdict_word
from analysis.render import changelog, export
from analysis.words import DOWNLOADS, EXPORT_COLUMNS, OUTSIDE_AXIS_WORDS, STATUS_WORDS

BUILD_DAY = "2099-01-31"  # a build day no release has: a review dated with it was in no release


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    data = ledger.load_valid()
    out = tmp_path_factory.mktemp("export")
    written = export.write(out, data, date=BUILD_DAY)
    return data, out, written


def _rows(out, name) -> list[dict]:
    raw = (out / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: no UTF-8 byte-order mark (Excel would show mojibake)"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _reviews(out) -> list[dict]:
    return json.loads((out / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]


def _absolute(url: str) -> bool:
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# --- ClaimReview ------------------------------------------------------------------------------------------------
def test_every_review_has_the_fields_google_fact_check_markup_requires(published):
    """https://developers.google.com/search/docs/appearance/structured-data/factcheck: claimReviewed, reviewRating
    (ratingValue, bestRating, worstRating, alternateName), url, author; itemReviewed a Claim whose appearance (or
    firstAppearance) has a url; datePublished an ISO date."""
    _, out, _ = published
    reviews = _reviews(out)
    assert reviews
    base = export.configured_base_url()
    assert _absolute(base), "html.baseurl in book/_config.yml (or AUDIT_BASE_URL) must be an absolute URL"
    for r in reviews:
        assert r["@type"] == "ClaimReview"
        assert isinstance(r["claimReviewed"], str) and r["claimReviewed"].strip()
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"].strip()
        assert all(isinstance(rating[k], int) for k in ("ratingValue", "bestRating", "worstRating"))
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert _absolute(r["url"]) and r["url"].startswith(base), r["url"]
        assert r["author"]["@type"] == "Organization" and r["author"]["name"].strip()
        item = r["itemReviewed"]
        assert item["@type"] == "Claim"
        appearances = item.get("appearance") or [item["firstAppearance"]]
        assert appearances and all(_absolute(a["url"]) for a in appearances)
        assert date.fromisoformat(r["datePublished"]).isoformat() == r["datePublished"]


def test_the_claim_appears_in_the_report_not_in_this_book(published):
    _, out, _ = published
    for r in _reviews(out):
        (appearance,) = r["itemReviewed"]["appearance"]
        assert appearance["@type"] == "CreativeWork" and appearance["name"] == schema.report_title()
        assert appearance["url"] == export.configured_base_url() + export.CAPTURE
        assert "author" not in appearance and "datePublished" not in appearance  # the record shows neither
    # the address the appearance names holds the capture, byte for byte
    digest = hashlib.sha256((out / export.CAPTURE).read_bytes()).hexdigest()
    assert digest == schema.expected_sha256("source/report.raw.txt")


def test_each_review_is_dated_the_day_its_finding_first_appeared(published):
    data, out, _ = published
    first = export.first_appeared()
    assert first, "data/releases/findings.csv holds a release"
    rated = [f for f in findings.build(data, include_consistent=True) if f.verdict in export.CLAIMREVIEW_RATINGS]
    reviews = _reviews(out)
    assert len(rated) == len(reviews)
    for f, r in zip(rated, reviews):
        assert r["datePublished"] == first.get(f.id, BUILD_DAY), f.id
    # a release holds most findings: the build's day is not everybody's date
    assert sum(r["datePublished"] != BUILD_DAY for r in reviews) >= len(reviews) // 2
    # the earliest release wins when a finding is in several
    rows = changelog.load()
    for fid, day in first.items():
        assert day == min(r["released"] for r in rows if r["finding_id"] == fid)


def test_the_base_url_is_configured_once_and_the_environment_overrides_it(monkeypatch, published):
    data, _, _ = published
    config = (paths.BOOK / "_config.yml").read_text(encoding="utf-8")
    configured = re.search(r"^\s+baseurl:\s*\"?([^\"\s]+)", config, re.M).group(1)
    monkeypatch.delenv(export.BASE_URL_ENV, raising=False)
    assert export.configured_base_url().rstrip("/") == configured.rstrip("/")
    monkeypatch.setenv(export.BASE_URL_ENV, "https://audit.test/book")
    doc = export.claim_reviews(findings.build(data)[:3], data.claims.to_dict("records"), date=BUILD_DAY)
    for r in doc["@graph"]:
        assert r["url"].startswith("https://audit.test/book/")
        assert r["itemReviewed"]["appearance"][0]["url"] == "https://audit.test/book/" + export.CAPTURE


# --- CSV ---------------------------------------------------------------------------------------------------------
def test_the_export_writes_every_file_the_downloads_offer(published):
    _, out, written = published
    assert [p.name for p in written][: len(export.FILES)] == list(export.FILES)
    assert {str(p.relative_to(out)) for p in written} >= set(export.PUBLISHED)
    assert set(DOWNLOADS) == set(export.PUBLISHED)
    for block in (str(export.downloads()), str(export.downloads(compact=True))):
        assert all(f'href="{name}"' in block for name in export.PUBLISHED)
    assert set(export.texts(published[0], date=BUILD_DAY)) == set(export.FILES)


@pytest.mark.parametrize("name", list(EXPORT_COLUMNS))
def test_every_csv_has_a_bom_its_documented_columns_and_one_value_per_cell(published, name):
    _, out, _ = published
    rows = _rows(out, name)
    assert rows and list(rows[0]) == list(EXPORT_COLUMNS[name])
    for row in rows:
        assert None not in row and all(v is not None for v in row.values()), row  # no row longer or shorter
        for column, value in row.items():
            assert " | " not in value, (name, column, value)  # the old register joined several values so
            assert "\n" not in value and "\r" not in value, (name, column, value)  # one line per cell
            assert not value.startswith(csvio.FORMULA_STARTS) or csvio._plain_negative(value), (name, column, value)


def test_findings_csv_speaks_the_pages_words_and_keeps_the_report_apart_from_the_outside(published):
    data, out, _ = published
    shown = findings.build(data)
    rows = _rows(out, "findings.csv")
    assert [r["finding_id"] for r in rows] == [f.id for f in shown]
    long = _rows(out, "finding_claims.csv")
    spans = {c["claim_id"]: c["span"] for c in data.claims.to_dict("records")}
    for f, row in zip(shown, rows):
        assert row["verdict"] == verdict_word(f) and row["verdict_id"] == f.verdict
        mine = [r for r in long if r["finding_id"] == f.id]
        assert [r["claim_id"] for r in mine] == f.claims and int(row["claims"]) == len(f.claims)
        assert [r["report_quote"] for r in mine] == [csvio.safe_cell(spans[c]) for c in f.claims]
        assert row["outside_quote"] not in {spans[c] for c in f.claims}
        if f.check == "official":
            assert row["outside_quote"] == csvio.safe_cell(f.quotes[1]) and _absolute(row["outside_source_url"])
            assert row["outside_value"] and row["outside_period"] and row["outside_grade"]
        else:
            assert row["outside_quote"] == row["outside_source_url"] == ""
    assert any(r["outside_quote"] for r in rows), "an official finding is shown with its outside quote"


def test_claims_csv_holds_every_claim_with_both_statuses_and_its_outside_sources(published):
    data, out, _ = published
    rows = _rows(out, "claims.csv")
    assert [r["claim_id"] for r in rows] == list(data.claims["claim_id"])
    assert {r["status"] for r in rows} <= set(STATUS_WORDS.values())
    assert {r["outside_status"] for r in rows} <= set(OUTSIDE_AXIS_WORDS.values())
    sources = _rows(out, "claim_sources.csv")
    assert sum(int(r["outside_sources"]) for r in rows) == len(sources) > 0
    for s in sources:
        assert s["outside_quote"] and _absolute(s["source_url"]) and s["value"] and s["grade"]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("JD Logistics\n     166,625        182,837", "JD Logistics 166,625        182,837"),
        ("\n=1", "'=1"),
        ("-3.5", "-3.5"),
        ("-12", "-12"),
        ("达9.8亿", "达9.8亿"),
        ("", ""),
        (7, "7"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(cell, safe):
    assert csvio.safe_cell(cell) == safe
    text = csvio.spreadsheet_text(["a"], [{"a": cell}])
    assert text.startswith(csvio.BOM) and list(csv.reader(io.StringIO(text[1:])))[1] == [safe]
