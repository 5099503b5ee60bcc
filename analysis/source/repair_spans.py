"""Where each repair stands in a paragraph's cleaned text, so the annotated chapters can mark repaired runs.

The cleaned text comes from the capture through segmentation, the repairs, pinyin stripping and OpenCC
(``tables.build_tables``); offsets move at every step. Rather than track them, the pipeline is run once more
with each repaired run wrapped in private-use markers that no step touches; the markers' positions in the
result are the repaired runs' positions, and the result without them must equal the published text.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.base.memo import memo
from analysis.source.capture import SourceError, load_raw
from analysis.source.repairs import Repair, load_repairs
from analysis.source.tables import build_tables

_OPEN, _CLOSE, _ID = "\ue000", "\ue001", 0xE100  # Unicode private use: never in the capture


def _find(text: str, repairs: list[Repair]) -> tuple[str, list[tuple[int, int, Repair]]]:
    """(text without markers, [(start, end, repair)]) for one marked paragraph."""
    out, spans, stack, i = [], [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == _OPEN:
            stack.append((len("".join(out)), repairs[ord(text[i + 1]) - _ID]))
            i += 2
            continue
        if ch == _CLOSE:
            start, rep = stack.pop()
            spans.append((start, len("".join(out)), rep))
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out), sorted(spans, key=lambda s: s[0])


def _compute() -> dict[str, list[tuple[int, int, Repair]]]:
    repairs = load_repairs()
    marked = [replace(r, repaired=f"{_OPEN}{chr(_ID + i)}{r.repaired}{_CLOSE}") for i, r in enumerate(repairs)]
    rows, _ = build_tables(load_raw(), marked)
    out = {}
    for row in rows:
        text, spans = _find(row["text_simplified"], repairs)
        if spans:
            out[row["key"]] = (text, spans)
    return out


def repair_spans(texts: dict[str, str]) -> dict[str, list[tuple[int, int, Repair]]]:
    """paragraph -> [(start, end, repair)] in the cleaned simplified text ``texts`` holds (data/source/)."""
    found = memo("repair_spans", _compute)
    out = {}
    for key, (text, spans) in found.items():
        if texts.get(key) != text:
            raise SourceError(f"paragraph {key}: the marked pipeline does not reproduce data/source/paragraphs.csv")
        out[key] = spans
    return out
