"""The verdict where the reader lands: what the report says of itself, what the outside record says, and the
findings to know first, in sentences glued from the data (the landing page and the brief only call these).

The two axes are kept apart: a claim that agrees with another statement of the report is not thereby
confirmed; only the outside record confirms, and a figure that would be on the record if it were true but
was searched for in vain reads "no record found", never like a platform's internal metric.
"""

from __future__ import annotations

import re

from analysis.checks.finding import verdict_word
from analysis.outside import status as outside
from analysis.register import severity_rank
from analysis.render import annotate, appendix, overview
from analysis.render.state import shared
from analysis.words import DEPARTS_WORDS, HOW_SURE, OUTCOME_WORDS, STATUS_WORDS

#: the end of a finding's first sentence (not the dot of "JD.com, Inc." or "No. 5")
_FIRST_SENTENCE = re.compile(r"(?<!\bInc)(?<!\bCo)(?<!\bLtd)(?<!\bNo)\.\s+(?=[A-Z\u4e00-\u9fff])")


def self_axis() -> dict[str, int]:
    """Claims by what the report says of itself (``register.claim_status``, which leaves out the checks against
    the outside record), as the dashboard counts them."""
    counts = overview.headline()
    return {sid: counts[sid] for sid in STATUS_WORDS}


def outside_axis() -> dict[str, int]:
    """Claims by what the outside record says: confirmed (held by the record), within bounds (consistent with a
    bound the record sets, or on a reading of open words: not confirmed), within a forecast (held by a
    projection from official series: not the record), departs, read against a source in words,
    no record found (searched in vain), not checkable (platform-internal, a future target, no counterpart)."""
    t = appendix.outside_table()
    sign = list(map(appendix.outside_badges().get, t["claim_id"]))  # the marks' second sign, one classification
    held = t["outcome"] == OUTCOME_WORDS["held"]
    return {
        "confirmed": sign.count("held"),
        "bounded": sign.count("bounded"),  # consistent with a bound or a reading: not a confirmation
        "within_forecast": int((held & (t["status"] == "forecast")).sum()),  # a projection, not the record
        "departs": sign.count("departed"),
        "read": int((t["outcome"] == OUTCOME_WORDS["read_against_the_source"]).sum()),
        "no_record": sign.count("no_record"),
        "not_checkable": int(((t["outcome"] == OUTCOME_WORDS["not_checkable"]) & (t["status"] != "not_found")).sum()),
    }


def verdict() -> annotate.Markdown:
    """A few sentences a journalist can quote about the report as a whole, every number from data/."""
    data, _ = shared()
    n = len(data.claims)
    own, out = self_axis(), outside_axis()
    agrees = own["consistent"] + own["edge_of_rounding"]
    differs = own["two_values"] + own["changed_over_time"]
    retold = overview.retold_direction()
    changed, larger = int(retold["changed"].sum()), int(retold["larger in the retelling"].sum())
    first = (
        f"The report's body holds **{n} numeric claims**. Held against the report itself, "
        f"**{own['contradicted']}** are contradicted, {differs} are stated elsewhere with another value and "
        f"{agrees} agree with another statement; for {own['not_checkable']} the report gives {STATUS_WORDS['not_checkable']}."
    )
    second = (
        f"Agreeing with itself is not confirmation: against the outside record (official statistics, "
        f"regulators, filings) **only {out['confirmed']}** were confirmed ({out['bounded']} more are only "
        f"consistent with it: a bound, or one reading), **{out['departs']}** depart from it and "
        f"**{out['no_record']} could not be found on the record** although they would be there if true; "
        f"{out['within_forecast']} {'lies' if out['within_forecast'] == 1 else 'lie'} within a forecast from "
        f"official series (a projection, not the record), "
        f"{out['read']} were read against a source in words and {out['not_checkable']} cannot be checked."
    )
    if changed:
        second += f" Retold passages raise {larger} of the {changed} numbers they change."
    return annotate.Markdown(first + "\n\n" + second)


def _short(sentence: str, limit: int = 150) -> str:
    """A sentence cut at a word before ``limit`` characters, marked with an ellipsis (the card has it whole)."""
    if len(sentence) <= limit:
        return sentence
    return sentence[: sentence.rfind(" ", 0, limit)].rstrip(",;:(") + " …"


def _first(limit: int) -> list:
    """The most serious findings to read first, one per claim."""
    _, found = shared()
    first, seen = [], set()
    for f in sorted((f for f in found if overview._read_first(f)), key=severity_rank):
        if seen.isdisjoint(f.claims) and len(first) < limit:
            first.append(f)
            seen.update(f.claims)
    return first


def cards(limit: int = 3):
    """The findings to know as cards: both statements in Chinese with their paragraphs, and the outside source."""
    return appendix.cards_of(_first(limit))


def findings_to_know(limit: int = 5) -> annotate.Markdown:
    """The most serious findings, one line each, linked to their cards in the register."""
    first = _first(limit)
    lines = []
    for f in first:
        claims = ", ".join(f.claims)
        sentence = _short(_FIRST_SENTENCE.split(f.explanation, maxsplit=1)[0].rstrip("."))
        lines.append(
            f"- **{verdict_word(f).capitalize()}** ({f.severity}; {HOW_SURE.format(level=f.certainty).lower()}; "
            f"claims {claims}): {sentence}"
            f"{'' if sentence.endswith('…') else '.'} [Side by side]({annotate.finding_href(f.id)})"
        )
    return annotate.Markdown("\n".join(lines))


def quote_lists() -> annotate.Html:
    """What can I quote? Lists, not charts: the claims the outside record confirmed (with the source), those that
    depart from it, those searched for and not found (with the searches), and how many only the report states.
    Every claim links to its mark in the Chinese text."""
    from html import escape

    data, _ = shared()
    claims = {c["claim_id"]: c for c in data.claims.to_dict("records")}
    table = appendix.outside_table()
    searched = dict(zip(*(outside.load_checks()[c] for c in ("claim_id", "searched"))))

    def item(claim_id: str, detail: str) -> str:
        c = claims[claim_id]
        link = f'<a href="{annotate.claim_href(claim_id)}"><code>{claim_id}</code></a>'
        return f"<li>{link} 「{escape(c['span'])}」 {escape(c['gloss_en'])}. <em>{escape(detail)}</em></li>"

    def section(title: str, rows, detail, open_: bool) -> str:
        items = "".join(item(r["claim_id"], detail(r)) for r in rows)
        return (
            f"<details{' open' if open_ else ''}><summary><strong>{escape(title)}</strong> ({len(rows)})</summary>"
            f"<ul>{items}</ul></details>"
        )

    rows = table.to_dict("records")
    sign = appendix.outside_badges()
    held, bounded, departed, not_found = (
        [r for r in rows if sign.get(r["claim_id"]) == s] for s in ("held", "bounded", "departed", "no_record")
    )
    internal = sum(r["status"] == "platform_internal" for r in rows)
    parts = [
        section("Confirmed by an outside source", held, lambda r: f"Source: {r['note']}", True),
        section(
            "Consistent with the record, not confirmed (it only bounds them, or the words leave them open)",
            bounded,
            lambda r: f"Source: {r['note']}",
            False,
        ),
        section(DEPARTS_WORDS.capitalize(), departed, lambda r: r["note"], True),
        section(
            "No record found (it would be on the record if true)",
            not_found,
            lambda r: f"{r['note']} Searched: {searched.get(r['claim_id'], '')}",
            False,
        ),
        f"<p><strong>Only the report states them</strong> ({internal}): platform-internal metrics no filing "
        f'publishes; each is in <a href="appendix_ledger.html">the claims ledger</a>. Quote them as the report\'s '
        f"own figures, never as facts.</p>",
    ]
    return annotate.Html("".join(parts))
