"""Whole-report tables for the front matter and the appendices (the pages only call these)."""

from __future__ import annotations

import pandas as pd

from analysis import forecast, gate, source
from analysis import register as findings
from analysis.base import csvio, paths, schema
from analysis.base.keys import chapter_of
from analysis.checks import relations
from analysis.checks.finding import OUTSIDE_CHECKED, OUTSIDE_STATUSES
from analysis.facts import retellings
from analysis.outside import measures as measures_mod
from analysis.outside import official
from analysis.outside import status as outside
from analysis.register import severity_rank
from analysis.render import annotate, appendix, chapter_page, state
from analysis.render import tables as book_tables
from analysis.words import AXIS_HEADINGS, OUTCOMES, OUTSIDE_STATUS_WORDS, REFERENCE_USE_WORDS, STATUS_WORDS


def headline() -> dict:
    """Counts a reader sees first: claims, checked, findings by severity."""
    data, found = state.shared()
    trust = findings.trust_table(data, found)
    shown = [f for f in found if f.shown]
    return {
        "claims": len(data.claims),
        "checked": int(trust["checked"].sum()),
        **{sid: int(trust[word].sum()) for sid, word in STATUS_WORDS.items()},
        "findings": len(shown),
        **{s: sum(f.severity == s for f in shown) for s in findings.SEVERITIES},
    }


def trust_by_chapter() -> pd.DataFrame:
    """Claims per chapter by audit status (chapter 10 is absent from the capture: no row)."""
    data, found = state.shared()
    table = findings.trust_table(data, found)
    cols = ["claims", "checked", *findings.STATUS_ORDER]
    out = table.groupby("chapter")[cols].sum().reset_index()
    out.insert(1, "title", out["chapter"].map(source.chapter_titles_en()))
    return out


def severity_by_chapter() -> pd.DataFrame:
    """Inconsistent findings per chapter (a finding counts once in each chapter it involves) and severity."""
    _, found = state.shared()
    rows = [
        {"chapter": ch, "severity": f.severity}
        for f in found
        if f.shown
        for ch in sorted({int(p.split(".")[0]) for p in f.paragraphs})
    ]
    table = pd.DataFrame(rows, columns=["chapter", "severity"])
    out = table.groupby(["chapter", "severity"]).size().unstack(fill_value=0).reindex(range(1, 11), fill_value=0)
    out = out.reindex(columns=findings.SEVERITIES, fill_value=0)
    out.columns.name = None
    return out.reset_index()


def serious_findings() -> pd.DataFrame:
    """High and medium findings, the ones a reader should know before quoting the report."""
    reg = appendix.register_table()
    return reg[reg["severity"].isin(["high", "medium"])][
        ["severity", "check", "paragraphs", "explanation"]
    ].reset_index(drop=True)


def relations_table() -> pd.DataFrame:
    """Every declared relation with what it recomputes and its verdict."""
    _, found = state.shared()
    by_id = {f.id: f for f in found}
    rows = []
    for rel in relations.load_relations():
        f = by_id.get(relations.relation_finding_id(rel))
        rows.append(
            {
                "relation_id": rel["relation_id"],
                "kind": rel["kind"],
                "inputs": rel["inputs"],
                "target": rel["target"],
                "computed": f.extra.get("computed", "") if f else "",
                "verdict": f.verdict if f else "",
                "severity": f.severity if f else "",
                "explanation": f.explanation if f else rel["note"],
            }
        )
    return pd.DataFrame(rows)


def reference_table() -> pd.DataFrame:
    """The official reference data with its source links (doubtful rows included, marked)."""
    gate.require_valid()  # bad data stops the page with the gate's message
    stats = official.load_official()
    return (
        stats[
            [
                "series_id",
                "series_name_zh",
                "period",
                "value",
                "unit",
                "source_org",
                "source_quality",
                "source_url",
                "quote",
            ]
        ]
        .sort_values(["series_id", "period", "source_quality"])
        .reset_index(drop=True)
    )


def reference_use() -> pd.DataFrame:
    """Which official series the audit uses, what each measures (series.csv), and for what."""
    W = REFERENCE_USE_WORDS

    def used_for(m: dict) -> str:
        extra = [W["ratio"].format(series=m["denominator_series"])] if m["denominator_series"] else []
        extra += [W["open"]] if m["definition"] == "open" else []
        return W[m["comparison"]] + (f" ({'; '.join(extra)})" if extra else "")

    rows = [{**m, "used_for": used_for(m)} for m in official.load_map()]
    rows += [{**m, "official_period": "", "used_for": W["forecast"]} for m in forecast.load_forecast_map()]
    measures = measures_mod.load_series()
    out = pd.DataFrame(rows)
    out["series_measures"] = out["series_id"].map(lambda s: str(measures[s]) if s in measures else "")
    return out[["claim_id", "series_id", "series_measures", "official_period", "used_for", "note"]]


def _rules(res: dict, f: dict) -> str:
    """A field's constraints and keys in a few words."""
    cons = schema.constraints(f)
    out = []
    if f["name"] in schema.primary_key(res):
        out.append("key")
    if cons.get("required"):
        out.append("required")
    if "enum" in cons:
        out.append("one of " + ", ".join(map(str, cons["enum"])))
    if "pattern" in cons:
        out.append(f"matches {cons['pattern']}")
    if "minimum" in cons:
        out.append(f"at least {cons['minimum']}")
    if "minLength" in cons:
        out.append(f"at least {cons['minLength']} characters")
    pkg = schema.package()
    for col, target, target_col in schema.foreign_keys(res, pkg):
        if col == f["name"]:
            out.append(f"a {target_col} of {target}")
    for lst in res.get("listReferences", []):
        if lst["field"] == f["name"]:
            names = {r["name"]: r["path"] for r in pkg["resources"]}
            ref = lst["reference"]
            out.append(f"{ref['fields'][0]} values of {names.get(ref['resource'])}, space-separated")
    return "; ".join(out)


def dictionary() -> pd.DataFrame:
    """Every column of every file under data/, from the one schema (data/datapackage.json)."""
    gate.require_valid()  # bad data stops the page with the gate's message
    rows = []
    for res in schema.package()["resources"]:
        if "schema" not in res:
            rows.append(
                {
                    "file": res["path"],
                    "column": "(text)",
                    "type": res.get("format", ""),
                    "rules": "",
                    "meaning": res.get("description", ""),
                }
            )
        for f in res.get("schema", {}).get("fields", []):
            rows.append(
                {
                    "file": res["path"],
                    "column": f["name"],
                    "type": f.get("type", "string"),
                    "rules": _rules(res, f),
                    "meaning": f.get("description", ""),
                }
            )
    return pd.DataFrame(rows, columns=["file", "column", "type", "rules", "meaning"])


def dictionary_html() -> annotate.Html:
    """The data dictionary as the page shows it: per file, its description and a table of its columns (the
    column name, then its meaning with its type and rules in brackets: two columns read on a phone)."""
    from html import escape

    table = dictionary()
    out = []
    for res in schema.package()["resources"]:
        desc = f": {escape(res['description'])}" if res.get("description") else ""
        out.append(f"<p><strong><code>{escape(res['path'])}</code></strong>{desc}</p>")
        if "schema" not in res:
            continue
        rows = table[table["file"] == res["path"]]
        view = pd.DataFrame(
            {
                "column": [f"<code>{escape(c)}</code>" for c in rows["column"]],
                "meaning (type; rules)": [
                    f"{escape(m)} <em>({escape('; '.join(filter(None, (t, r))))})</em>"
                    for m, t, r in zip(rows["meaning"], rows["type"], rows["rules"])
                ],
            }
        )
        out.append(book_tables.html_table(view, html_columns=("column", "meaning (type; rules)")).html)
    return annotate.Html("\n".join(out))


def undocumented_columns() -> list[str]:
    """Columns of files under data/ that the descriptor does not describe (and fields that no file has)."""
    documented = {(r["file"], r["column"]) for r in dictionary().to_dict("records") if r["meaning"].strip()}
    actual = set()
    for path in sorted(paths.DATA.rglob("*")):
        rel = path.relative_to(paths.DATA).as_posix()
        if path.suffix == ".csv":
            actual |= {(rel, c) for c in csvio.header_of(path)}
        elif path.suffix == ".txt":
            actual.add((rel, "(text)"))
    return sorted(f"{f}: {c} (undocumented)" for f, c in actual - documented) + sorted(
        f"{f}: {c} (no such column)" for f, c in documented - actual
    )


# --- the dashboard: what can I quote? -------------------------------------------------------------------
def _read_first(f) -> bool:
    """Every high finding and every medium one that is not a two-values restatement (those are many and alike;
    the register lists them)."""
    return f.shown and (f.severity == "high" or (f.severity == "medium" and f.check != "restatement"))


def key_cards():
    """The findings a reader must know first (``_read_first``), as cards, most serious first."""
    _, found = state.shared()
    return chapter_page.cards_of(sorted(filter(_read_first, found), key=severity_rank))


def key_card_counts() -> dict:
    _, found = state.shared()
    return {
        "first": sum(map(_read_first, found)),
        "two_values_restatements": sum(f.shown and f.severity == "medium" and f.check == "restatement" for f in found),
    }


def retold_direction() -> pd.DataFrame:
    """Per pair of chapters a retold passage joins (earlier -> later): numbers changed, and how many got larger."""
    table = retellings.passage_table()
    table = table[table["changed"] > 0]
    pair = [f"ch. {chapter_of(left)} → ch. {chapter_of(right)}" for left, right in zip(table["left"], table["right"])]
    out = (
        table.assign(chapters=pair)
        .groupby("chapters", sort=False)[["changed", "right_larger"]]
        .sum()
        .reset_index()
        .rename(columns={"right_larger": "larger in the retelling"})
    )
    out["smaller in the retelling"] = out["changed"] - out["larger in the retelling"]
    return out.sort_values("changed", ascending=False).reset_index(drop=True)


def chapter_links():
    """Per chapter: claims, checked, contradicted, two values, with a link into its annotated text."""
    t = trust_by_chapter()
    view = pd.DataFrame(
        {
            "chapter": [
                book_tables.link(f"ch{c:02d}.html#annotated-ch{c}", f"{c}. {title}")
                for c, title in zip(t["chapter"], t["title"])
            ],
            "claims": t["claims"],
            "checked": t["checked"],
            **{STATUS_WORDS[s]: t[STATUS_WORDS[s]] for s in ("contradicted", "two_values", "changed_over_time")},
            STATUS_WORDS["consistent"]: t[STATUS_WORDS["consistent"]] + t[STATUS_WORDS["edge_of_rounding"]],
        }
    )
    return book_tables.html_table(view, html_columns=("chapter",))


def outside_summary():
    """Claims by outside-check status and outcome, for the dashboard (counts computed from data/outside_checks.csv)."""
    t = appendix.outside_table()
    rows = []
    for status, meaning in OUTSIDE_STATUSES.items():
        sub = t[t["status"] == status]
        rows.append(
            {
                "status": OUTSIDE_STATUS_WORDS[status],
                "meaning": meaning,
                "claims": len(sub),
                **{word: int((sub["outcome"] == word).sum()) for word in OUTCOMES[:3]},
            }
        )
    return book_tables.html_table(pd.DataFrame(rows))


def outside_claims():
    """Every claim checked against an outside source, with what came of it (searchable)."""
    t = appendix.outside_table()
    t = t[t["status"].isin(list(OUTSIDE_CHECKED))]
    view = pd.DataFrame(
        {
            "claim": [book_tables.link(annotate.claim_href(c), c) for c in t["claim_id"]],
            "checked against": [OUTSIDE_STATUS_WORDS[s] for s in t["status"]],
            AXIS_HEADINGS["outside"]: outside.axis_words(t).tolist(),
            "source": [book_tables.linkify(s.replace(";", "; ")) for s in t["source"]],
            "note": [book_tables.linkify(n) for n in t["note"]],
        }
    )
    return book_tables.interactive_table(view, name="outside-claims")
