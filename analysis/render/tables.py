"""Tables the book displays, built from data/ (the notebooks only call these)."""

from __future__ import annotations

import re

import pandas as pd

from analysis import gate, source
from analysis.base import paths


def source_overview() -> dict:
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
    table = (
        toc.assign(chapter=toc["chapter"].astype(int))
        .groupby(["chapter", "chapter_title"], sort=True)["status"]
        .value_counts()
        .unstack(fill_value=0)
        .reset_index()
    )
    for status in ("present", "truncated", "missing"):
        if status not in table:
            table[status] = 0
    table["in TOC"] = table[["present", "truncated", "missing"]].sum(axis=1)
    table.columns.name = None
    return table[["chapter", "chapter_title", "in TOC", "present", "truncated", "missing"]].rename(
        columns={"chapter_title": "title (Simplified)"}
    )


def missing_slots() -> pd.DataFrame:
    toc = pd.DataFrame(source.load_toc())
    gone = toc[toc["status"] != "present"]
    return (
        gone.groupby(["chapter_title", "section", "section_title", "status"], sort=False)["key"]
        .agg(lambda keys: ", ".join(keys))
        .reset_index()
        .rename(columns={"key": "paragraph slots", "chapter_title": "chapter"})
    )


def repairs_table() -> pd.DataFrame:
    rows = [
        {
            "id": r.repair_id,
            "paragraph": r.paragraph,
            "damaged run": r.damaged,
            "repaired": r.repaired,
            "proof": r.proof if source.repair_proof(r.damaged, r.repaired)[0] == r.proof else "FAILS",
            "surviving characters": source.surviving_characters(r.damaged),
            "digits lost": "yes" if r.digits_lost else "no",
            "note": r.note,
        }
        for r in source.load_repairs()
    ]
    return pd.DataFrame(rows)


# --- tables for people: no index, links, text that wraps ------------------------------------------------
class _HtmlTable:
    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


def html_table(frame: pd.DataFrame, html_columns: tuple[str, ...] = (), caption: str | None = None) -> _HtmlTable:
    """A plain HTML table without the pandas index; ``html_columns`` hold ready-made HTML (links), the rest is escaped."""
    from html import escape

    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{v if c in html_columns else escape('' if pd.isna(v) else str(v))}</td>"
            for c, v in zip(frame.columns, row)
        )
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return _HtmlTable(f'<table class="audit-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


#: the DataTables bundle, one static file for every page (book/_ext/report_search.py copies it from the itables
#: package into _static): a page then carries only its table, not 968 KB of inlined script. An ES module import
#: needs the "./" to read the path as relative to the page (every page with a table is at the top level)
DT_URL = "./_static/dt_bundle.js"


def interactive_table(
    frame: pd.DataFrame, name: str, page_length: int = 10, length_menu: list[int] | None = None
) -> _HtmlTable:
    """A searchable, sortable table (itables, its bundle loaded from ``DT_URL``) without the pandas index; cells
    may hold links. ``name`` makes the table's id, so pages rebuild identically."""
    from itables import to_html_datatable

    return _HtmlTable(
        to_html_datatable(
            frame,
            showIndex=False,
            allow_html=True,
            connected=True,
            dt_url=DT_URL,
            table_id=name,
            pageLength=page_length,
            lengthMenu=length_menu or [10, 25, 100],
            autoWidth=False,
            classes="display compact wrap",
            style="width:100%",
        )
    )


_URL = re.compile(r"https?://[^\s)；;，,]+")


def linkify(text: str) -> str:
    """Text for an HTML cell: escaped, each URL a short link named by its site (a table column then never has
    to be as wide as a 120-character address)."""
    from html import escape

    out, at = [], 0
    for m in _URL.finditer(text):
        site = re.sub(r"^www\.", "", m.group(0).split("/")[2])
        out += [escape(text[at : m.start()]), f'<a href="{escape(m.group(0))}" rel="noopener">{escape(site)}</a>']
        at = m.end()
    return "".join(out) + escape(text[at:])


def link(href: str, text: str) -> str:
    from html import escape

    return f'<a href="{escape(href)}">{escape(text)}</a>'
