"""What a chapter page shows, computed from data/ (the chapter notebooks only call these)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import findings, ledger, source

CHAPTER_TITLES_EN = {
    1: "Project overview", 2: "State of the industry", 3: "Directions of operating-model innovation",
    4: "Innovation practice of typical platforms", 5: "Innovation challenges and risk responses",
    6: "Forecast of future trends", 7: "Implementation paths and strategy recommendations",
    8: "In-depth case studies", 9: "Challenges and countermeasures", 10: "Conclusions and industry initiatives",
}


@lru_cache(maxsize=1)
def _state():
    data = ledger.load_valid()
    all_findings = findings.build(data, include_consistent=True)
    return data, all_findings


def _chapter_of(key: str) -> int:
    return int(key.split(".")[0])


def title(chapter: int) -> str:
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    return f"{toc[0]['chapter_title']} ({CHAPTER_TITLES_EN[chapter]})"


def summary(chapter: int) -> dict:
    data, found = _state()
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    claims = data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]
    mine = [f for f in found if f.verdict != "consistent" and any(_chapter_of(p) == chapter for p in f.paragraphs)]
    return {
        "slots": len(toc),
        "present": sum(t["status"] != "missing" for t in toc),
        "missing": sum(t["status"] == "missing" for t in toc),
        "truncated": sum(t["status"] == "truncated" for t in toc),
        "claims": len(claims),
        "by_kind": claims["kind"].value_counts().sort_index().to_dict(),
        "findings": len(mine),
        "by_severity": {s: sum(f.severity == s for f in mine) for s in findings.SEVERITIES},
    }


def claims_table(chapter: int) -> pd.DataFrame:
    data, _ = _state()
    claims = data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]
    return claims[["claim_id", "paragraph", "span", "gloss_en", "value", "unit", "bound", "period", "kind"]].reset_index(drop=True)


def findings_table(chapter: int, include_consistent: bool = False) -> pd.DataFrame:
    _, found = _state()
    rows = [{"severity": f.severity, "check": f.check, "verdict": f.verdict, "paragraphs": ", ".join(f.paragraphs),
             "claims": ", ".join(f.claims), "explanation": f.explanation}
            for f in found if any(_chapter_of(p) == chapter for p in f.paragraphs)
            and (include_consistent or f.verdict != "consistent")]
    return pd.DataFrame(rows, columns=["severity", "check", "verdict", "paragraphs", "claims", "explanation"])


def trust(chapter: int | None = None) -> pd.DataFrame:
    data, found = _state()
    table = findings.trust_table(data, found)
    return table if chapter is None else table[table["chapter"] == chapter].reset_index(drop=True)


def missing_table(chapter: int) -> pd.DataFrame:
    toc = pd.DataFrame(source.load_toc())
    toc = toc[toc["chapter"].astype(int) == chapter]
    return toc[["key", "section", "section_title", "status"]].reset_index(drop=True)


def register_table() -> pd.DataFrame:
    _, found = _state()
    return pd.DataFrame([{"id": f.id, "severity": f.severity, "check": f.check, "paragraphs": ", ".join(f.paragraphs),
                          "claims": ", ".join(f.claims), "explanation": f.explanation, "quotes": " / ".join(f.quotes)}
                         for f in found if f.verdict != "consistent"])


def ledger_table() -> pd.DataFrame:
    data, _ = _state()
    return data.claims[["claim_id", "paragraph", "entity", "metric", "value", "unit", "bound", "period", "kind",
                        "span", "gloss_en"]]


def kinds_by_chapter() -> pd.DataFrame:
    data, _ = _state()
    c = data.claims.assign(chapter=data.claims["paragraph"].map(_chapter_of))
    table = c.groupby(["chapter", "kind"]).size().unstack(fill_value=0)
    table.columns.name = None
    return table.reset_index()
