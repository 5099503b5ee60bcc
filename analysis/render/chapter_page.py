"""What a chapter page shows, computed from data/ (the chapter notebooks only call these).

Every chapter page is written from one skeleton (``book/_chapter.md``) and the chapter's own file
(``book/chapters/chNN.md``) by ``render/chapter_skeleton.py``; these give each section for one chapter.
"""

from __future__ import annotations

import pandas as pd

from analysis import facts as facts_mod
from analysis import forecast, ledger, source
from analysis import register as findings
from analysis.base.keys import chapter_of
from analysis.checks.finding import stated_text
from analysis.facts import retellings
from analysis.outside import status as outside
from analysis.register import severity_rank
from analysis.render import annotate, cards
from analysis.render import tables as book_tables
from analysis.render.annotate import Markdown
from analysis.render.appendix import (
    _fact_labels,
    _held,
    cards_of,
    outside_badges,
    outside_table,
    platform_pages,
    series_figure,
    trajectories_table,
)
from analysis.render.state import shared
from analysis.source.repair_spans import repair_spans
from analysis.words import (
    AT_THE_EDGE,
    AXIS_HEADINGS,
    CHECK_WORDS,
    NOT_CHECKABLE,
    OUTCOME_WORDS,
    SEVERITY_WORDS,
    STATUS_PHRASES,
    listing,
    plural,
)


def title(chapter: int) -> str:
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    return f"{toc[0]['chapter_title']} ({source.chapter_titles_en()[chapter]})"


def toc_frame() -> pd.DataFrame:
    """Every paragraph slot of the table of contents with its status in the capture (for the coverage figure)."""
    return pd.DataFrame(source.load_toc())


def summary(chapter: int) -> dict:
    data, _ = shared()
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    claims = data.claims[data.claims["paragraph"].map(chapter_of) == chapter]
    mine = chapter_findings(chapter)
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


def claims_view(chapter: int):
    """The chapter's claims for readers: each id links to its mark, status in words, values as stated."""
    data, found = shared()
    status = findings.claim_status(found)
    claims = data.claims[data.claims["paragraph"].map(chapter_of) == chapter]
    view = pd.DataFrame(
        {
            "claim": [book_tables.link(annotate.claim_href(c, chapter), c) for c in claims["claim_id"]],
            "quote": claims["span"].tolist(),
            "fact (Chinese)": claims["fact_id"].map(facts_mod.read_facts().set_index("fact_id")["label_zh"]).tolist(),
            "in English": claims["gloss_en"].tolist(),
            "as stated": [f"{stated_text(r)} · {r['period'] or 'no year'}" for r in claims.to_dict("records")],
            AXIS_HEADINGS["self"]: [status.get(c, NOT_CHECKABLE) for c in claims["claim_id"]],
            AXIS_HEADINGS["outside"]: claims["claim_id"].map(_outside_axis()).tolist(),
        }
    )
    return book_tables.interactive_table(view, name=f"claims-ch{chapter}")


def findings_view(chapter: int):
    """Every check that involves the chapter (consistent ones too), for readers, most serious first."""
    _, found = shared()
    rows = sorted(
        (f for f in found if any(chapter_of(p) == chapter for p in f.paragraphs) and f.verdict != "computed"),
        key=severity_rank,
    )
    view = pd.DataFrame(
        {
            "severity": [f.severity if f.shown else "" for f in rows],
            "verdict": [annotate.verdict_word(f) for f in rows],
            "check": [CHECK_WORDS[f.check] for f in rows],
            "how sure": [f.certainty for f in rows],
            "statements": [
                ", ".join(book_tables.link(annotate.claim_href(c, chapter), c) for c in f.claims) for f in rows
            ],
            "why": [book_tables.linkify(f.explanation) for f in rows],
        },
        columns=["severity", "verdict", "check", "how sure", "statements", "why"],
    )
    return book_tables.interactive_table(view, name=f"checks-ch{chapter}")


def trust(chapter: int | None = None) -> pd.DataFrame:
    data, found = shared()
    table = findings.trust_table(data, found)
    return table if chapter is None else table[table["chapter"] == chapter].reset_index(drop=True)


def forecasts_table(chapter: int) -> pd.DataFrame:
    """The chapter's 2026 figures (and mapped 2025 figures) held against the forecasts."""
    held = _held()
    held = held[held["paragraph"].map(chapter_of) == chapter]
    return held[
        [
            "claim_id",
            "span",
            "gloss_en",
            "report",
            "year",
            "series_id",
            "models",
            "forecast",
            "lo95",
            "hi95",
            "verdict",
            "needed_growth_pct",
            "official_growth_pct",
            "basis_claim",
            "report_implied_growth_pct",
            "explanation",
        ]
    ].reset_index(drop=True)


def forecast_series(chapter: int) -> list[str]:
    """Official series that a claim of this chapter is held against (forecast map or official map)."""
    data, _ = shared()
    in_chapter = set(data.claims[data.claims["paragraph"].map(chapter_of) == chapter]["claim_id"])
    declared = {s.series_id for s, _ in forecast.series_runs()}
    return sorted({sid for cid, sid in forecast.claim_series_pairs() if cid in in_chapter and sid in declared})


def forecast_figure(chapter: int):
    """One panel per official series the chapter's figures are held against; None if there is none."""
    ids = forecast_series(chapter)
    return series_figure(ids) if ids else None


# --- restatements ----------------------------------------------------------------------------------
_RESTATED_COLUMNS = (
    "fact unit here_claim here_value here_period there_claim there_value there_unit there_period severity verdict"
).split()


def restated_pairs(chapter: int) -> pd.DataFrame:
    """Each restatement finding that involves this chapter, as two values of one fact."""
    data, found = shared()
    by_id = {r["claim_id"]: r for r in data.claims.to_dict("records")}
    labels = _fact_labels()
    rows = []
    for f in found:
        if f.check != "restatement" or not any(chapter_of(p) == chapter for p in f.paragraphs):
            continue
        a, b = (by_id[c] for c in f.claims)
        here, there = (a, b) if chapter_of(a["paragraph"]) == chapter else (b, a)
        rows.append(
            {
                "fact": labels.get(here["fact_id"], here["fact_id"]),
                "unit": here["unit"],
                "here_claim": here["claim_id"],
                "here_value": float(here["value"]),
                "here_period": here["period"] or "no year",
                "there_claim": there["claim_id"],
                "there_value": float(there["value"]),
                "there_unit": there["unit"],
                "there_period": there["period"] or "no year",
                "severity": f.severity,
                "verdict": f.verdict,
            }
        )
    return pd.DataFrame(rows, columns=_RESTATED_COLUMNS)


def differing_pairs(chapter: int) -> pd.DataFrame:
    """The chapter's restated facts whose values differ (not consistent, not at the edge of rounding)."""
    pairs = restated_pairs(chapter)
    pairs = pairs[~pairs["verdict"].isin(["consistent", "edge"])].reset_index(drop=True)
    pairs.insert(0, "number", range(1, len(pairs) + 1))  # the figure's dots carry these numbers, the table too
    return pairs


def chapter_findings(chapter: int) -> list:
    """Findings (shown verdicts) that involve the chapter, most serious first."""
    _, found = shared()
    return sorted(
        (f for f in found if f.shown and any(chapter_of(p) == chapter for p in f.paragraphs)), key=severity_rank
    )


def audit_summary(chapter: int) -> Markdown:
    """What the audit found in this chapter, in sentences; every number comes from the data."""
    s = summary(chapter)
    if s["claims"] == 0:
        return Markdown(
            f"The table of contents lists {plural(s['slots'], 'paragraph')} for this chapter; the capture "
            f"holds {s['present']} of them, so there is no number to check."
        )
    t = trust(chapter)
    counts = {col: int(t[col].sum()) for col in findings.STATUS_ORDER}
    checked = s["claims"] - counts[NOT_CHECKABLE]
    parts = [STATUS_PHRASES[k].format(n=n) for k, n in counts.items() if k in STATUS_PHRASES and n]
    held_paragraphs = s["present"] + s["truncated"]
    text = [
        f"This chapter states **{plural(s['claims'], 'numeric claim')}** in "
        + (
            f"{plural(len(t), 'paragraph')} of the {held_paragraphs} the capture holds"
            if len(t) < held_paragraphs
            else f"every one of the {plural(held_paragraphs, 'paragraph')} the capture holds"
        )
        + (
            f" (the table of contents lists {s['slots']}; {s['missing']} are missing from the capture"
            + (f" and {s['truncated']} breaks off" if s["truncated"] else "")
            + ")."
            if s["missing"] or s["truncated"]
            else "."
        )
    ]
    text.append(
        f"The audit could hold **{checked}** of them against another statement of the report, its own "
        f"arithmetic, official statistics or a forecast"
        + (f": {listing(parts)}." if parts else ".")
        + (
            f" The other {counts[NOT_CHECKABLE]} have nothing to be held against."
            if counts[NOT_CHECKABLE]
            else " Every claim could be checked."
        )
    )
    mine = chapter_findings(chapter)
    if mine:
        sev = [f"{n} {SEVERITY_WORDS[k] if k != 'info' else AT_THE_EDGE}" for k, n in s["by_severity"].items() if n]
        text.append(f"It is involved in **{plural(len(mine), 'finding')}** ({listing(sev)}).")
        top = mine[0]
        text.append(f"The most serious: {top.explanation}")
    o = outside_counts(chapter)
    if o["checked"]:
        text.append(
            f"Against the outside record, {plural(o['checked'], 'claim')} could be held against a named source "
            f"(official statistics, a regulator's decision, a filing, a forecast or an industry benchmark): "
            f"{o['held']} {OUTCOME_WORDS['held']}, {o['bounded']} {OUTCOME_WORDS['bounded']}, "
            f"{o['departed']} {OUTCOME_WORDS['departed']} and "
            f"{o['read_against_the_source']} {'was' if o['read_against_the_source'] == 1 else 'were'} "
            f"{OUTCOME_WORDS['read_against_the_source']} in words."
        )
    else:
        text.append("No claim of this chapter could be held against an outside source.")
    moving = trajectory_sentence(chapter)
    if moving:
        text.append(moving)
    differ = differing_pairs(chapter)
    if len(differ):
        larger = int((differ["there_value"] > differ["here_value"]).sum())
        smaller = int((differ["there_value"] < differ["here_value"]).sum())
        text.append(
            f"{plural(len(differ), 'fact')} of this chapter {'is' if len(differ) == 1 else 'are'} restated "
            f"elsewhere with another value: the other paragraph's number is the larger in {larger} of them "
            f"and this chapter's in {smaller}."
        )
    return Markdown(" ".join(text))


def outside_counts(chapter: int | None = None) -> dict:
    t = outside_table()
    return outside.counts(t if chapter is None else t[t["chapter"] == chapter])


def _outside_axis() -> dict[str, str]:
    """claim -> the outside axis in words (outside/status.axis)."""
    t = outside_table()
    return dict(zip(t["claim_id"], outside.axis_words(t)))


def _outside_lines() -> dict[str, dict]:
    return {r["claim_id"]: outside.describe(r) for r in outside_table().to_dict("records")}


def annotated(chapter: int):
    """The chapter's paragraphs in Chinese, every claim marked by its audit status (annotate.chapter_html)."""
    data, found = shared()
    shown = [f for f in found if f.shown or f.verdict == "consistent" or f.check in ("official", "forecast")]
    return annotate.chapter_html(
        chapter,
        data.claims.to_dict("records"),
        ledger.paragraph_texts(),
        source.load_toc(),
        findings.claim_status(found),
        shown,
        _fact_labels(),
        _outside_lines(),
        outside_badges(),
        platform_pages(),
        repair_spans(ledger.paragraph_texts()),
    )


def finding_cards(chapter: int, limit: int = 5):
    """The chapter's most serious findings as cards; claims of this chapter link to their marks on the page."""
    return cards_of(chapter_findings(chapter)[:limit], page_chapter=chapter)


def retold(chapter: int):
    """Retold passages that involve this chapter, sentence against sentence; None if there is none."""
    mine = [p for p in retellings.report_passages() if chapter in (chapter_of(p.left), chapter_of(p.right))]
    return cards.passages_html(mine) if mine else None


def restated_view(chapter: int):
    """The chapter's facts restated elsewhere with another value, for readers (links to both marks)."""
    pairs = differing_pairs(chapter)
    fmt = lambda v, u: f"{v:g}{u}"  # noqa: E731 (values as the report prints them)
    view = pd.DataFrame(
        {
            "#": pairs["number"],
            "fact": pairs["fact"],
            "here": [
                f"{book_tables.link(annotate.claim_href(r.here_claim, chapter), r.here_claim)}: "
                f"{fmt(r.here_value, r.unit)} ({r.here_period})"
                for r in pairs.itertuples()
            ],
            "elsewhere": [
                f"{book_tables.link(annotate.claim_href(r.there_claim), r.there_claim)}: "
                f"{fmt(r.there_value, r.there_unit)} ({r.there_period})"
                for r in pairs.itertuples()
            ],
            "verdict": [annotate.VERDICT_WORDS[v] for v in pairs["verdict"]],
        },
        columns=["#", "fact", "here", "elsewhere", "verdict"],
    )
    return book_tables.interactive_table(view, name=f"restated-ch{chapter}")


def forecasts_view(chapter: int):
    """The chapter's figures held against forecasts from official series, for readers; None if there is none."""
    held = forecasts_table(chapter)
    if held.empty:
        return None
    view = pd.DataFrame(
        {
            "claim": [book_tables.link(annotate.claim_href(c, chapter), c) for c in held["claim_id"]],
            "quote": held["span"],
            "in English": held["gloss_en"],
            "official series": held["series_id"],
            "verdict": held["verdict"],
            "why": [
                e or (f"The report's own earlier figure ({b}) implies {g:g} % a year." if b and g == g else "")
                for e, b, g in zip(held["explanation"], held["basis_claim"], held["report_implied_growth_pct"])
            ],
        }
    )
    return book_tables.interactive_table(view, name=f"forecasts-ch{chapter}")


def trajectory_sentence(chapter: int) -> str:
    """One sentence for a chapter's summary: its facts also stated for the other year, and how many are retold."""
    t = trajectories_table()
    mine = t[(t["chapter_2025"] == chapter) | (t["chapter_2026"] == chapter)]
    if mine.empty:
        return ""
    rising = int((mine["change_pct"] > 0).sum())
    retold = int(mine["retold"].sum())
    facts = mine["fact_id"].nunique()
    return (
        f"{plural(facts, 'fact')} of this chapter {'is' if facts == 1 else 'are'} "
        f"stated for both 2025 and 2026 ({plural(len(mine), 'pair')} of statements, {rising} rising); "
        + (
            f"{retold} of the pairs are a sentence retold in another chapter with a later year, so the change may "
            "be a retelling rather than a new measurement"
            if retold
            else "none of the pairs is a sentence retold in another chapter"
        )
        + " (forecasts appendix, *The report's own trajectories*)."
    )
