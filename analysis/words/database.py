"""The words of the published database (audit.db) and its Datasette metadata: part of ``analysis.words``,
which re-exports them. Descriptions of columns copied from a data file come from the one schema
(data/datapackage.json); these are the words for what the database adds."""

from __future__ import annotations

DATABASE_WORDS = {
    "title": "An executable audit of {report}: the database",
    "description": (
        "Every numeric claim of the report's body with both statuses kept apart (what the report says of "
        "itself; what the outside record says), its fact, paragraph and Chinese sentence; every finding with its "
        "claims; the outside record with its sources. Search the Chinese text with the search box of a table "
        "(two-character words such as 京东 included) or with the query search_text (any substring)."
    ),
    "license": "Audit data CC BY 4.0; the report's text is quoted for review and is not licensed by this project",
    "source": "{report} (capture described in data/source/README in the repository)",
}

#: the tables the database adds to the data files, and the columns it adds to copied tables
TABLE_WORDS = {
    "claims": "Every numeric claim of the report's body, with both statuses (one row per claim)",
    "findings": "Every finding of the register, including checks that hold (one row per finding)",
    "finding_claims": "Which claims each finding names (one row per finding and claim)",
    "paragraphs": "The report's body, paragraph by paragraph, in simplified and traditional script",
}
COLUMN_WORDS = {
    "claims": {
        "chapter": "The report's chapter (1-10)",
        "sentence": "The Chinese sentence that holds the claim's span",
        "fact_zh": "The fact's name in Chinese",
        "stated": "The claim as stated, in English bound words and the report's own unit",
        "report_says": "What the report says of itself: the most serious status any check of the report against itself gives the claim",
        "outside_record": "What the outside record says: confirmed, departs, no record found after searching, or why it cannot be checked",
        "url": "The claim's mark in the annotated Chinese text of the book",
    },
    "findings": {
        "finding_id": "The finding's id (made of claim, fact and series ids)",
        "check": "The check that made the finding",
        "verdict": "The verdict in the words of the book's pages",
        "headline": "The card's headline",
        "severity": "How serious (high, medium, low, info)",
        "how_sure": "How sure the finding is (strong, moderate, weak)",
        "how_sure_why": "Why it is less than strong",
        "explanation": "The finding in words: which statements cannot all hold (never which one is wrong)",
        "url": "The finding's card in the book",
    },
    "finding_claims": {
        "finding_id": "The finding",
        "claim_id": "A claim it names",
        "position": "The claim's place among the finding's claims (1 first)",
    },
}
#: Datasette's canned queries: title and description
QUERY_WORDS = {
    "what_can_i_quote": (
        "What can I quote?",
        "Claims by what the outside record says: confirmed first, then departs, no record found, and the rest",
    ),
    "about_a_platform": (
        "Everything about a platform",
        "Every claim about an entity (e.g. jd, pinduoduo, taobao) with both statuses, chapter by chapter",
    ),
    "findings_by_severity": ("Findings by severity", "How many findings of each severity and verdict"),
    "search_text": (
        "Search the Chinese text (any substring)",
        "Paragraphs holding a string: three characters or more through the trigram index, shorter ones by scan",
    ),
}
