"""Load, verify, repair and segment the damaged capture of the report.

The pipeline, each step a pure function:

1. ``load_raw``: read ``data/source/report.raw.txt`` and check its sha256.
2. ``parse_toc``: read the table of contents (the authority on headings).
3. ``segment_body``: find each TOC heading in the body (tolerating the pinyin
   glued after characters) and split sections on their ``(1)``, ``(2)``
   paragraph markers. Headings are never found by a ``\\d+\\.\\d+`` pattern:
   ``3.5個百分點`` is a number, not a section.
4. ``apply_repairs``: replace each reviewed mojibake run (``repairs.csv``).
5. ``strip_pinyin``: drop ``(bào)``-style annotations, keep real parentheses.
6. ``to_simplified``: OpenCC ``t2s`` (characters only, no vocabulary swaps).
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import csvio, paths
from .errors import DataError


class SourceError(DataError):
    """A problem with the source or its curated repairs; the message names the file."""


# --- pinyin -----------------------------------------------------------------
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*"
#: A pinyin annotation: a single toned syllable in ASCII parentheses. Real
#: parentheses in the report hold digits, capitals or Chinese, e.g. ``(1)``,
#: ``(CNNIC)``, ``(C2M)``, ``(1995-2010年出生)``, and never a toned syllable.
PINYIN_ANNOTATION = re.compile(rf"\({_PINYIN_SYLLABLE}\)")
#: What a pinyin annotation leaves behind inside a mojibake run, where the
#: opening parenthesis was swallowed with a lost byte (``?jī)``).
PINYIN_FRAGMENT = re.compile(rf"\(?{_PINYIN_SYLLABLE}\)")
_PINYIN_OPTIONAL = rf"(?:\({_PINYIN_SYLLABLE}\))?"


def strip_pinyin(text: str) -> str:
    """Remove the pinyin annotations glued after characters: ``報(bào)告`` -> ``報告``."""
    return PINYIN_ANNOTATION.sub("", text)


def _tolerant(literal: str) -> str:
    """A regex matching ``literal`` with an optional pinyin annotation after each character."""
    return "".join(re.escape(ch) + (_PINYIN_OPTIONAL if ord(ch) > 0x2E7F else "") for ch in literal)


# --- loading ------------------------------------------------------------------
def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_raw(path: Path = paths.RAW_REPORT, expected_sha256: str = paths.RAW_REPORT_SHA256) -> str:
    """Read the capture, refusing any copy whose bytes differ from the audited one."""
    if not path.is_file():
        raise SourceError(f"{path}: file not found (copy shared/source/report.raw.txt there)")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise SourceError(
            f"{path}: sha256 mismatch: expected {expected_sha256}, got {actual}. "
            "This is not the capture the audit was curated against; restore the original file."
        )
    return path.read_text(encoding="utf-8")


# --- table of contents ------------------------------------------------------------
CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
_CHAPTER_LINE = re.compile(r"(?P<numeral>[一二三四五六七八九十]+)、(?P<title>.+)$")
_SECTION_LINE = re.compile(r"^(?P<chapter>\d+)\.(?P<section>\d+)(?P<title>\D.*)$")
_SLOT_LINE = re.compile(r"^(?P<key>\d+\.\d+\.\d+)$")


@dataclass(frozen=True)
class Section:
    chapter: int
    chapter_title: str
    section: str  # "2.1"
    section_title: str
    slots: tuple[str, ...]  # ("2.1.1", "2.1.2", ...)


def _body_line_index(lines: list[str]) -> int:
    """The body is the one very long line of the capture."""
    long_lines = [i for i, line in enumerate(lines) if len(line) > 10_000]
    if len(long_lines) != 1:
        raise SourceError(f"expected exactly one body line over 10,000 characters, found {len(long_lines)}")
    return long_lines[0]


def parse_toc(raw: str) -> list[Section]:
    """Read chapters, sections and paragraph slots from the lines before the body."""
    lines = raw.splitlines()
    body_index = _body_line_index(lines)
    toc_lines = [strip_pinyin(line).strip() for line in lines[:body_index]]
    # The last slot (10.3.3) is glued to the start of the body line.
    glued = re.match(r"^(\d+\.\d+\.\d+)", strip_pinyin(lines[body_index]))
    if glued:
        toc_lines.append(glued.group(1))
    sections: list[Section] = []
    chapter, chapter_title = 0, ""
    current: dict | None = None

    def close() -> None:
        if current is not None:
            sections.append(Section(**{**current, "slots": tuple(current["slots"])}))

    for line in toc_lines:
        if m := _SLOT_LINE.match(line):
            if current is None or not m["key"].startswith(current["section"] + "."):
                raise SourceError(f"TOC slot {m['key']} outside its section")
            current["slots"].append(m["key"])
        elif m := _SECTION_LINE.match(line):
            close()
            if int(m["chapter"]) != chapter:
                raise SourceError(f"TOC section {m['chapter']}.{m['section']} outside chapter {chapter}")
            current = dict(chapter=chapter, chapter_title=chapter_title,
                           section=f"{m['chapter']}.{m['section']}", section_title=m["title"], slots=[])
        elif (m := _CHAPTER_LINE.search(line)) and m["numeral"] in CHINESE_NUMERALS:
            close()
            current = None
            chapter = CHINESE_NUMERALS.index(m["numeral"]) + 1
            chapter_title = m["title"]
    close()
    return sections


# --- segmentation -------------------------------------------------------------------
_PARAGRAPH_MARKER = re.compile(r"\((\d)\)")


@dataclass(frozen=True)
class RawParagraph:
    key: str
    chapter: int
    section: str
    raw: str  # the paragraph's text as captured (pinyin and mojibake still in it)


def segment_body(raw: str, sections: list[Section]) -> list[RawParagraph]:
    """Split the body line into paragraphs keyed ``C.S.P``, by the TOC's headings.

    Headings are searched in TOC order, each after the previous one. A heading
    that cannot be found means the capture stops before it: every slot from
    there on is missing (reported by ``toc_status``).
    """
    lines = raw.splitlines()
    body = lines[_body_line_index(lines)]
    # (position where the section's text starts, position where its heading starts)
    found: list[tuple[Section, int, int]] = []
    cursor = 0
    seen_chapters: set[int] = set()
    for sec in sections:
        if sec.chapter not in seen_chapters:
            numeral = CHINESE_NUMERALS[sec.chapter - 1]
            m = re.compile(_tolerant(f"{numeral}、{sec.chapter_title}")).search(body, cursor)
            if m is None:
                break
            cursor = m.end()
            seen_chapters.add(sec.chapter)
        m = re.compile(re.escape(sec.section) + _tolerant(sec.section_title)).search(body, cursor)
        if m is None:
            break
        found.append((sec, m.end(), m.start()))
        cursor = m.end()
    paragraphs: list[RawParagraph] = []
    for i, (sec, start, _) in enumerate(found):
        end = found[i + 1][2] if i + 1 < len(found) else len(body)
        text = body[start:end]
        # A chapter heading sits between the last section of one chapter and the next.
        if i + 1 < len(found) and found[i + 1][0].chapter != sec.chapter:
            nxt = found[i + 1][0]
            heading = re.compile(_tolerant(f"{CHINESE_NUMERALS[nxt.chapter - 1]}、{nxt.chapter_title}") + "$")
            text = heading.sub("", text)
        markers = list(_PARAGRAPH_MARKER.finditer(text))
        numbers = [int(m.group(1)) for m in markers]
        if numbers != list(range(1, len(numbers) + 1)):
            raise SourceError(f"section {sec.section}: paragraph markers {numbers} are not 1..n")
        if len(numbers) > len(sec.slots):
            raise SourceError(f"section {sec.section}: {len(numbers)} paragraphs but the TOC lists {len(sec.slots)}")
        for j, m in enumerate(markers):
            stop = markers[j + 1].start() if j + 1 < len(markers) else len(text)
            paragraphs.append(RawParagraph(f"{sec.section}.{j + 1}", sec.chapter, sec.section, text[m.end():stop]))
    return paragraphs


# --- mojibake repairs -------------------------------------------------------------------
REPAIR_COLUMNS = ["repair_id", "paragraph", "damaged", "repaired", "occurrences", "digits_lost", "proof", "note"]
#: proved: the round trip reproduces the damaged run, lost-byte marks included;
#: conjecture: no character of the run survived, so nothing can prove it (the note says why the reading was chosen)
PROOFS = ("proved", "conjecture")


@dataclass(frozen=True)
class Repair:
    repair_id: str
    paragraph: str
    damaged: str
    repaired: str
    occurrences: int
    digits_lost: bool
    note: str
    proof: str = "proved"


def load_repairs(path: Path = paths.REPAIRS) -> list[Repair]:
    """Read the reviewed repairs, naming file, row and field on any malformed value."""
    repairs = []
    for row_number, row in enumerate(csvio.read_dicts(path, REPAIR_COLUMNS), start=2):
        where = f"{path}, row {row_number}"
        for field in ("repair_id", "paragraph", "damaged", "repaired"):
            if not row[field]:
                raise SourceError(f"{where}, field {field}: empty")
        if not row["occurrences"].isdigit() or int(row["occurrences"]) < 1:
            raise SourceError(f"{where}, field occurrences: {row['occurrences']!r} is not a positive integer")
        if row["digits_lost"] not in ("yes", "no"):
            raise SourceError(f"{where}, field digits_lost: {row['digits_lost']!r} is not yes/no")
        if row["proof"] not in PROOFS:
            raise SourceError(f"{where}, field proof: {row['proof']!r} is not one of {', '.join(PROOFS)}")
        repairs.append(Repair(row["repair_id"], row["paragraph"], row["damaged"], row["repaired"],
                              int(row["occurrences"]), row["digits_lost"] == "yes", row["note"], row["proof"]))
    return repairs


def shift_decode(text: str) -> str:
    """The capture's damage, reproduced: GB18030 bytes read one byte out of step."""
    return text.encode("gb18030")[1:].decode("gb18030", errors="replace")


#: Characters in a damaged run that stand for lost bytes. (Private-use
#: characters are real GB18030 decodings and must come back like any other.)
_LOST = re.compile(r"[?\ufffd]+")


def capture_decode(data: bytes) -> str:
    """GB18030 decoding as the capture's site did it: an invalid sequence costs two bytes and leaves one ``?``.

    (Python's decoder replaces one byte at a time; the site's swallowed the
    lead byte and the byte after it, which is how ``，2025`` shifted lost its
    ``2``.)
    """
    out, i, n = [], 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if 0x81 <= b <= 0xFE and i + 1 < n:
            for width in (2, 4):
                try:
                    out.append(data[i:i + width].decode("gb18030"))
                    i += width
                    break
                except UnicodeDecodeError:
                    continue
            else:
                out.append("?")
                i += 2
            continue
        out.append("?")
        i += 1
    return "".join(out)


def reproduce_damage(repaired: str) -> str:
    """What the capture shows for ``repaired``: its first byte lost (a ``?``), the rest decoded out of step."""
    return unicodedata.normalize("NFKC", "?" + capture_decode(repaired.encode("gb18030")[1:]))


def repair_round_trips(damaged: str, repaired: str) -> bool:
    """Does ``repaired``, damaged the capture's way, give ``damaged`` back exactly, lost-byte marks included?

    Pinyin fragments inside the run are the annotator's leftovers and are
    ignored; a U+FFFD counts as a ``?``. Every other character must come back,
    in order, and each lost-byte mark must stand for exactly the bytes the
    capture's decoder loses (see ``capture_decode``).
    """
    observed = PINYIN_FRAGMENT.sub("", damaged).replace("\ufffd", "?")
    return reproduce_damage(repaired) == observed


def repair_proof(damaged: str, repaired: str) -> tuple[str, str]:
    """("proved" | "conjecture" | "fails", why): what the round trip can say about a repair."""
    if surviving_characters(damaged) == 0:
        return "conjecture", "no character of the damaged run survived: the round trip cannot tell readings apart"
    if repair_round_trips(damaged, repaired):
        return "proved", ""
    return "fails", (f"{repaired!r} damaged the capture's way gives {reproduce_damage(repaired)!r}, "
                     f"not {PINYIN_FRAGMENT.sub('', damaged)!r}")


def surviving_characters(damaged: str) -> int:
    """How many characters of a damaged run survived (the evidence a round trip checks)."""
    return len(_LOST.sub("", PINYIN_FRAGMENT.sub("", damaged)))


def apply_repairs(key: str, text: str, repairs: list[Repair]) -> str:
    for rep in repairs:
        if rep.paragraph != key:
            continue
        count = text.count(rep.damaged)
        if count != rep.occurrences:
            raise SourceError(
                f"{paths.REPAIRS}, repair {rep.repair_id}, field damaged: found {count} times in "
                f"paragraph {key}, expected {rep.occurrences}"
            )
        text = text.replace(rep.damaged, rep.repaired)
    return text


#: What mojibake leaves that clean text of this report never contains.
MOJIBAKE_MARKS = re.compile(r"[?\ufffd\ue000-\uf8ff\u3040-\u30ff]")


# --- conversion ------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only regeneration and tests need it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


# --- the whole pipeline -------------------------------------------------------------------
PARAGRAPH_COLUMNS = ["key", "chapter", "section", "section_title", "truncated", "text_simplified", "text_traditional"]
TOC_COLUMNS = ["key", "chapter", "chapter_title", "section", "section_title", "status"]
_SENTENCE_END = ("。", "！", "？", "”", "」")


def build_tables(raw: str, repairs: list[Repair], simplify=None) -> tuple[list[dict], list[dict]]:
    """Regenerate ``paragraphs.csv`` and ``toc.csv`` rows from the capture and its repairs.

    ``simplify`` replaces OpenCC's t2s (the data gate passes the identity: it
    compares only the columns OpenCC does not write).
    """
    to_simplified = simplify or globals()["to_simplified"]
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
        paragraphs.append({
            "key": para.key,
            "chapter": str(para.chapter),
            "section": para.section,
            "section_title": to_simplified(titles[para.section]),
            # Only the capture's last paragraph can be cut off, and only if it stops mid-sentence.
            "truncated": "yes" if is_last and not traditional.endswith(_SENTENCE_END) else "no",
            "text_simplified": to_simplified(traditional),
            "text_traditional": traditional,
        })
    status = {p["key"]: ("truncated" if p["truncated"] == "yes" else "present") for p in paragraphs}
    toc = [
        {"key": slot, "chapter": str(s.chapter), "chapter_title": to_simplified(s.chapter_title),
         "section": s.section, "section_title": to_simplified(s.section_title),
         "status": status.get(slot, "missing")}
        for s in sections for slot in s.slots
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


def regenerate(force: bool = False, raw_path: Path = paths.RAW_REPORT, repairs_path: Path = paths.REPAIRS,
               paragraphs_path: Path = paths.PARAGRAPHS, toc_path: Path = paths.TOC) -> list[Path]:
    """Write paragraphs.csv and toc.csv; refuses to overwrite a differing file without ``force``."""
    paragraphs, toc = build_tables(load_raw(raw_path), load_repairs(repairs_path))
    written = []
    for path, rows, columns in ((paragraphs_path, paragraphs, PARAGRAPH_COLUMNS), (toc_path, toc, TOC_COLUMNS)):
        if path.exists() and read_csv_rows(path) == rows:
            continue
        if path.exists() and not force:
            raise SourceError(f"{path}: differs from what the code regenerates; rerun with --force to overwrite")
        write_csv(path, rows, columns)
        written.append(path)
    return written


def load_paragraphs(path: Path = paths.PARAGRAPHS) -> list[dict]:
    """The committed, reviewed paragraphs (cheap: no OpenCC, no regeneration)."""
    return read_csv_rows(path)


def load_toc(path: Path = paths.TOC) -> list[dict]:
    return read_csv_rows(path)
