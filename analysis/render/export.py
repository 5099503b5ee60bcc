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
from analysis.base import atomic, paths, schema
from analysis.checks.finding import Finding, stated_text
from analysis.render import database, datasette
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
#: the database for Datasette and SQL, its Datasette metadata, and the folder the data package is published in
DATABASE_FILES = ("audit.db", "metadata.json")
PACKAGE_DIR = "data"


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


def texts(data: ledger.Ledger, base_url: str = "", date: str | None = None) -> dict[str, str]:
    """The register (shown findings, as ``findings --format csv|json``) and every check as ClaimReview."""
    everything = findings.build(data, include_consistent=True)
    shown = [f for f in everything if f.shown]  # what findings.build(data) returns, in the same order
    return {
        "findings.csv": findings.render(shown, "csv"),
        "findings.json": findings.render(shown, "json"),
        "claimreview.jsonld": json.dumps(
            claim_reviews(everything, data.claims.to_dict("records"), base_url, date), ensure_ascii=False, indent=2
        )
        + "\n",
    }


def _package_files() -> dict[str, bytes]:
    """The data package as curated: data/datapackage.json (the one schema) and every file it describes."""
    rels = ["datapackage.json"] + [r["path"] for r in schema.package(paths.DATA)["resources"]]
    return {f"{PACKAGE_DIR}/{rel}": (paths.DATA / rel).read_bytes() for rel in rels}


def write(
    directory: Path, data: ledger.Ledger, base_url: str = "", date: str | None = None, overwrite: bool = False
) -> list[Path]:
    """Write the register, ClaimReview, the database with its Datasette metadata and the data package into
    ``directory``: all of them or nothing (``atomic.write_files``; existing files only with ``overwrite``)."""
    everything = findings.build(data, include_consistent=True)
    named = database.tables(data, everything, base_url)
    meta = datasette.metadata(list(named))
    files: dict[str, atomic.Content] = dict(texts(data, base_url, date))
    files["audit.db"] = lambda path: database.write(path, named)
    files["metadata.json"] = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    files.update(_package_files())
    return atomic.write_files(directory, files, overwrite)
