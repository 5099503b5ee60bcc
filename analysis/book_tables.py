"""Tables the book displays, built from data/ (the notebooks only call these)."""
from __future__ import annotations

import pandas as pd

from . import paths, source


def source_overview() -> dict:
    from . import gate

    gate.require_valid(scope="source")  # bad data stops the page with the gate's message
    paragraphs = source.load_paragraphs()
    toc = source.load_toc()
    repairs = source.load_repairs()
    return {
        "paragraphs": len(paragraphs),
        "slots": len(toc),
        "missing": sum(t["status"] == "missing" for t in toc),
        "repairs": len(repairs),
        "repairs_with_lost_digits": sum(r.digits_lost for r in repairs),
        "sha256": source.sha256_of(paths.RAW_REPORT),
    }


def paragraphs_per_chapter() -> pd.DataFrame:
    toc = pd.DataFrame(source.load_toc())
    table = (toc.assign(chapter=toc["chapter"].astype(int))
             .groupby(["chapter", "chapter_title"], sort=True)["status"]
             .value_counts().unstack(fill_value=0).reset_index())
    for status in ("present", "truncated", "missing"):
        if status not in table:
            table[status] = 0
    table["in TOC"] = table[["present", "truncated", "missing"]].sum(axis=1)
    table.columns.name = None
    return table[["chapter", "chapter_title", "in TOC", "present", "truncated", "missing"]].rename(
        columns={"chapter_title": "title (Simplified)"})


def missing_slots() -> pd.DataFrame:
    toc = pd.DataFrame(source.load_toc())
    gone = toc[toc["status"] != "present"]
    return (gone.groupby(["chapter_title", "section", "section_title", "status"], sort=False)["key"]
            .agg(lambda keys: ", ".join(keys)).reset_index()
            .rename(columns={"key": "paragraph slots", "chapter_title": "chapter"}))


def repairs_table() -> pd.DataFrame:
    rows = [{
        "id": r.repair_id, "paragraph": r.paragraph, "damaged run": r.damaged, "repaired": r.repaired,
        "proof": r.proof if source.repair_proof(r.damaged, r.repaired)[0] == r.proof else "FAILS",
        "surviving characters": source.surviving_characters(r.damaged),
        "digits lost": "yes" if r.digits_lost else "no", "note": r.note,
    } for r in source.load_repairs()]
    return pd.DataFrame(rows)
