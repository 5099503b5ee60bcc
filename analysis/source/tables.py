"""The whole pipeline: ``paragraphs.csv`` and ``toc.csv`` regenerated from the capture and the repairs.

Steps, each a pure function: ``capture.load_raw`` -> ``segment.parse_toc`` ->
``segment.segment_body`` -> ``repairs.apply_repairs`` -> ``capture.strip_pinyin`` ->
``capture.to_simplified``. ``regenerate`` writes atomically and never overwrites a
differing file without ``force``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.base import csvio, paths, schema
from analysis.source import capture
from analysis.source.capture import SourceError, load_raw, strip_pinyin
from analysis.source.repairs import Repair, apply_repairs, load_repairs
from analysis.source.segment import parse_toc, segment_body

# --- the whole pipeline -------------------------------------------------------------------
_SENTENCE_END = ("。", "！", "？", "”", "」")


def build_tables(raw: str, repairs: list[Repair], simplify=None) -> tuple[list[dict], list[dict]]:
    """Regenerate ``paragraphs.csv`` and ``toc.csv`` rows from the capture and its repairs.

    ``simplify`` replaces OpenCC's t2s (the data gate passes the identity: it
    compares only the columns OpenCC does not write).
    """
    to_simplified = simplify or capture.to_simplified
    sections = parse_toc(raw)
    segmented = segment_body(raw, sections)
    known_keys = {p.key for p in segmented}
    for rep in repairs:
        if rep.paragraph not in known_keys:
            raise SourceError(f"{paths.REPAIRS}, repair {rep.repair_id}, field paragraph: no paragraph {rep.paragraph}")
    titles = {s.section: s.section_title for s in sections}
    paragraphs = []
    for i, para in enumerate(segmented):
        traditional = strip_pinyin(apply_repairs(para.key, para.raw, repairs)).strip()
        is_last = i == len(segmented) - 1
        paragraphs.append(
            {
                "key": para.key,
                "chapter": str(para.chapter),
                "section": para.section,
                "section_title": to_simplified(titles[para.section]),
                # Only the capture's last paragraph can be cut off, and only if it stops mid-sentence.
                "truncated": "yes" if is_last and not traditional.endswith(_SENTENCE_END) else "no",
                "text_simplified": to_simplified(traditional),
                "text_traditional": traditional,
            }
        )
    status = {p["key"]: ("truncated" if p["truncated"] == "yes" else "present") for p in paragraphs}
    toc = [
        {
            "key": slot,
            "chapter": str(s.chapter),
            "chapter_title": to_simplified(s.chapter_title),
            "section": s.section,
            "section_title": to_simplified(s.section_title),
            "status": status.get(slot, "missing"),
        }
        for s in sections
        for slot in s.slots
    ]
    return paragraphs, toc


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    """Write atomically: a temporary file in the same directory, then a rename (never half a file)."""
    import io
    import os

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(out.getvalue(), encoding="utf-8", newline="")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_csv_rows(path: Path) -> list[dict]:
    return csvio.read_dicts(path)


def regenerate(
    force: bool = False,
    raw_path: Path | None = None,
    repairs_path: Path | None = None,
    paragraphs_path: Path | None = None,
    toc_path: Path | None = None,
) -> list[Path]:
    """Write paragraphs.csv and toc.csv; refuses to overwrite a differing file without ``force``."""
    raw_path = paths.RAW_REPORT if raw_path is None else raw_path
    repairs_path = paths.REPAIRS if repairs_path is None else repairs_path
    paragraphs_path = paths.PARAGRAPHS if paragraphs_path is None else paragraphs_path
    toc_path = paths.TOC if toc_path is None else toc_path
    paragraphs, toc = build_tables(load_raw(raw_path), load_repairs(repairs_path))
    written = []
    for path, rows, columns in (
        (paragraphs_path, paragraphs, schema.columns("source/paragraphs.csv")),
        (toc_path, toc, schema.columns("source/toc.csv")),
    ):
        if path.exists() and read_csv_rows(path) == rows:
            continue
        if path.exists() and not force:
            raise SourceError(f"{path}: differs from what the code regenerates; rerun with --force to overwrite")
        write_csv(path, rows, columns)
        written.append(path)
    return written


def load_paragraphs(path: Path | None = None) -> list[dict]:
    """The committed, reviewed paragraphs (cheap: no OpenCC, no regeneration)."""
    path = paths.PARAGRAPHS if path is None else path
    return read_csv_rows(path)


def load_toc(path: Path | None = None) -> list[dict]:
    path = paths.TOC if path is None else path
    return read_csv_rows(path)


def chapter_titles_en(path: Path | None = None) -> dict[int, str]:
    """chapter -> its English title (data/chapters.csv: curated; the Chinese titles are the capture's)."""
    path = paths.CHAPTERS if path is None else path
    return {int(r["chapter"]): r["title_en"] for r in csvio.read_dicts(path, schema.columns("chapters.csv"))}
