"""Machine-readable findings for others to reuse: the register as CSV and JSON, and schema.org ClaimReview.

``ClaimReview`` (https://schema.org/ClaimReview) is the format fact-checkers
publish: one review per finding, naming the statements reviewed (quoted, with
their paragraph), a rating on a fixed scale and the page that explains it. The
rating scale is the audit's verdicts, worst first; it rates whether the
statements can all hold, never which one is wrong.

Deterministic: the same data gives the same bytes (no clock is read; the
publication date is passed in, e.g. the date of the commit).
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis import ledger
from analysis import register as findings
from analysis.base import schema
from analysis.checks.finding import Finding, stated_text
from analysis.render.annotate import claim_href, finding_href
from analysis.render.cards import headline
from analysis.words import (
    CLAIMREVIEW_BEST,
    CLAIMREVIEW_NOT_CONFIRMED,
    CLAIMREVIEW_RATINGS,
    CLAIMREVIEW_WORST,
)


def rating(f: Finding) -> tuple[int, str]:
    """(rating, its name): agreeing with itself or with a forecast is never rated like confirmation."""
    if f.verdict in ("consistent", "edge"):
        if f.check == "forecast":
            return CLAIMREVIEW_NOT_CONFIRMED["forecast"][0], headline(f)
        if f.check != "official":
            return CLAIMREVIEW_NOT_CONFIRMED["self"][0], headline(f)
    if f.verdict == "inconsistent" and f.check in ("official", "forecast") and f.certainty == "weak":
        return CLAIMREVIEW_RATINGS[f.verdict] + 1, headline(f)  # a weak departure is never rated false outright
    return CLAIMREVIEW_RATINGS[f.verdict], headline(f)


AUTHOR = "The report-audit contributors"
FILES = ("findings.csv", "findings.json", "claimreview.jsonld")


def claim_review(f: Finding, claims_by_id: dict[str, dict], base_url: str, date: str | None) -> dict:
    statements = [claims_by_id[c] for c in f.claims]
    reviewed = " / ".join(
        f"「{s['span']}」 ({s['paragraph']}: {stated_text(s)}{', ' + s['period'] if s['period'] else ''})"
        for s in statements
    )
    review = {
        "@type": "ClaimReview",
        "url": base_url + finding_href(f.id),
        "claimReviewed": reviewed,
        "author": {"@type": "Organization", "name": AUTHOR},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating(f)[0],
            "worstRating": CLAIMREVIEW_WORST,
            "bestRating": CLAIMREVIEW_BEST,
            "alternateName": rating(f)[1],
        },
        "reviewBody": f.explanation,
        "itemReviewed": {
            "@type": "Claim",
            "text": " / ".join(s["gloss_en"] for s in statements),
            "appearance": [
                {"@type": "CreativeWork", "name": schema.report_title(), "url": base_url + claim_href(s["claim_id"])}
                for s in statements
            ],
        },
    }
    if date:
        review["datePublished"] = date
    return review


def claim_reviews(found: list[Finding], claims: list[dict], base_url: str = "", date: str | None = None) -> dict:
    """A JSON-LD document: every finding with a rating (recomputations with no target are left out)."""
    by_id = {c["claim_id"]: c for c in claims}
    return {
        "@context": "https://schema.org",
        "@graph": [claim_review(f, by_id, base_url, date) for f in found if f.verdict in CLAIMREVIEW_RATINGS],
    }


def write(directory: Path, data: ledger.Ledger, base_url: str = "", date: str | None = None) -> list[Path]:
    """Write the register (shown findings, as ``findings --format csv|json``) and every check as ClaimReview."""
    everything = findings.build(data, include_consistent=True)
    shown = [f for f in everything if f.shown]  # what findings.build(data) returns, in the same order
    directory.mkdir(parents=True, exist_ok=True)
    texts = {
        "findings.csv": findings.render(shown, "csv"),
        "findings.json": findings.render(shown, "json"),
        "claimreview.jsonld": json.dumps(
            claim_reviews(everything, data.claims.to_dict("records"), base_url, date), ensure_ascii=False, indent=2
        )
        + "\n",
    }
    out = []
    for name in FILES:
        path = directory / name
        path.write_text(texts[name], encoding="utf-8")
        out.append(path)
    return out
