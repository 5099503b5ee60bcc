"""The page "Do these numbers look measured?" and its one sentence for the landing page and the brief.

Every number comes from ``forensics.summary.compute`` over data/ and the register; this module only words,
tables and the figure.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.forensics import digits, summary
from analysis.render import annotate
from analysis.render import tables as book_tables
from analysis.render.forensics_figure import digits_and_signs
from analysis.render.state import shared
from analysis.words import (
    FORENSICS_CONTROL_LEFT_OUT,
    FORENSICS_FIGURE,
    FORENSICS_LEFT_OUT,
    FORENSICS_NO_RECORD_WHY,
    FORENSICS_SENTENCE,
    FORENSICS_SHORT,
    FORENSICS_UNIT_KINDS,
    FORENSICS_WORDS,
)

W = FORENSICS_WORDS


@lru_cache(maxsize=1)
def result() -> summary.Forensics:
    data, found = shared()
    return summary.compute(**summary.inputs(data, found))


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    data, _ = shared()
    return summary.platform_pages(data)[1]


def _table(frame: pd.DataFrame, html_columns: tuple[str, ...] = (), caption: str | None = None):
    """An audit table whose cells wrap at words only, in a box that scrolls sideways when too wide."""
    inner = book_tables.html_table(frame, html_columns=html_columns, caption=caption).html
    return book_tables._HtmlTable(f'<div class="fx-scroll" tabindex="0">{inner}</div>')


def pct(x: float) -> str:
    return "—" if x != x else f"{x:.0%}"


def pval(p: float | None) -> str:
    """A p-value as printed: three significant digits, scientific below 0.001."""
    if p is None or p != p:
        return "—"
    if p == 0:
        return W["p_zero"]
    return f"{p:.3f}" if p >= 0.001 else f"{p:.1e}"


def num(x: float | None, fmt: str = ".2f") -> str:
    return "—" if x is None or x != x else format(x, fmt)


def forensics_sentence(short: bool = False, link: bool = True) -> annotate.Markdown:
    """One sentence of the result for the brief (computed); ``short``: its one line for the landing page, whose
    first screen must still show three findings (tests/test_browser.py); ``link=False``: without its link to the
    forensic page, for that page itself."""
    r = result()
    rep, ctl = r.overall[0], r.overall[1]
    signs = summary.inflation.signs(r.passages)
    text = (FORENSICS_SHORT if short else FORENSICS_SENTENCE[rep.flagged]).format(
        share=pct(rep.share),
        n=rep.n,
        expected=pct(rep.expected_share),
        control=pct(ctl.share),
        n_control=ctl.n,
        p=pval(rep.p_binom),
        larger=signs.larger,
        changed=signs.n,
        p_sign=pval(signs.p),
    )
    if not link and not short:  # the short line links its p-value: it always keeps its link
        text = _SELF_LINK.sub("", text).replace("..", ".")
    return annotate.Markdown(text)


#: the sentence's link to the forensic page, with the words that lead into it
_SELF_LINK = re.compile(r"(?::\s|\s)?\[[^\]]*\]\(forensics\.html\)")


def _test_cells(t: digits.DigitTest | None) -> dict:
    if t is None or t.n == 0:
        return {"n": 0, "end in 0 or 5": "—", "expected": "—", "binomial p (h)": "—", "χ² (df), p (w)": "—"}
    chi = "—" if t.chi2 is None else f"{t.chi2:.1f} ({t.df}), {pval(t.p_chi2)} ({num(t.w)})"
    return {
        "n": t.n,
        "end in 0 or 5": f"{t.heaped} ({pct(t.share)})",
        "expected": pct(t.expected_share),
        "binomial p (h)": f"{pval(t.p_binom)} ({num(t.h)})",
        "χ² (df), p (w)": chi,
    }


def digit_table(side: int) -> book_tables._HtmlTable:
    """By unit kind and overall: one side (0 the report, 1 the control) against Benford at the same positions."""
    r = result()
    rows = []
    for kind, tests in list(r.by_kind.items()) + [("all", r.overall)]:
        label = W["all"] if kind == "all" else FORENSICS_UNIT_KINDS[kind]
        rows.append({"numbers": label, **_test_cells(tests[side])})
    if side == 0:
        rows.append({"numbers": "stated as exact (bound =)", **_test_cells(r.exact_only)})
    return _table(pd.DataFrame(rows))


def control_table() -> book_tables._HtmlTable:
    """The report against the control, by unit kind: Fisher's exact test, and the control rounded to the report's
    precision as the expectation."""
    r = result()
    rows = []
    for kind, (rep, ctl, fisher, rounded) in list(r.by_kind.items()) + [("all", r.overall)]:
        rows.append(
            {
                "numbers": W["all"] if kind == "all" else FORENSICS_UNIT_KINDS[kind],
                "report": f"{rep.heaped} of {rep.n} ({pct(rep.share)})",
                "control": f"{ctl.heaped} of {ctl.n} ({pct(ctl.share)})" if ctl.n else "—",
                "odds ratio (Fisher p)": f"{num(fisher.odds_ratio, '.1f')} ({pval(fisher.p)})" if fisher else "—",
                "control rounded as the report (binomial p)": (
                    f"{pct(rounded.expected_share)} ({pval(rounded.p_binom)})" if rounded else "—"
                ),
            }
        )
    return _table(pd.DataFrame(rows))


def matched_table() -> book_tables._HtmlTable:
    """The strata of the Cochran-Mantel-Haenszel test: numbers ending in 0 or 5, report and control."""
    m = result().matched
    rows = [
        {
            "unit kind": FORENSICS_UNIT_KINDS[s.split("·")[0]],
            "last digit at position": s.split("·")[1].replace("3", "3 or later"),
            "report": f"{a} of {n}",
            "control": f"{c} of {k}",
        }
        for s, a, n, c, k in (m.strata if m else ())
    ]
    return _table(pd.DataFrame(rows, columns=["unit kind", "last digit at position", "report", "control"]))


def matched_text() -> annotate.Markdown:
    m = result().matched
    if m is None:
        return annotate.Markdown("")
    return annotate.Markdown(
        f"Over these {len(m.strata)} strata (Cochran-Mantel-Haenszel), the report's odds of a number ending in 0 or 5 "
        f"are **{m.odds_ratio:.1f} times** the control's (p {pval(m.p)})."
    )


def chapter_table() -> book_tables._HtmlTable:
    t = result().chapters
    view = pd.DataFrame(
        {
            "chapter": [book_tables.link(f"ch{c:02d}.html", str(c)) for c in t["chapter"]],
            "n": t["n"],
            "end in 0 or 5": [f"{h} ({pct(s)})" for h, s in zip(t["heaped"], t["share"])],
            "expected": [pct(x) for x in t["expected"]],
            "binomial p, Holm (h)": [f"{pval(p)} ({num(x)})" for p, x in zip(t["p_holm"], t["h"])],
            "retold: larger / smaller": [f"{a} / {b}" for a, b in zip(t["retold_larger"], t["retold_smaller"])],
            "restated: larger / smaller": [f"{a} / {b}" for a, b in zip(t["restated_larger"], t["restated_smaller"])],
        }
    )
    return _table(view, html_columns=("chapter",))


def precision_table() -> book_tables._HtmlTable:
    rep, ctl, p = result().precision
    rows = [
        {
            "": W[side],
            "numbers": s["n"],
            **{f"{k}{'+' if k == 4 else ''}": s[k] for k in (1, 2, 3, 4)},
            "median": num(s["median"], ".0f"),
        }
        for side, s in (("report", rep), ("control", ctl))
    ]
    return _table(pd.DataFrame(rows), caption=f"numbers by significant digits; Mann-Whitney U, two-sided: p {pval(p)}")


def left_out_table(side: int) -> book_tables._HtmlTable:
    """What is left out: of the report's claims (side 0, with examples) or of the outside record's rows (side 1)."""
    r = result()
    if side == 0:
        rows = [
            {
                "claims left out": FORENSICS_LEFT_OUT[k],
                "n": int(v),
                "e.g.": ", ".join(r.left_out[r.left_out["reason"] == k]["span"].head(3)),
            }
            for k, v in r.left_out["reason"].value_counts().sort_index().items()
        ]
    else:
        rows = [{"outside rows left out": FORENSICS_CONTROL_LEFT_OUT[k], "n": v} for k, v in r.control_left_out.items()]
    return _table(pd.DataFrame(rows))


def signs_table() -> book_tables._HtmlTable:
    """Larger and smaller, sign test, overall and within platforms, for both sources of second statements."""
    r = result()
    labels = _labels()
    rows = []
    for name, frame in ((W["passages"], r.passages), (W["restated"], r.restated)):
        s = summary.inflation.signs(frame)
        rows.append(
            {
                "second statements": name,
                "platform": W["all"],
                "larger": s.larger,
                "smaller": s.smaller,
                "sign test p": pval(s.p),
            }
        )
        for row in summary.inflation.by_platform(frame).itertuples():
            rows.append(
                {
                    "second statements": "",
                    "platform": labels.get(row.platform, W["no_platform"]),
                    "larger": row.larger,
                    "smaller": row.smaller,
                    "sign test p": pval(row.p),
                }
            )
    return _table(pd.DataFrame(rows))


def redated_table() -> book_tables._HtmlTable:
    t = result().redated
    view = pd.DataFrame(
        {
            "claim": [book_tables.link(f"ch{int(c.split('.')[0]):02d}.html#c-{c}", c) for c in t["claim_id"]],
            "原文": t["span"],
            "the report": [f"{s} ({y})" for s, y in zip(t["stated"], t["year"])],
            "the record": [f"{v} ({d}), {s}" for v, d, s in zip(t["record"], t["record_date"], t["series"])],
            "told again": t["told_again"],
        }
    )
    return _table(view, html_columns=("claim",))


def no_record_table() -> book_tables._HtmlTable:
    t = result().no_record
    labels = _labels()
    view = pd.DataFrame(
        {
            "claim": [book_tables.link(f"ch{int(c.split('.')[0]):02d}.html#c-{c}", c) for c in t["claim_id"]],
            "原文 · in English": [f"{s} · {g}" for s, g in zip(t["span"], t["gloss"])],
            "on record if true": [
                FORENSICS_NO_RECORD_WHY[w] + (f" ({labels.get(p, p)})" if p else "")
                for w, p in zip(t["why"], t["platform"])
            ],
            "searched (corpus, result, day where logged) · found": [
                " | ".join(x) + " · " + n for x, n in zip(t["logged"], t["note"])
            ],
        }
    )
    return _table(view, html_columns=("claim",))


def counts() -> dict:
    """Numbers the page's prose quotes."""
    r = result()
    rep, ctl = r.overall[0], r.overall[1]
    return {
        "n": rep.n,
        "n_control": ctl.n,
        "left_out": len(r.left_out),
        "non_claims": sum(r.non_claims.values()),
        "dates": r.non_claims.get("date", 0),
        "redated": len(r.redated),
        "no_record": len(r.no_record),
        "not_found": r.not_found,
        "share": pct(rep.share),
        "control_share": pct(ctl.share),
        "control_p": pval(ctl.p_binom),
        "control_chi_p": pval(ctl.p_chi2),
    }


def figure():
    r = result()
    expected = digits.expected_digits(list(r.report["form"]))
    return digits_and_signs(r.overall[0], r.overall[1], r.passages, r.restated, {**W, **FORENSICS_FIGURE}, expected)
