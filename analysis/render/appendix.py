"""What the appendices and the dashboard show across chapters: the register, the ledger, facts,
forecasts, the outside record and trajectories (the notebooks only call these).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis import facts, forecast, ledger
from analysis import register as findings
from analysis.base import schema
from analysis.base.keys import chapter_of
from analysis.base.memo import memo
from analysis.checks.finding import stated_text
from analysis.facts import candidates, retellings
from analysis.ledger import platforms
from analysis.outside import official, trajectories
from analysis.outside import status as outside
from analysis.register import severity_rank
from analysis.render import annotate, cards
from analysis.render import figures as plots
from analysis.render import tables as book_tables
from analysis.render.state import shared
from analysis.words import AXIS_HEADINGS, CHECK_WORDS, LEDGER_LABELS, OUTCOME_WORDS


def register_table() -> pd.DataFrame:
    _, found = shared()
    return pd.DataFrame(
        [
            {
                "id": f.id,
                "severity": f.severity,
                "check": f.check,
                "paragraphs": ", ".join(f.paragraphs),
                "claims": ", ".join(f.claims),
                "explanation": f.explanation,
                "quotes": " / ".join(f.quotes),
            }
            for f in found
            if f.shown
        ]
    )


def register_view():
    """The register for readers: searchable, each finding linking to its card, each statement to its mark."""
    _, found = shared()
    rows = sorted((f for f in found if f.shown), key=severity_rank)
    view = pd.DataFrame(
        {
            "finding": [book_tables.link("#" + annotate.finding_anchor(f.id), CHECK_WORDS[f.check]) for f in rows],
            "severity": [f.severity for f in rows],
            "verdict": [annotate.verdict_word(f) for f in rows],
            "how sure": [f.certainty for f in rows],
            "statements": [", ".join(book_tables.link(annotate.claim_href(c), c) for c in f.claims) for f in rows],
            "why": [book_tables.linkify(f.explanation) for f in rows],
        },
        columns=["finding", "severity", "verdict", "how sure", "statements", "why"],
    )
    return book_tables.interactive_table(view, name="register", page_length=25)


def ledger_table() -> pd.DataFrame:
    """Every claim for readers: human column labels, the fact's name in Chinese beside its English (so a table
    search for 京东 finds JD's claims), and both statuses kept apart."""
    data, found = shared()
    claims = data.claims
    axes = findings.claim_axes(list(claims["claim_id"]), found, outside.load_checks())
    fact_zh = facts.read_facts().set_index("fact_id")["label_zh"]
    return pd.DataFrame(
        {
            LEDGER_LABELS["claim"]: claims["claim_id"],
            LEDGER_LABELS["quote"]: claims["span"],
            LEDGER_LABELS["fact_zh"]: claims["fact_id"].map(fact_zh).fillna(""),
            LEDGER_LABELS["gloss"]: claims["gloss_en"],
            LEDGER_LABELS["value"]: [stated_text(r) for r in claims.to_dict("records")],
            LEDGER_LABELS["year"]: claims["period"].replace("", "none"),
            LEDGER_LABELS["kind"]: claims["kind"],
            AXIS_HEADINGS["self"]: axes["report_says"].to_numpy(),
            AXIS_HEADINGS["outside"]: axes["outside_record"].to_numpy(),
        }
    )


def kinds_by_chapter() -> pd.DataFrame:
    data, _ = shared()
    c = data.claims.assign(chapter=data.claims["paragraph"].map(chapter_of))
    table = c.groupby(["chapter", "kind"]).size().unstack(fill_value=0)
    table.columns.name = None
    return table.reset_index()


# --- forecasts -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _held():
    data, _ = shared()
    return memo("held", lambda: forecast.held_against_report(data))


def series_figure(series_ids: list[str] | None = None):
    """Forecast panels for the given series (default: every declared series), with the report's points."""
    data, _ = shared()
    ids = series_ids or [s.series_id for s, _ in forecast.series_runs()]
    return plots.forecast_grid([forecast.figure_data(s, data) for s in ids])


def forecast_overview() -> pd.DataFrame:
    return forecast.forecast_table()


def held_overview() -> pd.DataFrame:
    return _held()


def held_explained() -> pd.DataFrame:
    """The report's figures held against a series, each with its verdict explained in words."""
    held = _held()
    return held[held["explanation"] != ""][
        ["claim_id", "report", "year", "series_id", "verdict", "explanation"]
    ].reset_index(drop=True)


def forecast_calibration() -> pd.DataFrame:
    """How often the 80 % and 95 % intervals held the value, over every rolling-origin held-out official point."""
    return forecast.calibration()


def forecast_method() -> dict[str, str]:
    """The forecast method's constants and the calibration's totals, as text for a page's prose (glue)."""
    calib = forecast.calibration().set_index("model")
    total = calib.loc["all models"]
    out = {
        "fc_ratio": f"{forecast.ACCEPTABLE_MAPE_RATIO:g}",
        "fc_floor": f"{forecast.ACCEPTABLE_MAPE_FLOOR:g} %",
        "fc_horizon": str(forecast.MAX_BACKTEST_HORIZON),
        "fc_min_points": str(forecast.MIN_POINTS["linear"]),
        "fc_min_ets": str(forecast.MIN_POINTS["damped_ets"]),
        "fc_held_out": str(int(total["held_out"])),
        "fc_share80": f"{total['share80']:.0%}",
        "fc_share95": f"{total['share95']:.0%}",
    }
    for model in forecast.MODELS:
        if model in calib.index:
            out[f"fc_share95_{model}"] = f"{calib.loc[model, 'share95']:.0%}"
    return out


@lru_cache(maxsize=1)
def _fact_labels() -> dict[str, str]:
    table = facts.read_facts()
    return dict(zip(table["fact_id"], table["label_en"]))


# --- the fact layer -----------------------------------------------------------------------------------
def fact_summary() -> dict:
    data, _ = shared()
    files = facts.load()
    per_fact = data.claims.groupby("fact_id")["paragraph"].nunique()
    return {
        "claims": len(data.claims),
        "facts": len(files.facts),
        "multi": int((per_fact > 1).sum()),
        "proposed": len(candidates.propose(data.claims, ledger.paragraph_texts())),
        "same": sum(d["decision"] == "same" for d in files.decisions),
        "different": sum(d["decision"] == "different" for d in files.decisions),
    }


def restated_facts_table() -> pd.DataFrame:
    """Facts with claims in two or more paragraphs: each claim as stated, in reading order."""
    data, _ = shared()
    labels = _fact_labels()
    claims = data.claims
    multi = claims.groupby("fact_id")["paragraph"].nunique()
    rows = claims[claims["fact_id"].isin(multi[multi > 1].index)]
    out = pd.DataFrame(
        {
            "fact": rows["fact_id"].map(labels),
            "claim": rows["claim_id"],
            "quote": rows["span"],
            "as stated": [
                f"{r['bound'] if r['bound'] != '=' else ''}{r['value']}{r['unit']}" for r in rows.to_dict("records")
            ],
            "period": rows["period"].replace("", "no year"),
            "period from": rows["period_basis"],
        }
    )
    order = out["claim"].map(ledger.claim_sort_key)
    return out.assign(_o=order).sort_values(["fact", "_o"]).drop(columns="_o").reset_index(drop=True)


def decisions_table() -> pd.DataFrame:
    files = facts.load()
    return pd.DataFrame(files.decisions)[schema.columns("pair_decisions.csv")]


@lru_cache(maxsize=1)
def outside_table() -> pd.DataFrame:
    """Every claim's outside-check status and its outcome (analysis/outside.py)."""
    _, found = shared()
    return outside.table(outside.load_checks(), found)


def outside_badges() -> dict[str, str]:
    """claim -> its outside sign: held (confirmed by the record, not by a forecast), bounded (consistent with the
    record, which only bounds it or is read against open words), departed, or no_record."""
    out = {}
    for r in outside_table().to_dict("records"):
        if r["status"] == "not_found":
            out[r["claim_id"]] = "no_record"
        elif r["outcome"] == OUTCOME_WORDS["departed"]:
            out[r["claim_id"]] = "departed"
        elif r["outcome"] == OUTCOME_WORDS["held"] and r["status"] != "forecast":
            out[r["claim_id"]] = "held"
        elif r["outcome"] == OUTCOME_WORDS["bounded"]:
            out[r["claim_id"]] = "bounded"
    return out


def register_cards(verdicts: tuple[str, ...] = findings.SHOWN, compact: bool = False):
    """Every finding with one of these verdicts as a card, most serious first (the register page); ``compact``
    cards give each statement's span, not its sentence."""
    _, found = shared()
    return cards_of(sorted((f for f in found if f.verdict in verdicts), key=severity_rank), compact=compact)


# --- the report's own 2025 -> 2026 trajectories -----------------------------------------------------------
@lru_cache(maxsize=1)
def trajectories_table() -> pd.DataFrame:
    data, _ = shared()
    return trajectories.trajectories(data.claims, retellings.aligned_claim_pairs(data.claims, ledger.paragraph_texts()))


@lru_cache(maxsize=1)
def trajectories_held() -> pd.DataFrame:
    """Each trajectory held against its reviewed links (data/trajectory_links.csv)."""
    data, _ = shared()
    return trajectories.held(
        trajectories_table(),
        trajectories.load_links(),
        data.claims,
        official.load_official(),
        ledger.exact_unit_scales(data.units),
    )


def trajectories_held_summary() -> dict:
    return trajectories.held_summary(trajectories_held(), trajectories_table())


def trajectories_held_view():
    """What each trajectory was held against, and what that shows (facts with nothing to hold them against last)."""
    h = trajectories_held()
    h = h.assign(_none=h["link"] == "none").sort_values(["_none", "fact_id"], kind="stable")
    labels = _fact_labels()
    view = pd.DataFrame(
        {
            "fact": h["fact_id"].map(labels),
            "held against": h["link"].map(lambda k: trajectories.LINKS[k].split(" (")[0]),
            "what": h["against"],
            "outside or stated": h["outside"],
            "verdict": h["verdict"],
            "reading": h["reading"],
            "source": [
                " ".join(book_tables.link(u, "source") for u in s.split("; ")) if s else "" for s in h["source_url"]
            ],
        }
    )
    return book_tables.interactive_table(view, name="trajectories-held", page_length=10)


def trajectories_summary() -> dict:
    return trajectories.summary(trajectories_table())


def trajectories_view():
    """Each fact the report states for 2025 and for 2026, with the one-year change it implies (links to both marks)."""
    t = trajectories_table()
    labels = _fact_labels()
    view = pd.DataFrame(
        {
            "fact": t["fact_id"].map(labels),
            "2025": [
                f"{book_tables.link(annotate.claim_href(c), c)}: {v:g}{u}"
                for c, v, u in zip(t["claim_2025"], t["value_2025"], t["unit"])
            ],
            "2026": [
                f"{book_tables.link(annotate.claim_href(c), c)}: {v:g}{u}"
                for c, v, u in zip(t["claim_2026"], t["value_2026"], t["unit"])
            ],
            "change in one year": [f"{x:+g} %" for x in t["change_pct"]],
        }
    )
    return book_tables.interactive_table(view, name="trajectories", page_length=25)


def trajectories_by_chapter() -> pd.DataFrame:
    """Pairs per chapter of the 2026 figure, with how many rise (a retelling chapter that raises its facts shows here)."""
    t = trajectories_table()
    out = (
        t.groupby("chapter_2026")
        .agg(
            pairs=("change_pct", "size"),
            rising=("change_pct", lambda s: int((s > 0).sum())),
            median_change_pct=("change_pct", "median"),
        )
        .reset_index()
    )
    return out.rename(columns={"chapter_2026": "chapter of the 2026 figure", "median_change_pct": "median change (%)"})


def cards_of(chosen: list, page_chapter: int | None = None, compact: bool = False):
    """These findings as cards (cards.cards_html) with the ledger's claims and the paragraphs' text."""
    data, _ = shared()
    return cards.cards_html(
        chosen,
        {c["claim_id"]: c for c in data.claims.to_dict("records")},
        ledger.paragraph_texts(),
        page_chapter=page_chapter,
        platforms=platform_pages(),
        compact=compact,
    )


@lru_cache(maxsize=1)
def platform_pages() -> dict[str, tuple[str, str]]:
    """entity -> (its platform's page, the platform's name), for entities whose claims a platform page shows."""
    data, _ = shared()
    chosen, page_of = platforms.select(data.claims, data.entities)
    names = {p.entity: p.label for p in chosen}
    return {e: (f"{platforms.page_name(page)}.html", names[page]) for e, page in page_of.items()}
