"""Similarity of short Chinese texts: sentences, number masking, character n-grams.

Chinese has no spaces, so words are not a reliable unit without a segmenter
(and a segmenter's dictionary knows neither 多多买菜 nor 青流计划). Character
bigrams need no dictionary, treat a platform name as the run of characters it
is, and are what near-duplicate detection of Chinese commonly uses. Numbers
are masked (``#``) before comparing, because a retold sentence is exactly one
whose words stay while its numbers change.

Pure functions of strings; no third-party dependency (for 85 paragraphs and
about 500 claims a set intersection is fast enough, see ``bench/run.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.base.numbers import NUMBER_TOKEN

#: sentence ends: the full stop, semicolons, question and exclamation marks (both widths)
SENTENCE_END = re.compile(r"[。；;！!？?]")
#: what carries no meaning for similarity: punctuation, quotes, brackets, spaces
_NOISE = re.compile(r"[\s,，、:：“”\"'‘’()（）《》「」\[\]【】·\-—/]+")
#: English words too common to say anything about a claim's measure
STOPWORDS_EN = frozenset(
    "a an the of in on at to for by with and or from as is are was were be been its it this that than "
    "into per via vs over under about more less up down year years 2020 2021 2022 2023 2024 2025 2026 "
    "times percent share rate".split()
)


@dataclass(frozen=True)
class Sentence:
    paragraph: str
    index: int  # 0-based position in its paragraph
    start: int  # offsets in the paragraph's simplified text
    end: int
    text: str


def sentences(paragraph: str, text: str) -> list[Sentence]:
    """Split a paragraph into sentences at 。；！？ (the end mark stays with its sentence)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start : m.end()].strip():
            out.append(Sentence(paragraph, len(out), start, m.end(), text[start : m.end()]))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(paragraph, len(out), start, len(text), text[start:]))
    return out


def sentence_at(sents: list[Sentence], offset: int) -> Sentence:
    """The sentence holding a character offset."""
    for s in sents:
        if s.start <= offset < s.end:
            return s
    return sents[-1]


#: what ends a clause (commas, semicolons, colons of both widths, the full stop) and a sentence
CLAUSE_STOPS = "，,；;：:。"
SENTENCE_STOPS = "。；;！!？?"


def around_bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """Offsets of the stretch of ``text`` holding ``text[start:end]``, between the nearest ``stops`` either side."""
    lo = max(text.rfind(c, 0, start) for c in stops) + 1
    his = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    return lo, min(his) if his else len(text)


def around(text: str, start: int, end: int, stops: str) -> str:
    """The stretch of ``text`` holding ``text[start:end]``, between the nearest ``stops`` either side."""
    lo, hi = around_bounds(text, start, end, stops)
    return text[lo:hi]


def mask_numbers(text: str) -> str:
    return NUMBER_TOKEN.sub("#", text)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of a text with numbers masked and punctuation removed."""
    clean = _NOISE.sub("", mask_numbers(text))
    if len(clean) < 2:
        return frozenset([clean]) if clean else frozenset()
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1))


def dice(a: frozenset, b: frozenset) -> float:
    """Dice coefficient 2|A∩B| / (|A|+|B|): 1 for equal sets, 0 for disjoint ones."""
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def words_en(text: str) -> frozenset[str]:
    """Content words of an English gloss, lower-cased, crudely singular."""
    words = re.findall(r"[a-z][a-z\-]+", text.lower())
    return frozenset(w.rstrip("s") if len(w) > 3 else w for w in words if w not in STOPWORDS_EN)


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if (a or b) else 0.0
