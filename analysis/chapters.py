"""What a chapter page shows, computed from data/ (the chapter notebooks only call these)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import findings, ledger, paths, source

CHAPTER_TITLES_EN = {
    1: "Project overview", 2: "State of the industry", 3: "Directions of operating-model innovation",
    4: "Innovation practice of typical platforms", 5: "Innovation challenges and risk responses",
    6: "Forecast of future trends", 7: "Implementation paths and strategy recommendations",
    8: "In-depth case studies", 9: "Challenges and countermeasures", 10: "Conclusions and industry initiatives",
}


def _compute_state():
    from . import gate

    data = gate.require_valid().ledger  # bad data stops the page with the gate's message
    return data, findings.build(data, include_consistent=True)


@lru_cache(maxsize=1)
def _state():
    from .memo import memo

    return memo("state", _compute_state)


def _chapter_of(key: str) -> int:
    return int(key.split(".")[0])


def title(chapter: int) -> str:
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    return f"{toc[0]['chapter_title']} ({CHAPTER_TITLES_EN[chapter]})"


def summary(chapter: int) -> dict:
    data, _ = _state()
    toc = [t for t in source.load_toc() if int(t["chapter"]) == chapter]
    claims = data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]
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
    from . import annotate, book_tables
    from .finding import stated_text

    data, found = _state()
    status = findings.claim_status(found)
    claims = data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]
    view = pd.DataFrame({
        "claim": [book_tables.link(annotate.claim_href(c, chapter), c) for c in claims["claim_id"]],
        "quote": claims["span"].tolist(),
        "in English": claims["gloss_en"].tolist(),
        "as stated": [stated_text(r) for r in claims.to_dict("records")],
        "year": claims["period"].replace("", "none").tolist(),
        "status": [status.get(c, "not checkable") for c in claims["claim_id"]],
        "outside record": claims["claim_id"].map(outside_table().set_index("claim_id")["outcome"]).tolist()})
    return book_tables.interactive_table(view, name=f"claims-ch{chapter}")


def findings_view(chapter: int):
    """Every check that involves the chapter (consistent ones too), for readers, most serious first."""
    from . import annotate, book_tables

    _, found = _state()
    rows = sorted((f for f in found if any(_chapter_of(p) == chapter for p in f.paragraphs)
                   and f.verdict != "computed"), key=_severity_rank)
    view = pd.DataFrame({
        "severity": [f.severity if f.shown else "" for f in rows],
        "verdict": [annotate.verdict_word(f) for f in rows],
        "check": [f.check.replace("_", " ") for f in rows],
        "statements": [", ".join(book_tables.link(annotate.claim_href(c, chapter), c) for c in f.claims) for f in rows],
        "why": [f.explanation for f in rows]}, columns=["severity", "verdict", "check", "statements", "why"])
    return book_tables.interactive_table(view, name=f"checks-ch{chapter}")




def trust(chapter: int | None = None) -> pd.DataFrame:
    data, found = _state()
    table = findings.trust_table(data, found)
    return table if chapter is None else table[table["chapter"] == chapter].reset_index(drop=True)




def register_table() -> pd.DataFrame:
    _, found = _state()
    return pd.DataFrame([{"id": f.id, "severity": f.severity, "check": f.check, "paragraphs": ", ".join(f.paragraphs),
                          "claims": ", ".join(f.claims), "explanation": f.explanation, "quotes": " / ".join(f.quotes)}
                         for f in found if f.shown])


def register_view():
    """The register for readers: searchable, each finding linking to its card, each statement to its mark."""
    from . import annotate, book_tables

    _, found = _state()
    rows = sorted((f for f in found if f.shown), key=_severity_rank)
    view = pd.DataFrame({
        "finding": [book_tables.link("#" + annotate.finding_anchor(f.id), f.check.replace("_", " ")) for f in rows],
        "severity": [f.severity for f in rows],
        "verdict": [annotate.verdict_word(f) for f in rows],
        "statements": [", ".join(book_tables.link(annotate.claim_href(c), c) for c in f.claims) for f in rows],
        "why": [f.explanation for f in rows]}, columns=["finding", "severity", "verdict", "statements", "why"])
    return book_tables.interactive_table(view, name="register", page_length=25)


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


# --- forecasts -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _held():
    from . import forecast
    from .memo import memo

    data, _ = _state()
    return memo("held", lambda: forecast.held_against_report(data))


def forecasts_table(chapter: int) -> pd.DataFrame:
    """The chapter's 2026 figures (and mapped 2025 figures) held against the forecasts."""
    held = _held()
    held = held[held["paragraph"].map(_chapter_of) == chapter]
    return held[["claim_id", "span", "gloss_en", "report", "year", "series_id", "models", "forecast", "lo95", "hi95",
                 "verdict", "needed_growth_pct", "official_growth_pct", "basis_claim",
                 "report_implied_growth_pct", "explanation"]].reset_index(drop=True)


def forecast_series(chapter: int) -> list[str]:
    """Official series that a claim of this chapter is held against (forecast map or official map)."""
    from . import forecast

    data, _ = _state()
    in_chapter = set(data.claims[data.claims["paragraph"].map(_chapter_of) == chapter]["claim_id"])
    declared = {s.series_id for s, _ in forecast.series_runs()}
    return sorted({sid for cid, sid in forecast.claim_series_pairs() if cid in in_chapter and sid in declared})


def forecast_figure(chapter: int):
    """One panel per official series the chapter's figures are held against; None if there is none."""
    ids = forecast_series(chapter)
    return series_figure(ids) if ids else None


def series_figure(series_ids: list[str] | None = None):
    """Forecast panels for the given series (default: every declared series), with the report's points."""
    from . import forecast, plots

    data, _ = _state()
    ids = series_ids or [s.series_id for s, _ in forecast.series_runs()]
    return plots.forecast_grid([forecast.figure_data(s, data) for s in ids])


def forecast_overview() -> pd.DataFrame:
    from . import forecast

    return forecast.forecast_table()


def held_overview() -> pd.DataFrame:
    return _held()


def held_explained() -> pd.DataFrame:
    """The report's figures held against a series, each with its verdict explained in words."""
    held = _held()
    return held[held["explanation"] != ""][["claim_id", "report", "year", "series_id", "verdict",
                                             "explanation"]].reset_index(drop=True)


def forecast_calibration() -> pd.DataFrame:
    """How often the 80 % and 95 % intervals held the value, over every rolling-origin held-out official point."""
    from . import forecast

    return forecast.calibration()


def forecast_method() -> dict[str, str]:
    """The forecast method's constants and the calibration's totals, as text for a page's prose (glue)."""
    from . import forecast

    calib = forecast.calibration().set_index("model")
    total = calib.loc["all models"]
    out = {"fc_ratio": f"{forecast.ACCEPTABLE_MAPE_RATIO:g}", "fc_floor": f"{forecast.ACCEPTABLE_MAPE_FLOOR:g} %",
           "fc_horizon": str(forecast.MAX_BACKTEST_HORIZON), "fc_min_points": str(forecast.MIN_POINTS["linear"]),
           "fc_min_ets": str(forecast.MIN_POINTS["damped_ets"]), "fc_held_out": str(int(total["held_out"])),
           "fc_share80": f"{total['share80']:.0%}", "fc_share95": f"{total['share95']:.0%}"}
    for model in forecast.MODELS:
        if model in calib.index:
            out[f"fc_share95_{model}"] = f"{calib.loc[model, 'share95']:.0%}"
    return out


# --- restatements ----------------------------------------------------------------------------------
def restated_pairs(chapter: int) -> pd.DataFrame:
    """Each restatement finding that involves this chapter, as two values of one fact."""
    data, found = _state()
    by_id = {r["claim_id"]: r for r in data.claims.to_dict("records")}
    labels = _fact_labels()
    rows = []
    for f in found:
        if f.check != "restatement" or not any(_chapter_of(p) == chapter for p in f.paragraphs):
            continue
        a, b = (by_id[c] for c in f.claims)
        here, there = (a, b) if _chapter_of(a["paragraph"]) == chapter else (b, a)
        rows.append({"fact": labels.get(here["fact_id"], here["fact_id"]), "unit": here["unit"],
                     "here_claim": here["claim_id"], "here_value": float(here["value"]), "here_period": here["period"] or "no year",
                     "there_claim": there["claim_id"], "there_value": float(there["value"]), "there_unit": there["unit"],
                     "there_period": there["period"] or "no year", "severity": f.severity, "verdict": f.verdict})
    return pd.DataFrame(rows, columns=["fact", "unit", "here_claim", "here_value", "here_period", "there_claim",
                                       "there_value", "there_unit", "there_period", "severity", "verdict"])


def differing_pairs(chapter: int) -> pd.DataFrame:
    """The chapter's restated facts whose values differ (not consistent, not at the edge of rounding)."""
    pairs = restated_pairs(chapter)
    return pairs[~pairs["verdict"].isin(["consistent", "edge"])].reset_index(drop=True)


@lru_cache(maxsize=1)
def _fact_labels() -> dict[str, str]:
    from . import facts

    table = facts.read_facts()
    return dict(zip(table["fact_id"], table["label_en"]))


# --- the fact layer -----------------------------------------------------------------------------------
def fact_summary() -> dict:
    from . import candidates, facts

    data, _ = _state()
    files = facts.load()
    per_fact = data.claims.groupby("fact_id")["paragraph"].nunique()
    return {"claims": len(data.claims), "facts": len(files.facts), "multi": int((per_fact > 1).sum()),
            "proposed": len(candidates.propose(data.claims, ledger.paragraph_texts())),
            "same": sum(d["decision"] == "same" for d in files.decisions),
            "different": sum(d["decision"] == "different" for d in files.decisions)}


def restated_facts_table() -> pd.DataFrame:
    """Facts with claims in two or more paragraphs: each claim as stated, in reading order."""
    data, _ = _state()
    labels = _fact_labels()
    claims = data.claims
    multi = claims.groupby("fact_id")["paragraph"].nunique()
    rows = claims[claims["fact_id"].isin(multi[multi > 1].index)]
    out = pd.DataFrame({
        "fact": rows["fact_id"].map(labels), "claim": rows["claim_id"], "quote": rows["span"],
        "as stated": [f"{r['bound'] if r['bound'] != '=' else ''}{r['value']}{r['unit']}" for r in rows.to_dict("records")],
        "period": rows["period"].replace("", "no year"), "period from": rows["period_basis"]})
    order = out["claim"].map(ledger.claim_sort_key)
    return out.assign(_o=order).sort_values(["fact", "_o"]).drop(columns="_o").reset_index(drop=True)


def decisions_table() -> pd.DataFrame:
    from . import facts

    files = facts.load()
    return pd.DataFrame(files.decisions)[["claim_a", "claim_b", "decision", "reason"]]


# --- the chapter page as a fact-check (annotated text, cards, written summary) ---------------------------
class Markdown(str):
    """Markdown text a notebook displays as rendered Markdown (myst-nb parses text/markdown outputs)."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


STATUS_PHRASES = {"contradicted": "{n} contradicted", "two values": "{n} with two values for one fact",
                  "changed over time": "{n} changed over time", "edge of rounding": "{n} holding only at the edge of rounding",
                  "consistent": "{n} consistent"}


def _severity_rank(f) -> tuple:
    return (findings.SEVERITIES.index(f.severity), list(findings.VERDICTS).index(f.verdict), f.id)


def chapter_findings(chapter: int) -> list:
    """Findings (shown verdicts) that involve the chapter, most serious first."""
    _, found = _state()
    return sorted((f for f in found if f.shown and any(_chapter_of(p) == chapter for p in f.paragraphs)), key=_severity_rank)


def audit_summary(chapter: int) -> Markdown:
    """What the audit found in this chapter, in sentences; every number comes from the data."""
    s = summary(chapter)
    if s["claims"] == 0:
        return Markdown(f"The table of contents lists {_plural(s['slots'], 'paragraph')} for this chapter; the capture "
                        f"holds {s['present']} of them, so there is no number to check.")
    t = trust(chapter)
    counts = {col: int(t[col].sum()) for col in findings.STATUS_ORDER}
    checked = s["claims"] - counts["not checkable"]
    parts = [STATUS_PHRASES[k].format(n=n) for k, n in counts.items() if k in STATUS_PHRASES and n]
    held_paragraphs = s["present"] + s["truncated"]
    text = [f"This chapter states **{_plural(s['claims'], 'numeric claim')}** in "
            + (f"{_plural(len(t), 'paragraph')} of the {held_paragraphs} the capture holds" if len(t) < held_paragraphs
               else f"every one of the {_plural(held_paragraphs, 'paragraph')} the capture holds")
            + (f" (the table of contents lists {s['slots']}; {s['missing']} are missing from the capture"
               + (f" and {s['truncated']} breaks off" if s['truncated'] else "") + ")." if s["missing"] or s["truncated"] else ".")]
    text.append(f"The audit could hold **{checked}** of them against another statement of the report, its own "
                f"arithmetic, official statistics or a forecast" + (f": {_listing(parts)}." if parts else ".")
                + (f" The other {counts['not checkable']} have nothing to be held against." if counts["not checkable"]
                   else " Every claim could be checked."))
    mine = chapter_findings(chapter)
    if mine:
        sev = [f"{n} {k if k != 'info' else 'at the edge of rounding'}" for k, n in s["by_severity"].items() if n]
        text.append(f"It is involved in **{_plural(len(mine), 'finding')}** ({_listing(sev)}).")
        top = mine[0]
        text.append(f"The most serious: {top.explanation}")
    o = outside_counts(chapter)
    if o["checked"]:
        text.append(f"Against the outside record, {_plural(o['checked'], 'claim')} could be held against a named source "
                    f"(official statistics, a regulator's decision, a filing, a forecast or an industry benchmark): "
                    f"{o['held']} held, {o['departed']} departed and {o['read_against_the_source']} "
                    f"{'was' if o['read_against_the_source'] == 1 else 'were'} read against the source in words.")
    else:
        text.append("No claim of this chapter could be held against an outside source.")
    moving = trajectory_sentence(chapter)
    if moving:
        text.append(moving)
    differ = differing_pairs(chapter)
    if len(differ):
        larger = int((differ["there_value"] > differ["here_value"]).sum())
        smaller = int((differ["there_value"] < differ["here_value"]).sum())
        text.append(f"{_plural(len(differ), 'fact')} of this chapter {'is' if len(differ) == 1 else 'are'} restated "
                    f"elsewhere with another value: the other paragraph's number is the larger in {larger} of them "
                    f"and this chapter's in {smaller}.")
    return Markdown(" ".join(text))


@lru_cache(maxsize=1)
def outside_table() -> pd.DataFrame:
    """Every claim's outside-check status and its outcome (analysis/outside.py)."""
    from . import outside

    _, found = _state()
    return outside.table(outside.load_checks(), found)


def outside_counts(chapter: int | None = None) -> dict:
    from . import outside

    t = outside_table()
    return outside.counts(t if chapter is None else t[t["chapter"] == chapter])


def _outside_lines() -> dict[str, str]:
    from . import outside

    return {r["claim_id"]: outside.describe(r) for r in outside_table().to_dict("records")}


def annotated(chapter: int):
    """The chapter's paragraphs in Chinese, every claim marked by its audit status (annotate.chapter_html)."""
    from . import annotate

    data, found = _state()
    shown = [f for f in found if f.shown or f.verdict == "consistent"]
    return annotate.chapter_html(chapter, data.claims.to_dict("records"), ledger.paragraph_texts(), source.load_toc(),
                                 findings.claim_status(found), shown, _fact_labels(), _outside_lines())


def cards_of(chosen: list, page_chapter: int | None = None):
    """These findings as cards (cards.cards_html) with the ledger's claims and the paragraphs' text."""
    from . import cards

    data, _ = _state()
    return cards.cards_html(chosen, {c["claim_id"]: c for c in data.claims.to_dict("records")},
                            ledger.paragraph_texts(), page_chapter=page_chapter)


def finding_cards(chapter: int, limit: int = 5):
    """The chapter's most serious findings as cards; claims of this chapter link to their marks on the page."""
    return cards_of(chapter_findings(chapter)[:limit], page_chapter=chapter)


def register_cards(verdicts: tuple[str, ...] = findings.SHOWN):
    """Every finding with one of these verdicts as a card, most serious first (the register page)."""
    _, found = _state()
    return cards_of(sorted((f for f in found if f.verdict in verdicts), key=_severity_rank))


def retold(chapter: int):
    """Retold passages that involve this chapter, sentence against sentence; None if there is none."""
    from . import cards, retellings

    mine = [p for p in retellings.report_passages() if chapter in (_chapter_of(p.left), _chapter_of(p.right))]
    return cards.passages_html(mine) if mine else None


def restated_view(chapter: int):
    """The chapter's facts restated elsewhere with another value, for readers (links to both marks)."""
    from . import annotate, book_tables

    pairs = differing_pairs(chapter)
    fmt = lambda v, u: f"{v:g}{u}"  # noqa: E731 (values as the report prints them)
    view = pd.DataFrame({
        "fact": pairs["fact"],
        "here": [f'{book_tables.link(annotate.claim_href(r.here_claim, chapter), r.here_claim)}: '
                 f"{fmt(r.here_value, r.unit)} ({r.here_period})" for r in pairs.itertuples()],
        "elsewhere": [f'{book_tables.link(annotate.claim_href(r.there_claim), r.there_claim)}: '
                      f"{fmt(r.there_value, r.there_unit)} ({r.there_period})" for r in pairs.itertuples()],
        "verdict": [annotate.VERDICT_WORDS[v] for v in pairs["verdict"]]},
        columns=["fact", "here", "elsewhere", "verdict"])
    return book_tables.interactive_table(view, name=f"restated-ch{chapter}")


def forecasts_view(chapter: int):
    """The chapter's figures held against forecasts from official series, for readers; None if there is none."""
    from . import annotate, book_tables

    held = forecasts_table(chapter)
    if held.empty:
        return None
    view = pd.DataFrame({
        "claim": [book_tables.link(annotate.claim_href(c, chapter), c) for c in held["claim_id"]],
        "quote": held["span"], "in English": held["gloss_en"], "official series": held["series_id"],
        "verdict": held["verdict"],
        "why": [e or (f"The report's own earlier figure ({b}) implies {g:g} % a year." if b and g == g else "")
                for e, b, g in zip(held["explanation"], held["basis_claim"], held["report_implied_growth_pct"])]})
    return book_tables.interactive_table(view, name=f"forecasts-ch{chapter}")


# --- the report's own 2025 -> 2026 trajectories -----------------------------------------------------------
@lru_cache(maxsize=1)
def trajectories_table() -> pd.DataFrame:
    from . import retellings, trajectories

    data, _ = _state()
    return trajectories.trajectories(data.claims, retellings.aligned_claim_pairs(data.claims, ledger.paragraph_texts()))


@lru_cache(maxsize=1)
def trajectories_held() -> pd.DataFrame:
    """Each trajectory held against its reviewed links (data/trajectory_links.csv)."""
    from . import official, trajectories

    data, _ = _state()
    return trajectories.held(trajectories_table(), trajectories.load_links(), data.claims, official.load_official(),
                             ledger.exact_unit_scales(data.units))


def trajectories_held_summary() -> dict:
    from . import trajectories

    return trajectories.held_summary(trajectories_held(), trajectories_table())


def trajectories_held_view():
    """What each trajectory was held against, and what that shows (facts with nothing to hold them against last)."""
    from . import book_tables, trajectories

    h = trajectories_held()
    h = h.assign(_none=h["link"] == "none").sort_values(["_none", "fact_id"], kind="stable")
    labels = _fact_labels()
    view = pd.DataFrame({
        "fact": h["fact_id"].map(labels), "held against": h["link"].map(lambda k: trajectories.LINKS[k].split(" (")[0]),
        "what": h["against"], "outside or stated": h["outside"], "verdict": h["verdict"], "reading": h["reading"],
        "source": [" ".join(book_tables.link(u, "source") for u in s.split("; ")) if s else "" for s in h["source_url"]]})
    return book_tables.interactive_table(view, name="trajectories-held", page_length=10)


def trajectory_sentence(chapter: int) -> str:
    """One sentence for a chapter's summary: its facts also stated for the other year, and how many are retold."""
    t = trajectories_table()
    mine = t[(t["chapter_2025"] == chapter) | (t["chapter_2026"] == chapter)]
    if mine.empty:
        return ""
    rising = int((mine["change_pct"] > 0).sum())
    retold = int(mine["retold"].sum())
    facts = mine["fact_id"].nunique()
    return (f"{_plural(facts, 'fact')} of this chapter {'is' if facts == 1 else 'are'} "
            f"stated for both 2025 and 2026 ({_plural(len(mine), 'pair')} of statements, {rising} rising); "
            + (f"{retold} of the pairs are a sentence retold in another chapter with a later year, so the change may "
               "be a retelling rather than a new measurement" if retold else
               "none of the pairs is a sentence retold in another chapter")
            + " (forecasts appendix, *The report's own trajectories*).")


def trajectories_summary() -> dict:
    from . import trajectories

    return trajectories.summary(trajectories_table())


def trajectories_view():
    """Each fact the report states for 2025 and for 2026, with the one-year change it implies (links to both marks)."""
    from . import annotate, book_tables

    t = trajectories_table()
    labels = _fact_labels()
    view = pd.DataFrame({
        "fact": t["fact_id"].map(labels),
        "2025": [f'{book_tables.link(annotate.claim_href(c), c)}: {v:g}{u}' for c, v, u in zip(t["claim_2025"], t["value_2025"], t["unit"])],
        "2026": [f'{book_tables.link(annotate.claim_href(c), c)}: {v:g}{u}' for c, v, u in zip(t["claim_2026"], t["value_2026"], t["unit"])],
        "change in one year": [f"{x:+g} %" for x in t["change_pct"]]})
    return book_tables.interactive_table(view, name="trajectories", page_length=25)


def trajectories_by_chapter() -> pd.DataFrame:
    """Pairs per chapter of the 2026 figure, with how many rise (a retelling chapter that raises its facts shows here)."""
    t = trajectories_table()
    out = t.groupby("chapter_2026").agg(pairs=("change_pct", "size"), rising=("change_pct", lambda s: int((s > 0).sum())),
                                        median_change_pct=("change_pct", "median")).reset_index()
    return out.rename(columns={"chapter_2026": "chapter of the 2026 figure", "median_change_pct": "median change (%)"})
