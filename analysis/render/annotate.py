"""The annotated report: every paragraph of a chapter in Chinese, each claim's span marked by its status.

A mark carries its audit status twice, by colour and by a symbol (so it reads
without colour), and holds a tooltip (shown on hover and on keyboard focus)
with the claim's gloss, its fact, the other statements of that fact and the
findings that involve it. Every paragraph and every claim has a stable anchor
(``#p-2-1-1``, ``#c-2.1.1-03``) that findings, the ledger and the dashboard
link to; a finding's card has ``#f-…`` on the register page.

Pure: takes the ledger's rows, the paragraph texts, the table of contents and
the findings, returns HTML text. Nothing here reads files.
"""

from __future__ import annotations

import re
from html import escape

from analysis import ledger
from analysis.base import numbers
from analysis.base.keys import chapter_of  # noqa: F401 (cards and pages import it from here)
from analysis.checks.finding import OUTSIDE_CHECK_NAMES, Finding, stated_text, verdict_word  # noqa: F401
from analysis.words import (  # noqa: F401 (re-exported)
    AXIS_HEADINGS,
    CHECK_WORDS,
    NOT_CHECKABLE,
    OUTSIDE_AXIS_WORDS,
    OUTSIDE_BADGES,
    PLATFORM_WORDS,
    REPAIR_LEGEND,
    REPAIR_PROOF_WORDS,
    REPAIR_TITLE,
    SEARCHED,
    SHOWN,
    STATUS_CLASS,
    STATUS_ORDER,
    STATUS_SYMBOL,
    VERDICT_WORDS,
)

REGISTER_PAGE = "appendix_findings.html"
#: verdicts the register shows as cards (the findings, then the checks that hold and the outside context)
CARDED = (*SHOWN, "consistent", "context")


class Markdown(str):
    """Markdown text a notebook displays as rendered Markdown (myst-nb parses text/markdown outputs)."""

    def _repr_markdown_(self) -> str:
        return str(self)


class Html(str):
    """HTML text that a notebook displays as HTML (no IPython import needed)."""

    def _repr_html_(self) -> str:
        return str(self)


def paragraph_anchor(key: str) -> str:
    return "p-" + key.replace(".", "-")


def claim_anchor(claim_id: str) -> str:
    return "c-" + claim_id


def finding_anchor(finding_id: str) -> str:
    return "f-" + re.sub(r"[^0-9A-Za-z.]+", "-", finding_id).strip("-")


def claim_href(claim_id: str, page_chapter: int | None = None) -> str:
    """Link to a claim's mark: within the page when the page is its chapter's, else to its chapter's page."""
    if chapter_of(claim_id) == page_chapter:
        return f"#{claim_anchor(claim_id)}"
    return f"ch{chapter_of(claim_id):02d}.html#{claim_anchor(claim_id)}"


def finding_href(finding_id: str) -> str:
    return f"{REGISTER_PAGE}#{finding_anchor(finding_id)}"


# --- where each claim sits in its paragraph ---------------------------------------------------------
def _split_shared(span: str, start: int, claims: list[dict]) -> list[tuple[int, int, dict]]:
    """Claims that quote one span (从8%降至3%: two claims) each get the stretch from their number on.

    Each claim's value is looked up among the span's number tokens in order; if
    that fails the claims share the whole span's first stretch evenly by token.
    """
    tokens = [(m.start(), float(m.group())) for m in numbers.NUMBER_TOKEN.finditer(span)]
    cuts, used = [], -1
    for claim in claims:
        value = float(claim["value"])
        hit = next((i for i, (_, v) in enumerate(tokens) if i > used and abs(v - value) < 1e-9), None)
        if hit is None:
            hit = used + 1 if used + 1 < len(tokens) else None
        if hit is None:
            break
        cuts.append(0 if not cuts else tokens[hit][0])
        used = hit
    if len(cuts) != len(claims):
        cuts = [0] + [round(len(span) * i / len(claims)) for i in range(1, len(claims))]
    ends = cuts[1:] + [len(span)]
    return [(start + a, start + b, c) for a, b, c in zip(cuts, ends, claims)]


def claim_positions(text: str, claims: list[dict]) -> list[tuple[int, int, dict]]:
    """(start, end, claim) for every claim of one paragraph, in text order, never overlapping."""
    by_span: dict[tuple[int, int], list[dict]] = {}
    for c in claims:
        start = ledger.span_start(text, c["span"], int(c["occurrence"]))
        if start is None:  # the gate rejects this; say which claim if it ever gets here
            raise ValueError(f"claim {c['claim_id']}: span {c['span']!r} not in paragraph {c['paragraph']}")
        by_span.setdefault((start, start + len(c["span"])), []).append(c)
    out = []
    for (start, end), group in sorted(by_span.items()):
        group = sorted(group, key=lambda c: ledger.claim_sort_key(c["claim_id"]))
        out += _split_shared(text[start:end], start, group) if len(group) > 1 else [(start, end, group[0])]
    for (_a0, a1, a), (b0, _, b) in zip(out, out[1:]):
        if b0 < a1:
            raise ValueError(f"claims {a['claim_id']} and {b['claim_id']} overlap in paragraph {a['paragraph']}")
    return out


# --- one mark --------------------------------------------------------------------------------------------
def _check_line(f: Finding, claim_id: str) -> str:
    """'two values with 8.2.2-02 (restatement)': a check, linked to its card, and the other statements it names."""
    others = [c for c in f.claims if c != claim_id]
    against = f" with {', '.join(others)}" if others else ""
    word = escape(verdict_word(f))
    if f.verdict in CARDED:  # the register has a card for it
        word = f'<a href="{finding_href(f.id)}">{word}</a>'
    return f"{word}{escape(against)} ({escape(CHECK_WORDS[f.check])})"


def _tip(
    claim: dict,
    status: str,
    fact_label: str,
    siblings: list[dict],
    involved: list[Finding],
    outside: dict | None,
    platform: tuple[str, str] | None = None,
) -> str:
    """Two sections, kept apart: what the report says of itself (its status, the other statements of its fact,
    the checks against them) and what the outside record says (confirmed, departs, no record found with the
    searches, or why it cannot be checked)."""
    own = [f for f in involved if f.check not in OUTSIDE_CHECK_NAMES]
    record = [f for f in involved if f.check in OUTSIDE_CHECK_NAMES]
    parts = [
        f'<span class="tip-line">{escape(claim["claim_id"])} · {escape(claim["gloss_en"])}</span>',
        f'<span class="tip-line"><b>Fact:</b> {escape(fact_label)}</span>',
    ]
    if platform:  # (its page, the platform's name): every claim about it, both statuses, on one page
        label = PLATFORM_WORDS["finding_platform"].format(label=platform[1])
        parts.append(f'<span class="tip-line"><a href="{escape(platform[0])}">{escape(label)}</a></span>')
    parts += [
        f'<span class="tip-head">{escape(AXIS_HEADINGS["self"])}: {STATUS_SYMBOL[status]} {escape(status)}</span>',
    ]
    if siblings:
        links = ", ".join(
            f'<a href="{claim_href(s["claim_id"])}">{escape(s["claim_id"])}</a> '
            f"({escape(stated_text(s))}{', ' + escape(s['period']) if s['period'] else ''})"
            for s in siblings
        )
        parts.append(f'<span class="tip-line"><b>Also stated:</b> {links}</span>')
    if own:
        parts.append(
            f'<span class="tip-line"><b>Checks:</b> {"; ".join(_check_line(f, claim["claim_id"]) for f in own)}</span>'
        )
    if outside:
        parts.append(
            f'<span class="tip-head">{escape(AXIS_HEADINGS["outside"])}: {escape(OUTSIDE_AXIS_WORDS[outside["axis"]])}</span>'
        )
        if record:
            parts.append(
                f'<span class="tip-line">{"; ".join(_check_line(f, claim["claim_id"]) for f in record)}</span>'
            )
        if outside["note"]:
            parts.append(f'<span class="tip-line">{escape(outside["note"])}</span>')
        if outside["axis"] == "no_record" and outside["searched"]:
            parts.append(f'<span class="tip-line">{escape(SEARCHED.format(queries=outside["searched"]))}</span>')
    return "".join(parts)


def mark(text: str, claim: dict, status: str, tip_html: str, badge: str | None = None) -> str:
    """A claim's span with its two signs: what the report says of itself (colour and symbol) and, apart, what
    the outside record says (a small label: record ✓, record ✗, no record; none when the record has nothing)."""
    cid = claim["claim_id"]
    second = ""
    if badge:
        label, meaning = OUTSIDE_BADGES[badge]
        second = (
            f'<sup class="outside-badge out-{badge.replace("_", "-")}" title="{escape(meaning)}">{escape(label)}</sup>'
        )
    return (
        f'<span class="claim {STATUS_CLASS[status]}" id="{claim_anchor(cid)}" tabindex="0" '
        f'data-status="{escape(status)}" aria-describedby="tip-{escape(cid)}">'
        f'{escape(text)}<sup class="claim-symbol" aria-hidden="true">{STATUS_SYMBOL[status]}</sup>{second}'
        f'<span class="tip" role="tooltip" id="tip-{escape(cid)}">{tip_html}</span></span>'
    )


def repair_title(rep) -> str:
    return REPAIR_TITLE.format(proof=REPAIR_PROOF_WORDS.get(rep.proof, rep.proof), damaged=rep.damaged, note=rep.note)


def _plain(text: str, lo: int, hi: int, repairs: list) -> str:
    """text[lo:hi], escaped, each repaired run in it marked (proved or conjecture, its note on hover)."""
    out, at = [], lo
    for start, end, rep in repairs:
        s, e = max(start, lo), min(end, hi)
        if s >= e:
            continue
        out.append(escape(text[at:s]))
        out.append(
            f'<span class="repaired repair-{escape(rep.proof)}" tabindex="0" title="{escape(repair_title(rep))}">'
            f"{escape(text[s:e])}</span>"
        )
        at = e
    return "".join(out) + escape(text[at:hi])


def paragraph_html(
    key: str,
    text: str,
    claims: list[dict],
    status: dict[str, str],
    tips: dict[str, str],
    badges: dict[str, str] | None = None,
    repairs: list | None = None,
) -> str:
    """A paragraph with its claims marked and its repaired runs outside the claims marked (a claim's own repair is
    in its tooltip)."""
    out, at = [], 0
    badges, repairs = badges or {}, repairs or []
    for start, end, claim in claim_positions(text, claims):
        out.append(_plain(text, at, start, repairs))
        cid = claim["claim_id"]
        out.append(mark(text[start:end], claim, status.get(cid, NOT_CHECKABLE), tips[cid], badges.get(cid)))
        at = end
    out.append(_plain(text, at, len(text), repairs))
    return (
        f'<p class="report-paragraph" id="{paragraph_anchor(key)}" lang="zh-Hans">'
        f'<a class="paragraph-key" href="#{paragraph_anchor(key)}">{escape(key)}</a> {"".join(out)}</p>'
    )


# --- a chapter -----------------------------------------------------------------------------------------
def legend_html() -> str:
    items = "".join(
        f'<span class="claim {STATUS_CLASS[s]} legend-item">{escape(s)}'
        f'<sup class="claim-symbol" aria-hidden="true">{STATUS_SYMBOL[s]}</sup></span> '
        for s in STATUS_ORDER
    )
    badges = "".join(
        f'<span class="legend-item"><sup class="outside-badge out-{b.replace("_", "-")}">{escape(label)}</sup> '
        f"{escape(meaning)}</span> "
        for b, (label, meaning) in OUTSIDE_BADGES.items()
    )
    repaired = " ".join(
        f'<span class="repaired repair-{p}">{escape(REPAIR_LEGEND[p])}</span>' for p in REPAIR_PROOF_WORDS
    )
    return (
        f'<p class="claim-legend"><b>What the report says of itself:</b> {items}</p>'
        f'<p class="claim-legend"><b>What the outside record says:</b> {badges}</p>'
        f'<p class="claim-legend"><b>{escape(REPAIR_LEGEND["heading"])}:</b> {repaired}</p>'
    )


def chapter_html(
    chapter: int,
    claims: list[dict],
    texts: dict[str, str],
    toc: list[dict],
    status: dict[str, str],
    found: list[Finding],
    fact_labels: dict[str, str],
    outside: dict[str, str] | None = None,
    badges: dict[str, str] | None = None,
    platforms: dict[str, tuple[str, str]] | None = None,
    repairs: dict[str, list] | None = None,
) -> Html:
    """The chapter's paragraphs in reading order (missing ones shown as missing), every claim marked."""
    outside = outside or {}
    by_fact: dict[str, list[dict]] = {}
    for c in claims:
        by_fact.setdefault(c["fact_id"], []).append(c)
    involved: dict[str, list[Finding]] = {}
    for f in found:
        for cid in f.claims:
            involved.setdefault(cid, []).append(f)
    mine = [c for c in claims if chapter_of(c["paragraph"]) == chapter]
    tips = {
        c["claim_id"]: _tip(
            c,
            status.get(c["claim_id"], NOT_CHECKABLE),
            fact_labels.get(c["fact_id"], c["fact_id"]),
            [s for s in by_fact[c["fact_id"]] if s["claim_id"] != c["claim_id"]],
            involved.get(c["claim_id"], []),
            outside.get(c["claim_id"]),
            (platforms or {}).get(c["entity"]),
        )
        for c in mine
    }
    repairs = repairs or {}
    for c in mine:  # a repair inside a claim's span: said in its tooltip
        start = ledger.span_start(texts[c["paragraph"]], c["span"], int(c["occurrence"]))
        end = start + len(c["span"])
        for s0, e0, rep in repairs.get(c["paragraph"], []):
            if s0 < end and e0 > start:
                tips[c["claim_id"]] += f'<span class="tip-line">{escape(repair_title(rep))}</span>'
    per_paragraph: dict[str, list[dict]] = {}
    for c in mine:
        per_paragraph.setdefault(c["paragraph"], []).append(c)
    out, section = [legend_html()], None
    for slot in sorted(
        (t for t in toc if int(t["chapter"]) == chapter), key=lambda t: ledger.paragraph_sort_key(t["key"])
    ):
        if slot["section"] != section:
            section = slot["section"]
            out.append(
                f'<p class="report-section" lang="zh-Hans"><b>{escape(section)} {escape(slot["section_title"])}</b></p>'
            )
        key = slot["key"]
        if slot["status"] == "missing" or key not in texts:
            out.append(
                f'<p class="report-paragraph missing" id="{paragraph_anchor(key)}">'
                f'<a class="paragraph-key" href="#{paragraph_anchor(key)}">{escape(key)}</a> '
                f"<em>Missing from the capture: the table of contents lists this paragraph, the text does not hold it.</em></p>"
            )
            continue
        html = paragraph_html(key, texts[key], per_paragraph.get(key, []), status, tips, badges, repairs.get(key))
        if slot["status"] == "truncated":
            html = html[:-4] + ' <em class="truncated">[the capture breaks off here]</em></p>'
        out.append(html)
    return Html(f'<div class="annotated-report">{"".join(out)}</div>')
