"""Retold passages: sentences of one paragraph that another paragraph repeats, numbers changed.

The report retells whole passages (chapter 8 retells chapters 3 and 4,
chapter 9 retells chapter 5, chapter 6 overlaps chapter 3), often sentence by
sentence with only the numbers, and sometimes the region, changed. Two
sentences are *aligned* when their character bigrams with numbers masked are
similar (``textsim``); a *retold passage* is a pair of paragraphs with at least
``MIN_ALIGNED`` aligned sentences, or one near-verbatim one.

Within an aligned sentence pair the number tokens are matched by the words
around them, so each changed number is listed with its counterpart. The claims
whose value tokens are matched this way are proposed to the candidate-pair
review (``candidates``) whatever their entity or metric strings.

Pure and deterministic: paragraphs in reading order, sentence pairs by
position.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from analysis import ledger
from analysis.base import numbers, textsim

#: an aligned sentence pair: Dice similarity of masked bigrams at least this (tuned by eye on
#: the report: 0.5 keeps every sentence of 8.4.2 against 3.4.1 and no sentence pair of
#: unrelated topics; see tests/test_retellings.py)
ALIGN_MIN = 0.5
#: one sentence this similar is a retelling on its own
VERBATIM_MIN = 0.8
MIN_ALIGNED = 2
#: inside a retold passage, further sentences align down to this similarity (a retold
#: sentence often gains or loses a clause: 5.1.1 against 9.1.1)
IN_PASSAGE_MIN = 0.4


@dataclass(frozen=True)
class NumberChange:
    left: str  # the number text in the first paragraph
    right: str
    left_offset: int  # offsets in the paragraphs' simplified text
    right_offset: int

    @property
    def is_year(self) -> bool:
        return numbers.is_year(self.left) and numbers.is_year(self.right)

    @property
    def changed(self) -> bool:
        """A changed value (a changed year is a changed period, counted apart)."""
        return self.left != self.right and not self.is_year


@dataclass(frozen=True)
class AlignedSentence:
    left: textsim.Sentence
    right: textsim.Sentence
    similarity: float
    numbers: tuple[NumberChange, ...]


@dataclass
class Passage:
    left: str  # paragraph keys, left before right in reading order
    right: str
    sentences: list[AlignedSentence] = field(default_factory=list)

    @property
    def changes(self) -> list[NumberChange]:
        return [n for s in self.sentences for n in s.numbers if n.changed]


def _match_numbers(a: textsim.Sentence, b: textsim.Sentence) -> tuple[NumberChange, ...]:
    """Pair the number tokens of two aligned sentences through a character diff of their masked text."""
    ma, mb = textsim.mask_numbers(a.text), textsim.mask_numbers(b.text)
    toks_a = numbers.tokenize(a.paragraph, a.text)
    toks_b = numbers.tokenize(b.paragraph, b.text)
    # the i-th '#' of a masked sentence is its i-th number token
    pos_a = [i for i, ch in enumerate(ma) if ch == "#"]
    pos_b = [i for i, ch in enumerate(mb) if ch == "#"]
    index_b = {p: k for k, p in enumerate(pos_b)}
    pairs = []
    matcher = difflib.SequenceMatcher(a=ma, b=mb, autojunk=False)
    for block in matcher.get_matching_blocks():
        # a block that is only a number and its unit sign ("#%") matches any two percentages: the words
        # around them differ, so they are not the same number retold (5.1.1's 78% is not 9.1.1's 前10%)
        if block.size <= 2:
            continue
        for off in range(block.size):
            i, j = block.a + off, block.b + off
            if ma[i] == "#" and j in index_b:
                ka, kb = pos_a.index(i), index_b[j]
                ta, tb = toks_a[ka], toks_b[kb]
                pairs.append(NumberChange(ta.text, tb.text, a.start + ta.start, b.start + tb.start))
    return tuple(pairs)


def _align(ls, rs, sim, minimum: float) -> list[AlignedSentence]:
    """Greedy one-to-one alignment, best similarity first; ``sim[i][j]`` is the Dice of ls[i] and rs[j]."""
    scored = sorted(
        ((sim[i][j], i, j) for i in range(len(ls)) for j in range(len(rs))), key=lambda t: (-t[0], t[1], t[2])
    )
    used_l, used_r, out = set(), set(), []
    for value, i, j in scored:
        if value < minimum:
            break
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append(AlignedSentence(ls[i], rs[j], round(value, 4), _match_numbers(ls[i], rs[j])))
    return sorted(out, key=lambda s: s.left.index)


def _dice_matrix(grams: list[frozenset]):
    """Dice of every two bigram sets at once: a 0/1 matrix times its transpose counts the shared bigrams.

    float32 products of 0/1 entries are exact integers far beyond any sentence's length, and
    the quotient is taken in float64 as ``textsim.dice`` does, so the values are the same.
    """
    import numpy as np

    vocab = {g: k for k, g in enumerate(sorted(set().union(*grams)))} if grams else {}
    x = np.zeros((len(grams), max(len(vocab), 1)), dtype=np.float32)
    for i, gs in enumerate(grams):
        x[i, [vocab[g] for g in gs]] = 1
    shared = (x @ x.T).astype(np.int64)
    sizes = np.array([len(g) for g in grams], dtype=np.int64)
    total = sizes[:, None] + sizes[None, :]
    return np.where(total > 0, 2 * shared / np.maximum(total, 1), 0.0)


def align(
    left_key: str, left_text: str, right_key: str, right_text: str, minimum: float = ALIGN_MIN
) -> list[AlignedSentence]:
    """Greedy one-to-one alignment of the two paragraphs' sentences, best similarity first."""
    ls, rs = textsim.sentences(left_key, left_text), textsim.sentences(right_key, right_text)
    dice = _dice_matrix([textsim.bigrams(s.text) for s in ls + rs])
    return _align(ls, rs, dice[: len(ls), len(ls) :].tolist(), minimum)


def passages(texts: dict[str, str]) -> list[Passage]:
    """Every retold passage among the paragraphs, in reading order of (left, right)."""
    keys = sorted(texts, key=ledger.paragraph_sort_key)
    sents = {k: textsim.sentences(k, texts[k]) for k in keys}
    flat = [(k, i) for k in keys for i in range(len(sents[k]))]
    where = {k: [n for n, (kk, _) in enumerate(flat) if kk == k] for k in keys}
    dice = _dice_matrix([textsim.bigrams(sents[k][i].text) for k, i in flat])
    out = []
    for x, left in enumerate(keys):
        for right in keys[x + 1 :]:
            block = dice[where[left]][:, where[right]]
            if block.size == 0 or block.max() < ALIGN_MIN:
                continue
            sim = block.tolist()
            aligned = _align(sents[left], sents[right], sim, ALIGN_MIN)
            if len(aligned) >= MIN_ALIGNED or any(s.similarity >= VERBATIM_MIN for s in aligned):
                out.append(Passage(left, right, _align(sents[left], sents[right], sim, IN_PASSAGE_MIN)))
    return out


@lru_cache(maxsize=1)
def report_passages() -> tuple[Passage, ...]:
    return tuple(passages(ledger.paragraph_texts()))


def _value_offset(claim: dict, texts: dict[str, str]) -> int | None:
    """Offset in its paragraph of the number token that is the claim's value."""
    text = texts[claim["paragraph"]]
    start = ledger.span_start(text, claim["span"], int(claim["occurrence"]))
    if start is None or not claim["value"]:
        return None
    for tok in numbers.tokenize(claim["paragraph"], claim["span"]):
        if tok.text == claim["value"]:
            return start + tok.start
    return None


def aligned_claim_pairs(claims, texts: dict[str, str], found: list[Passage] | None = None) -> set[tuple[str, str]]:
    """Claim pairs whose value tokens a retold passage matches: (left claim, right claim)."""
    found = list(report_passages()) if found is None else found
    at: dict[tuple[str, int], list[str]] = {}
    for row in claims.to_dict("records"):
        off = _value_offset(row, texts)
        if off is not None:
            at.setdefault((row["paragraph"], off), []).append(row["claim_id"])
    pairs = set()
    for p in found:
        for s in p.sentences:
            for n in s.numbers:
                for a in at.get((p.left, n.left_offset), []):
                    for b in at.get((p.right, n.right_offset), []):
                        pairs.add((a, b))
    return pairs


def passage_table(found: list[Passage] | None = None):
    """One row per aligned sentence pair of every retold passage, with its number changes."""
    import pandas as pd

    found = list(report_passages()) if found is None else found
    rows = []
    for p in found:
        for s in p.sentences:
            rows.append(
                {
                    "left": p.left,
                    "right": p.right,
                    "similarity": s.similarity,
                    "left_sentence": s.left.text,
                    "right_sentence": s.right.text,
                    "numbers": "; ".join(f"{n.left}→{n.right}" for n in s.numbers if n.changed),
                    "years": "; ".join(f"{n.left}→{n.right}" for n in s.numbers if n.is_year and n.left != n.right),
                    "changed": sum(n.changed for n in s.numbers),
                    "right_larger": sum(n.changed and float(n.right) > float(n.left) for n in s.numbers),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "left",
            "right",
            "similarity",
            "left_sentence",
            "right_sentence",
            "numbers",
            "years",
            "changed",
            "right_larger",
        ],
    )
