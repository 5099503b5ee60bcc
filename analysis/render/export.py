"""Machine-readable findings for others to reuse: the register as CSV and JSON, and schema.org ClaimReview.

``ClaimReview`` (https://schema.org/ClaimReview) is the format fact-checkers
publish: one review per finding, naming the statements reviewed (quoted, with
their paragraph), a rating on a fixed scale and the page that explains it. The
rating scale is the audit's verdicts, worst first; it rates whether the
statements can all hold, never which one is wrong.

Crawlers need absolute addresses: every URL starts with one base URL, configured once
(``html.baseurl`` in ``book/_config.yml``, overridden by the environment variable
``AUDIT_BASE_URL``). The claim reviewed appears in the report, never in this book: the
appearance is the report as the record knows it (its title, the capture published with
the book, what the capture says of the site; no author or date the record does not show).
Each review is dated the day its finding first appeared in a release
(``data/releases/findings.csv``); a finding no release holds yet takes the build's date.

Deterministic: the same data gives the same bytes (no clock is read; the build's date is
passed in, e.g. the date of the commit).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from analysis import ledger
from analysis import register as findings
from analysis.base import atomic, paths, schema
from analysis.checks.finding import Finding, holds_only_as_bound, stated_text
from analysis.render import changelog, database, datasette, spreadsheets
from analysis.render.annotate import Markdown
from analysis.render.cards import headline
from analysis.source.capture import load_raw
from analysis.source.identity import report_identity
from analysis.words import (
    CLAIMREVIEW_BEST,
    CLAIMREVIEW_NOT_CONFIRMED,
    CLAIMREVIEW_RATINGS,
    CLAIMREVIEW_WORST,
    DOWNLOADS,
    DOWNLOADS_LEAD,
    EXPORT_COLUMNS,
    EXPORT_COLUMNS_LEAD,
    REPORT_APPEARANCE,
)


def rating(f: Finding) -> tuple[int, str]:
    """(rating, its name): agreeing with itself or with a forecast is never rated like confirmation."""
    if f.verdict in ("consistent", "edge"):
        if holds_only_as_bound(f):
            return CLAIMREVIEW_NOT_CONFIRMED["bounded"][0], headline(f)
        if f.check == "forecast":
            return CLAIMREVIEW_NOT_CONFIRMED["forecast"][0], headline(f)
        if f.check != "official":
            return CLAIMREVIEW_NOT_CONFIRMED["self"][0], headline(f)
    if f.verdict == "inconsistent" and f.check in ("official", "forecast") and f.certainty == "weak":
        return CLAIMREVIEW_RATINGS[f.verdict] + 1, headline(f)  # a weak departure is never rated false outright
    return CLAIMREVIEW_RATINGS[f.verdict], headline(f)


AUTHOR = "The report-audit contributors"
FILES = (
    "findings.csv",
    "finding_claims.csv",
    "claims.csv",
    "claim_sources.csv",
    "findings.json",
    "claimreview.jsonld",
    "report.raw.txt",
)
#: the environment variable that overrides the configured base URL
BASE_URL_ENV = "AUDIT_BASE_URL"
REPOSITORY_ENV = "AUDIT_REPOSITORY_URL"
CAPTURE = "report.raw.txt"
#: the database for Datasette and SQL, its Datasette metadata, and the folder the data package is published in
DATABASE_FILES = ("audit.db", "metadata.json")
PACKAGE_DIR = "data"


def _config() -> dict:
    try:
        return yaml.safe_load((paths.BOOK / "_config.yml").read_text(encoding="utf-8")) or {}
    except OSError:
        return {}


def configured_base_url() -> str:
    """The address the book is published at, ending in '/': $AUDIT_BASE_URL, else ``html.baseurl`` in
    ``book/_config.yml``; '' when neither says (then every link is relative)."""
    url = os.environ.get(BASE_URL_ENV, "") or (_config().get("html") or {}).get("baseurl") or ""
    return url if not url or url.endswith("/") else url + "/"


def repository_url() -> str:
    """The repository's address: $AUDIT_REPOSITORY_URL, else ``repository.url`` in ``book/_config.yml``; '' when
    neither says (jupyter-book's own default, its own repository, is never taken for this one)."""
    return os.environ.get(REPOSITORY_ENV, "") or (_config().get("repository") or {}).get("url") or ""


def first_appeared() -> dict[str, str]:
    """finding id -> the day of the first release that holds it (releases are appended, never rewritten)."""
    out: dict[str, str] = {}
    for row in changelog.load():
        if row["finding_id"] not in out or row["released"] < out[row["finding_id"]]:
            out[row["finding_id"]] = row["released"]
    return out


def report_appearance(base_url: str) -> dict:
    """The report as the record knows it: its title and the capture published beside this file (the only copy
    with an address); the capture's own boilerplate names the site, and no author or date."""
    r = report_identity()
    return {
        "@type": "CreativeWork",
        "name": r.title,
        "url": base_url + CAPTURE,
        "description": REPORT_APPEARANCE.format(site=r.site or "a document-sharing site"),
    }


def claim_review(
    f: Finding, claims_by_id: dict[str, dict], base_url: str, date: str | None, appearance: dict | None = None
) -> dict:
    statements = [claims_by_id[c] for c in f.claims]
    reviewed = " / ".join(
        f"「{s['span']}」 ({s['paragraph']}: {stated_text(s)}{', ' + s['period'] if s['period'] else ''})"
        for s in statements
    )
    review = {
        "@type": "ClaimReview",
        "url": base_url + spreadsheets.review_href(f),
        "claimReviewed": reviewed,
        "author": {"@type": "Organization", "name": AUTHOR, **({"url": base_url} if base_url else {})},
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
            "appearance": [appearance or report_appearance(base_url)],
        },
    }
    if date:
        review["datePublished"] = date
    return review


def claim_reviews(
    found: list[Finding], claims: list[dict], base_url: str | None = None, date: str | None = None
) -> dict:
    """A JSON-LD document: every finding with a rating (recomputations with no target are left out), each dated the
    day its finding first appeared in a release, or ``date`` (the build's) when none holds it yet."""
    base_url = configured_base_url() if base_url is None else base_url
    by_id = {c["claim_id"]: c for c in claims}
    first = first_appeared()
    appearance = report_appearance(base_url)
    return {
        "@context": "https://schema.org",
        "@graph": [
            claim_review(f, by_id, base_url, first.get(f.id, date), appearance)
            for f in found
            if f.verdict in CLAIMREVIEW_RATINGS
        ],
    }


def capture_bytes() -> bytes:
    """The capture byte for byte, once its sha256 is checked (``load_raw`` refuses any other)."""
    load_raw()
    return paths.RAW_REPORT.read_bytes()


def jsonld(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def texts(
    data: ledger.Ledger, base_url: str | None = None, date: str | None = None, everything: list[Finding] | None = None
) -> dict[str, str | bytes]:
    """file name -> its text (or bytes): the register (shown findings) for spreadsheets and as JSON, the claims and
    their outside sources, every check as ClaimReview and the capture the reviews point at. ``everything``: the
    findings, consistent ones included, when the caller has built them already (``write``)."""
    base_url = configured_base_url() if base_url is None else base_url
    everything = findings.build(data, include_consistent=True) if everything is None else everything
    shown = [f for f in everything if f.shown]  # what findings.build(data) returns, in the same order
    by_id = {c["claim_id"]: c for c in data.claims.to_dict("records")}
    sources = spreadsheets.claim_sources(everything)
    return {
        "findings.csv": spreadsheets.findings_csv(shown, base_url),
        "finding_claims.csv": spreadsheets.finding_claims_csv(shown, by_id, base_url),
        "claims.csv": spreadsheets.claims_csv(data, everything, sources, base_url),
        "claim_sources.csv": spreadsheets.claim_sources_csv(sources),
        "findings.json": findings.render(shown, "json"),
        "claimreview.jsonld": jsonld(claim_reviews(everything, list(by_id.values()), base_url, date)),
        CAPTURE: capture_bytes(),
    }


def _package_files() -> dict[str, bytes]:
    """The data package as curated: data/datapackage.json (the one schema) and every file it describes."""
    rels = ["datapackage.json"] + [r["path"] for r in schema.package(paths.DATA)["resources"]]
    return {f"{PACKAGE_DIR}/{rel}": (paths.DATA / rel).read_bytes() for rel in rels}


def write(
    directory: Path,
    data: ledger.Ledger,
    base_url: str | None = None,
    date: str | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write the register's files (``texts``, in ``FILES`` order), the database with its Datasette metadata and the
    data package into ``directory``: all of them or nothing (``atomic.write_files``; existing files only with
    ``overwrite``)."""
    base_url = configured_base_url() if base_url is None else base_url
    everything = findings.build(data, include_consistent=True)
    named = database.tables(data, everything, base_url)
    meta = datasette.metadata(list(named))
    written = texts(data, base_url, date, everything)
    files: dict[str, atomic.Content] = {name: written[name] for name in FILES}
    files["audit.db"] = lambda path: database.write(path, named)
    files["metadata.json"] = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    files.update(_package_files())
    return atomic.write_files(directory, files, overwrite)


#: the published files a reader downloads, in the order the pages list them
PUBLISHED = (*FILES, "audit.db", f"{PACKAGE_DIR}/datapackage.json")


def downloads(compact: bool = False, lead: bool = True) -> Markdown:
    """The published files, each linked with what it holds (the dashboard, the data dictionary), or in one line
    (the landing page, the register); ``lead=False`` under a heading that says it already."""
    if compact:
        links = " · ".join(f'<a href="{name}" download>{name}</a>' for name in PUBLISHED)
        return Markdown(f"{DOWNLOADS_LEAD}: {links}\n")
    items = "\n".join(f'- <a href="{name}" download>{name}</a>: {DOWNLOADS[name]}' for name in PUBLISHED)
    return Markdown((f"{DOWNLOADS_LEAD}\n\n" if lead else "") + items + "\n")


def columns_help() -> Markdown:
    """What each column of each CSV holds (``words.EXPORT_COLUMNS``), for the register page."""
    parts = [EXPORT_COLUMNS_LEAD, ""]
    for name, columns in EXPORT_COLUMNS.items():
        parts.append(f"- `{name}`: " + "; ".join(f"`{c}` {meaning}" for c, meaning in columns.items()) + ".")
    return Markdown("\n".join(parts) + "\n")
