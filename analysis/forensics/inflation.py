"""Retelling inflation: when the report says a thing again with another number, does the number grow?

Two sources of second statements, counted apart (a pair may be in both):

- **retold passages** (``facts.retellings``): sentences of one paragraph another repeats with numbers
  changed; each changed number (years are periods, not counted) is *larger* or *smaller* in the later
  paragraph;
- **restated facts** (the register's ``restatement`` findings): two claims of one fact in different
  chapters whose values differ, compared in base units, later chapter against earlier. A pair with two
  stated periods (verdict ``changed``) is left out: a later year's larger figure is growth, not a retelling.

Under "the numbers were copied with noise" growing and shrinking are equally likely: a two-sided sign
test (exact binomial, p = 1/2) says how far the split is from even. The same within platforms: a changed
number is a platform's when the claim at it is about the platform or one of its units on its page
(``ledger.platforms``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from scipy import stats

from analysis import ledger
from analysis.base import numbers
from analysis.base.keys import chapter_of

EXCLUDED_VERDICTS = ("changed",)


@dataclass(frozen=True)
class Signs:
    larger: int
    smaller: int

    @property
    def n(self) -> int:
        return self.larger + self.smaller

    @property
    def p(self) -> float:
        return float(stats.binomtest(self.larger, self.n, 0.5).pvalue) if self.n else float("nan")

    @property
    def share(self) -> float:
        return self.larger / self.n if self.n else float("nan")


def signs(frame: pd.DataFrame) -> Signs:
    return Signs(int((frame["direction"] > 0).sum()), int((frame["direction"] < 0).sum()))


def _claims_at(claims: pd.DataFrame, texts: dict[str, str]) -> dict[tuple[str, int], dict]:
    """(paragraph, offset of the value's number token) -> the claim."""
    at = {}
    for row in claims.to_dict("records"):
        start = ledger.span_start(texts[row["paragraph"]], row["span"], int(row["occurrence"]))
        if start is None or not row["value"]:
            continue
        for tok in numbers.tokenize(row["paragraph"], row["span"]):
            if tok.text == row["value"]:
                at[(row["paragraph"], start + tok.start)] = row
                break
    return at


def passage_changes(passages, claims: pd.DataFrame, texts: dict[str, str], page_of: dict[str, str]) -> pd.DataFrame:
    """One row per changed number of a retold passage: the two numbers, direction (+1 larger, -1 smaller,
    0 equal value written otherwise), chapters and the platform page its claim is on ('' if none)."""
    at = _claims_at(claims, texts)
    rows = []
    for p in passages:
        for s in p.sentences:
            for n in s.numbers:
                if not n.changed:
                    continue
                a, b = float(n.left), float(n.right)
                claim = at.get((p.right, n.right_offset)) or at.get((p.left, n.left_offset))
                rows.append(
                    {
                        "left": p.left,
                        "right": p.right,
                        "from": n.left,
                        "to": n.right,
                        "direction": (b > a) - (b < a),
                        "chapters": f"{chapter_of(p.left)}→{chapter_of(p.right)}",
                        "platform": page_of.get(claim["entity"], "") if claim else "",
                    }
                )
    return pd.DataFrame(rows, columns=["left", "right", "from", "to", "direction", "chapters", "platform"])


def restated_changes(found, claims: pd.DataFrame, page_of: dict[str, str]) -> pd.DataFrame:
    """One row per restatement finding across chapters whose two values differ (not two stated periods)."""
    by_id = {r["claim_id"]: r for r in claims.to_dict("records")}
    rows = []
    for f in found:
        if f.check != "restatement" or f.verdict in EXCLUDED_VERDICTS or len(f.claims) != 2:
            continue
        a, b = sorted((by_id[c] for c in f.claims), key=lambda r: ledger.claim_sort_key(r["claim_id"]))
        if chapter_of(a["paragraph"]) == chapter_of(b["paragraph"]) or a["base_unit"] != b["base_unit"]:
            continue
        x, y = float(a["value_base"]), float(b["value_base"])
        if x == y:
            continue
        rows.append(
            {
                "earlier": a["claim_id"],
                "later": b["claim_id"],
                "from": f"{a['value']}{a['unit']}",
                "to": f"{b['value']}{b['unit']}",
                "direction": (y > x) - (y < x),
                "verdict": f.verdict,
                "chapters": f"{chapter_of(a['paragraph'])}→{chapter_of(b['paragraph'])}",
                "platform": page_of.get(b["entity"], "") or page_of.get(a["entity"], ""),
            }
        )
    cols = ["earlier", "later", "from", "to", "direction", "verdict", "chapters", "platform"]
    return pd.DataFrame(rows, columns=cols)


def by_platform(changes: pd.DataFrame) -> pd.DataFrame:
    """Larger and smaller per platform page (numbers on no platform's page apart, as '')."""
    rows = []
    for platform, g in changes.groupby("platform", sort=True):
        s = signs(g)
        rows.append({"platform": platform, "larger": s.larger, "smaller": s.smaller, "n": s.n, "p": s.p})
    return pd.DataFrame(rows, columns=["platform", "larger", "smaller", "n", "p"])
