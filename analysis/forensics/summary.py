"""Every forensic result at once, from loaded data and the register's findings (pure; ``inputs`` reads data/).

``compute`` returns a ``Forensics``: the digit tests by unit kind and overall for the report and the control,
the matched comparison, the per-chapter tests (Holm-adjusted), the precision summary, what was left out,
the retelling signs, the redated events and the no-record list. Same inputs, same output.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import ledger
from analysis.base import csvio, paths, schema
from analysis.facts import retellings
from analysis.forensics import digits, inflation, record, samples
from analysis.ledger import platforms
from analysis.outside import official, status


@dataclass
class Forensics:
    report: pd.DataFrame  # claims that enter (samples.report_sample)
    left_out: pd.DataFrame
    control: pd.DataFrame
    control_left_out: dict[str, int]
    non_claims: dict[str, int]
    by_kind: dict[str, tuple]  # unit kind -> (report test, control test, fisher or None, rounded-control test)
    overall: tuple  # (report test, control test, fisher, rounded-control test)
    exact_only: digits.DigitTest  # the report's numbers stated as exact (bound '=')
    matched: digits.Matched | None
    chapters: pd.DataFrame
    precision: tuple[dict, dict, float]
    passages: pd.DataFrame
    restated: pd.DataFrame
    redated: pd.DataFrame
    no_record: pd.DataFrame
    not_found: int


def _tests(r: list, c: list) -> tuple:
    rounded = digits.last_digit_test(r, digits.rounded_expected(r, [f.text for f in c])) if r and c else None
    return (
        digits.last_digit_test(r),
        digits.last_digit_test(c),
        digits.fisher(r, c) if r and c else None,
        rounded,
    )


def chapter_table(report: pd.DataFrame, passages: pd.DataFrame, restated: pd.DataFrame) -> pd.DataFrame:
    """Per chapter: the digit test against Benford at the same positions (Holm-adjusted across chapters), and
    the changed numbers of the passages and restatements whose later statement is in this chapter."""
    from statsmodels.stats.multitest import multipletests  # heavy: only here

    rows = []
    for ch, g in report.groupby("chapter", sort=True):
        t = digits.last_digit_test(list(g["form"]))
        later_p = passages[passages["right"].map(lambda k: int(k.split(".")[0])) == ch]
        later_r = restated[restated["chapters"].str.split("→").str[1].astype(int) == ch] if len(restated) else restated
        sp, sr = inflation.signs(later_p), inflation.signs(later_r)
        rows.append(
            {
                "chapter": int(ch),
                "n": t.n,
                "heaped": t.heaped,
                "share": t.share,
                "expected": t.expected_share,
                "p": t.p_binom,
                "h": t.h,
                "retold_larger": sp.larger,
                "retold_smaller": sp.smaller,
                "restated_larger": sr.larger,
                "restated_smaller": sr.smaller,
            }
        )
    out = pd.DataFrame(rows)
    if len(out):
        out["p_holm"] = multipletests(out["p"], method="holm")[1]
        out["flagged"] = (out["p_holm"] < digits.ALPHA) & (out["share"] > out["expected"])
    return out


def compute(
    claims: pd.DataFrame,
    non_claims: pd.DataFrame,
    units: pd.DataFrame,
    found: list,
    stats: pd.DataFrame,
    sources: pd.DataFrame,
    checks: pd.DataFrame,
    searches: pd.DataFrame,
    mapping: list[dict],
    passages: list,
    texts: dict[str, str],
    page_of: dict[str, str],
) -> Forensics:
    report, left_out = samples.report_sample(claims)
    control, control_left = samples.control_sample(stats, sources)
    rk, ck = samples.forms_by_kind(report), samples.forms_by_kind(control)
    by_kind = {k: _tests(rk.get(k, []), ck.get(k, [])) for k in samples.UNIT_KINDS if k in rk or k in ck}
    r_all, c_all = list(report["form"]), list(control["form"])
    changes = inflation.passage_changes(passages, claims, texts, page_of)
    restated = inflation.restated_changes(found, claims, page_of)
    return Forensics(
        report=report,
        left_out=left_out,
        control=control,
        control_left_out=control_left,
        non_claims=samples.non_claim_counts(non_claims),
        by_kind=by_kind,
        overall=_tests(r_all, c_all),
        exact_only=digits.last_digit_test([f for f, b in zip(report["form"], report["bound"]) if b == "="]),
        matched=digits.matched(rk, ck),
        chapters=chapter_table(report, changes, restated),
        precision=(
            digits.significant_summary(r_all),
            digits.significant_summary(c_all),
            digits.precision_test(r_all, c_all),
        ),
        passages=changes,
        restated=restated,
        redated=record.redated(claims, units, stats, mapping),
        no_record=record.no_record(claims, checks, searches, page_of),
        not_found=record.not_found_count(checks),
    )


def platform_pages(data: ledger.Ledger) -> tuple[dict[str, str], dict[str, str]]:
    """(entity -> the platform page it is shown on, page entity -> its label)."""
    pages, page_of = platforms.select(data.claims, data.entities)
    return page_of, {p.entity: p.label for p in pages}


def inputs(data: ledger.Ledger, found: list) -> dict:
    """What ``compute`` takes, read from data/ (the outside record, the searches, the retold passages)."""
    searches_path = paths.REFERENCE_DIR / "searches.csv"
    searches = (
        csvio.read_frame(searches_path, schema.columns("reference/searches.csv"))
        if searches_path.exists()
        else pd.DataFrame(columns=schema.columns("reference/searches.csv"))
    )
    return {
        "claims": data.claims,
        "non_claims": data.non_claims,
        "units": data.units,
        "found": found,
        "stats": official.load_official(),
        "sources": status.load_sources(),
        "checks": status.load_checks(),
        "searches": searches,
        "mapping": official.load_map(),
        "passages": list(retellings.report_passages()),
        "texts": ledger.paragraph_texts(),
        "page_of": platform_pages(data)[0],
    }
