"""The words of the published files (CSV for spreadsheets, ClaimReview, the downloads): part of ``analysis.words``,
which re-exports them. Column names are ids (snake_case, stable for scripts); each has its meaning here, which the
register page's download list and the README repeat."""

from __future__ import annotations

#: file -> column -> what it holds. The order is the file's column order.
EXPORT_COLUMNS = {
    "findings.csv": {
        "finding_id": "the finding's stable id (its check and the claims, facts or series involved)",
        "check": "the check, in words",
        "severity": "high, medium, low or info, in words",
        "verdict": "the verdict in the words the pages use",
        "verdict_id": "the verdict's id (contradiction, inconsistent, two_values, changed, edge, consistent, computed)",
        "certainty": "how sure the finding is: strong, moderate or weak",
        "certainty_reasons": "why it is less than strong, one sentence per reason separated by '; '",
        "claims": "how many of the report's statements the finding names (each is a row of finding_claims.csv)",
        "explanation": "one line with the numbers",
        "outside_quote": "the outside source's own words (official check only; the report's words are in finding_claims.csv)",
        "outside_source_url": "where the outside figure was read",
        "outside_value": "the outside figure as published",
        "outside_unit": "its unit",
        "outside_period": "its period",
        "outside_grade": "where it was read: the issuer's own site, a news report, a copy, a secondary page",
        "outside_denominator_quote": "for a ratio of two published rows: the second row's own words",
        "outside_denominator_url": "where the second row was read",
        "outside_denominator_value": "the second row's figure as published",
        "url": "the finding on the register page",
    },
    "finding_claims.csv": {
        "finding_id": "the finding (findings.csv)",
        "position": "the statement's place in the finding, from 1",
        "claim_id": "the claim (claims.csv)",
        "paragraph": "the report's paragraph",
        "report_quote": "the report's own words (the claim's Chinese span)",
        "stated": "the value as the report states it",
        "period": "the period the claim is read for",
        "url": "the claim's mark in its annotated chapter",
    },
    "claims.csv": {
        "claim_id": "the claim's stable id (paragraph and number)",
        "chapter": "the report's chapter",
        "paragraph": "the report's paragraph",
        "report_quote": "the report's own words (the Chinese span holding the number)",
        "value": "the number as printed",
        "unit": "the report's unit",
        "stated": "the value as the report states it, with its bound in words (over, at least, about …)",
        "period": "the period the claim is read for",
        "kind": "level, share, growth, target …",
        "fact_id": "the fact the claim states (claims of one fact are compared)",
        "gloss_en": "the claim in English",
        "status": "what the report says of itself, in the words the pages use",
        "outside_check": "what the claim could be held against outside the report, or why nothing",
        "outside_status": "what the outside record says, in the words the pages use",
        "outside_sources": "how many outside sources it was held against (each is a row of claim_sources.csv)",
        "url": "the claim's mark in its annotated chapter",
    },
    "claim_sources.csv": {
        "claim_id": "the claim (claims.csv)",
        "source": "the outside series id, or the source's own address for a filing, rule or benchmark",
        "outside_quote": "the outside source's own words",
        "source_url": "where it was read",
        "value": "its figure as published",
        "unit": "its unit",
        "period": "its period",
        "grade": "where it was read: the issuer's own site, a news report, a copy, a secondary page",
        "source_org": "whose figure it is",
    },
}

#: the report as it appears to a crawler (ClaimReview ``itemReviewed.appearance``): what the record shows of it
REPORT_APPEARANCE = (
    "Captured from {site}'s free preview; the original page's address is not known, this is the capture."
)
#: the first cell of every downloaded notebook (book/_ext/notebook_downloads.py)
NOTEBOOK_INTRO = (
    "**{title}**: a page of *An executable audit of {report}*, downloaded as an executed notebook.\n\n"
    "The repository: {repository}. To run it again, from a clone of the repository: `make test` (creates `.venv` "
    "with the pinned packages), put this notebook in `book/` (it reads `data/` through the `analysis` package), then "
    "`.venv/bin/jupyter nbconvert --to notebook --execute book/{name}.ipynb`, or `make lab` and open it."
)
#: the repository, when no address is configured (book/_config.yml repository.url or $AUDIT_REPOSITORY_URL)
NOTEBOOK_REPOSITORY_UNNAMED = "the git repository this book is built from (version {version})"
#: the downloads list (landing page, dashboard and register page)
DOWNLOADS = {
    "findings.csv": "every finding, one row each (UTF-8 with BOM: opens in a spreadsheet)",
    "finding_claims.csv": "the report's statements each finding names, one row each",
    "claims.csv": "every numeric claim of the report with both of its statuses",
    "claim_sources.csv": "the outside sources each claim was held against, with URL, value, period and grade",
    "findings.json": "the register as JSON",
    "claimreview.jsonld": "every check as schema.org ClaimReview, the format fact-checkers publish",
    "report.raw.txt": "the audited capture of the report, byte for byte",
    "audit.db": "everything as one SQLite database with Chinese full-text search: open it in Datasette "
    "(`make explore`) or any SQLite tool",
    "data/datapackage.json": "the curated data as a Frictionless data package: the one schema and every file it describes",
}
DOWNLOADS_LEAD = "**Download the data**"
EXPORT_COLUMNS_LEAD = "**The columns of the CSV files**, file by file:"
