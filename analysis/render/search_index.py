"""The report's own words, findable: a small index of every paragraph and every claim for the book's search page.

Sphinx's search splits Chinese into jieba words and matches whole words, so a phrase jieba splits (敏捷小组), an
amount as printed (13.8万亿元) or a claim id (2.1.1-03) finds nothing. ``report-search.json`` holds the text
itself; the search page (book/_static/audit.js) looks the query up as a substring and lists the paragraphs and
claims that hold it, each linked to its mark or paragraph, above Sphinx's page results. Written at build time by
book/_ext/report_search.py, from data/ only.
"""

from __future__ import annotations

import json

from analysis import facts, ledger
from analysis.base.keys import chapter_of
from analysis.render.annotate import claim_anchor, paragraph_anchor


def build(data: ledger.Ledger | None = None) -> dict:
    data = data or ledger.load_valid()
    texts = ledger.paragraph_texts()
    labels = facts.read_facts().set_index("fact_id")
    paragraphs = [
        {"key": k, "page": f"ch{chapter_of(k):02d}.html", "anchor": paragraph_anchor(k), "text": t}
        for k, t in sorted(texts.items(), key=lambda kv: ledger.paragraph_sort_key(kv[0]))
    ]
    claims = [
        {
            "id": c["claim_id"],
            "page": f"ch{chapter_of(c['paragraph']):02d}.html",
            "anchor": claim_anchor(c["claim_id"]),
            "span": c["span"],
            "gloss": c["gloss_en"],
            "fact_zh": labels.at[c["fact_id"], "label_zh"] if c["fact_id"] in labels.index else "",
            "fact_en": labels.at[c["fact_id"], "label_en"] if c["fact_id"] in labels.index else "",
        }
        for c in data.claims.to_dict("records")
    ]
    return {"paragraphs": paragraphs, "claims": claims}


def to_json(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
