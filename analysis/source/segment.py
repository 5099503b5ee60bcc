"""The table of contents and the body split by it.

``parse_toc`` reads the table of contents (the authority on headings);
``segment_body`` finds each heading in the body (tolerating the pinyin glued after
characters) and splits sections on their ``(1)``, ``(2)`` paragraph markers. Headings are
never found by a ``\\d+\\.\\d+`` pattern: ``3.5個百分點`` is a number, not a section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.source.capture import SourceError, _tolerant, strip_pinyin

# --- table of contents ------------------------------------------------------------
CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
_CHAPTER_LINE = re.compile(r"(?P<numeral>[一二三四五六七八九十]+)、(?P<title>.+)$")
_SECTION_LINE = re.compile(r"^(?P<chapter>[0-9]+)\.(?P<section>[0-9]+)(?P<title>[^0-9].*)$")
_SLOT_LINE = re.compile(r"^(?P<key>[0-9]+\.[0-9]+\.[0-9]+)$")


@dataclass(frozen=True)
class Section:
    chapter: int
    chapter_title: str
    section: str  # "2.1"
    section_title: str
    slots: tuple[str, ...]  # ("2.1.1", "2.1.2", ...)


def _body_line_index(lines: list[str]) -> int:
    """The body is the one long line of the capture: every other line (a heading, a slot, the site's
    page furniture) is under a fifth of its length."""
    if not lines:
        raise SourceError("the capture is empty")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    others = [i for i, line in enumerate(lines) if i != longest and 5 * len(line) >= len(lines[longest])]
    if len(lines[longest]) < 100 or others:
        raise SourceError(
            f"expected one body line, at least five times longer than any other line; "
            f"the longest has {len(lines[longest])} characters, {len(others)} other lines come close"
        )
    return longest


def parse_toc(raw: str) -> list[Section]:
    """Read chapters, sections and paragraph slots from the lines before the body."""
    lines = raw.splitlines()
    body_index = _body_line_index(lines)
    toc_lines = [strip_pinyin(line).strip() for line in lines[:body_index]]
    # The last slot (10.3.3) is glued to the start of the body line.
    glued = re.match(r"^([0-9]+\.[0-9]+\.[0-9]+)", strip_pinyin(lines[body_index]))
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
            current = dict(
                chapter=chapter,
                chapter_title=chapter_title,
                section=f"{m['chapter']}.{m['section']}",
                section_title=m["title"],
                slots=[],
            )
        elif (m := _CHAPTER_LINE.search(line)) and m["numeral"] in CHINESE_NUMERALS:
            close()
            current = None
            chapter = CHINESE_NUMERALS.index(m["numeral"]) + 1
            chapter_title = m["title"]
    close()
    return sections


# --- segmentation -------------------------------------------------------------------
_PARAGRAPH_MARKER = re.compile(r"\(([0-9])\)")


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
            paragraphs.append(RawParagraph(f"{sec.section}.{j + 1}", sec.chapter, sec.section, text[m.end() : stop]))
    return paragraphs
