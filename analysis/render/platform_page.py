"""What a platform's page shows, computed from data/ (the platform notebooks only call these).

Which platforms have a page is the ledger's choice (``ledger/platforms.py``: at least ``MIN_CLAIMS``
claims, units too small for a page of their own folded into their parent's). A page holds every
claim about the platform across chapters with both statuses kept apart (what the report says of
itself; what the outside record says), the findings that name them (linked to their cards), the
outside rows held against them, and the facts it states in several chapters, side by side.

Every output is HTML (``annotate.Html``): its links go to other pages' anchors (``chNN.html#c-…``,
``appendix_findings.html#f-…``), which Markdown links would send through Sphinx's cross-references.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from urllib.parse import urlsplit

from analysis import ledger
from analysis import register as findings
from analysis.checks.finding import stated_text
from analysis.ledger import platforms
from analysis.register import severity_rank
from analysis.render import annotate
from analysis.render.annotate import Html
from analysis.render.appendix import _fact_labels, outside_badges, outside_table
from analysis.render.state import shared
from analysis.words import (
    NOT_CHECKABLE,
    OUTCOME_WORDS,
    OUTSIDE_BADGES,
    OUTSIDE_CHECKED,
    OUTSIDE_STATUS_WORDS,
    PLATFORM_WORDS,
    SEVERITIES,
    SEVERITY_WORDS,
    STATUS_CLASS,
    STATUS_ORDER,
    STATUS_PHRASES,
    STATUS_SYMBOL,
    listing,
    plural,
)

W = PLATFORM_WORDS


# --- which platforms ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def selection() -> tuple[list[platforms.Platform], dict[str, str]]:
    """(the platforms with a page, entity -> the page entity its claims are shown on)."""
    data, _ = shared()
    return platforms.select(data.claims, data.entities)


def platform(entity: str) -> platforms.Platform:
    pages, _ = selection()
    for p in pages:
        if p.entity == entity:
            return p
    raise KeyError(f"{entity}: no platform page (ledger/platforms.py chooses them from the data)")


def href(entity: str) -> str:
    return f"{platforms.page_name(entity)}.html"  # the same page as appendix.platform_pages() links


def _labels() -> dict[str, str]:
    data, _ = shared()
    return dict(zip(data.entities["entity"], data.entities["label_en"]))


def claims_of(entity: str) -> list[dict]:
    """The platform's claims (its own and its small units'), in reading order."""
    data, _ = shared()
    members = set(platform(entity).members)
    rows = [r for r in data.claims.to_dict("records") if r["entity"] in members]
    return sorted(rows, key=lambda r: ledger.claim_sort_key(r["claim_id"]))


def findings_of(entity: str) -> list:
    """Findings the register shows that name one of the platform's claims, most serious first."""
    _, found = shared()
    mine = {c["claim_id"] for c in claims_of(entity)}
    return sorted((f for f in found if f.shown and mine & set(f.claims)), key=severity_rank)


# --- small pieces of HTML --------------------------------------------------------------------------------
def _claim_link(claim_id: str) -> str:
    return f'<a class="pl-claim" href="{annotate.claim_href(claim_id)}">{escape(claim_id)}</a>'


def self_sign(status: str) -> str:
    """What the report says of itself, with the marks' class and symbol."""
    return (
        f'<span class="claim {STATUS_CLASS[status]} legend-item">{escape(status)}'
        f'<sup class="claim-symbol" aria-hidden="true">{STATUS_SYMBOL[status]}</sup></span>'
    )


def outside_sign(badge: str | None, row: dict | None) -> str:
    """What the outside record says: the marks' badge (record ✓, record ✗, no record) or, without one, the
    outcome and why (a platform-internal metric, a future target…)."""
    if badge:
        label, meaning = OUTSIDE_BADGES[badge]
        return (
            f'<sup class="outside-badge out-{badge.replace("_", "-")}" title="{escape(meaning)}">{escape(label)}</sup>'
        )
    if row is None:
        return W["no_outside"]
    return f"{escape(row['outcome'])} · {escape(OUTSIDE_STATUS_WORDS[row['status']])}"


def _table(columns: list[tuple[str, str]], rows: list[list[str]], name: str) -> str:
    """A plain table in a box that scrolls sideways on a phone; ``columns`` are (heading, css class)."""
    head = "".join(f'<th class="{cls}">{escape(text)}</th>' for text, cls in columns)
    body = "".join(
        "<tr>" + "".join(f'<td class="{cls}">{cell}</td>' for (_, cls), cell in zip(columns, row)) + "</tr>"
        for row in rows
    )
    return (
        f'<div class="pl-scroll" tabindex="0" role="region" aria-label="{escape(name)}">'
        f'<table class="pl-table audit-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def _source(source: str) -> str:
    """An outside row's source: a page (linked by its site's name) or a series of the reference data (its id)."""
    if not source:
        return ""
    if source.startswith(("http://", "https://")):
        return f'<br><a href="{escape(source)}" rel="noopener">{escape(urlsplit(source).hostname or source)}</a>'
    return f"<br><code>{escape(source)}</code>"


# --- the page's sections ------------------------------------------------------------------------------------
def legend() -> Html:
    """The marks' legend: the two signs, as the annotated chapters show them."""
    return Html(annotate.legend_html())


def summary(entity: str) -> Html:
    """Two or three sentences, every number from the data: claims, what the report says of them, the record."""
    p = platform(entity)
    labels = _labels()
    _, found = shared()
    status = findings.claim_status(found)
    mine = claims_of(entity)
    ids = [c["claim_id"] for c in mine]
    paragraphs = {c["paragraph"] for c in mine}
    chapters = {annotate.chapter_of(c["paragraph"]) for c in mine}
    units = [labels[m] for m in p.members if m != entity]
    counts = {s: sum(status.get(c, NOT_CHECKABLE) == s for c in ids) for s in STATUS_ORDER}
    parts = [f"<b>{STATUS_PHRASES[s].format(n=n)}</b>" for s, n in counts.items() if s in STATUS_PHRASES and n]
    text = [
        W["claims"].format(
            claims=f"<b>{plural(len(mine), 'claim')}</b>",
            label=escape(p.label),
            paragraphs=plural(len(paragraphs), "paragraph"),
            chapters=plural(len(chapters), "chapter"),
            members=W["members"].format(units=escape(listing(units))) if units else "",
            self=W["self"].format(parts=", ".join(parts), rest=counts[NOT_CHECKABLE]) if parts else W["self_none"],
        )
    ]
    out = outside_table()
    rows = out[out["claim_id"].isin(ids)].to_dict("records")
    checked = [r for r in rows if r["status"] in OUTSIDE_CHECKED]
    if checked:
        outcomes = [
            f"{n} {word}" for word in OUTCOME_WORDS.values() if (n := sum(r["outcome"] == word for r in checked))
        ]
        record = W["outside"].format(checked=plural(len(checked), "claim"), outcomes=listing(outcomes))
    else:
        record = W["outside_none"]
    if n_found := sum(r["status"] == "not_found" for r in rows):
        record += W["not_found"].format(claims=plural(n_found, "claim"), meaning=OUTSIDE_BADGES["no_record"][1])
    departs = [r for r in rows if r["outcome"] == OUTCOME_WORDS["departed"]]
    if departs:
        gloss = {c["claim_id"]: c["gloss_en"] for c in mine}
        record += W["departs"].format(
            items="; ".join(f"{_claim_link(r['claim_id'])} ({escape(gloss[r['claim_id']])})" for r in departs)
        )
    text.append(record + ".")
    mine_found = findings_of(entity)
    if mine_found:
        sev = [f"{n} {SEVERITY_WORDS[s]}" for s in SEVERITIES if (n := sum(f.severity == s for f in mine_found))]
        text.append(
            W["findings"].format(findings=f"<b>{plural(len(mine_found), 'finding')}</b>", severities=listing(sev))
        )
    else:
        text.append(W["findings_none"])
    return Html(f'<p class="pl-summary">{" ".join(text)}</p>')


def related(entity: str) -> Html:
    """Where the platform sits: the entity it is part of, its units with pages, its units shown here."""
    p = platform(entity)
    pages, _ = selection()
    with_page = {q.entity for q in pages}
    labels = _labels()
    data, _ = shared()
    link = lambda e: f'<a href="{href(e)}">{escape(labels[e])}</a>' if e in with_page else escape(labels[e])  # noqa: E731
    lines = []
    if p.part_of:
        lines.append(W["part_of"].format(label=escape(p.label), parent=link(p.part_of)))
    units = [e for e, parent in zip(data.entities["entity"], data.entities["part_of"]) if parent == entity]
    if own := [link(e) for e in units if e in with_page]:
        lines.append(W["units_with_pages"].format(links=listing(own)))
    if here := [escape(labels[m]) for m in p.members if m != entity]:
        lines.append(W["units_here"].format(units=listing(here)))
    return Html(f'<p class="pl-related">{" ".join(lines)}</p>' if lines else "")


def claims_table(entity: str) -> Html:
    """Every claim about the platform: its mark, its Chinese span, gloss, value, period and both statuses."""
    _, found = shared()
    status = findings.claim_status(found)
    badges = outside_badges()
    out = outside_table().set_index("claim_id")
    labels = _labels()
    rows = []
    for c in claims_of(entity):
        cid = c["claim_id"]
        unit = "" if c["entity"] == entity else f'<span class="pl-unit">{escape(labels[c["entity"]])}</span>'
        rows.append(
            [
                _claim_link(cid) + unit,
                self_sign(status.get(cid, NOT_CHECKABLE)),
                outside_sign(badges.get(cid), out.loc[cid].to_dict() if cid in out.index else None),
                f'<span lang="zh-Hans">{escape(c["span"])}</span>',
                escape(c["gloss_en"]),
                f"<b>{escape(stated_text(c))}</b><br>{escape(c['period'] or W['no_year'])}",
            ]
        )
    # the two statuses come right after the claim: on a phone they are on the first screen, the rest scrolls
    columns = [
        (W["col_claim"], "pl-id"),
        (W["col_self"], "pl-sign"),
        (W["col_outside"], "pl-sign"),
        (W["col_quote"], "pl-quote"),
        (W["col_gloss"], "pl-text"),
        (W["col_value"], "pl-value"),
    ]
    return Html(_table(columns, rows, f"claims-{entity}"))


def findings_list(entity: str) -> Html:
    """The findings that name its claims, each linked to its card in the register, most serious first."""
    items = [
        f'<li class="sev-{escape(f.severity)}"><span class="pl-severity">{escape(SEVERITY_WORDS[f.severity])}</span> '
        f'<a href="{annotate.finding_href(f.id)}">{escape(annotate.verdict_word(f))}</a> · '
        f"{', '.join(_claim_link(c) for c in f.claims)}<br>{escape(f.explanation)}</li>"
        for f in findings_of(entity)
    ]
    return Html(f'<ul class="pl-findings">{"".join(items)}</ul>' if items else f"<p>{W['empty']}</p>")


def outside_record(entity: str) -> Html:
    """The outside rows held against its claims (a named source, or searched for and not found)."""
    ids = {c["claim_id"] for c in claims_of(entity)}
    out = outside_table()
    badges = outside_badges()
    rows = [
        [
            _claim_link(r["claim_id"]),
            escape(OUTSIDE_STATUS_WORDS[r["status"]]) + _source(r["source"]),
            outside_sign(badges.get(r["claim_id"]), None) if r["claim_id"] in badges else escape(r["outcome"]),
            escape(r["note"]),
        ]
        for r in out[out["claim_id"].isin(ids)].to_dict("records")
        if r["status"] in OUTSIDE_CHECKED or r["status"] == "not_found"
    ]
    if not rows:
        return Html(f"<p>{W['empty']}</p>")
    columns = [
        (W["col_claim"], "pl-id"),
        (W["col_source"], "pl-value"),
        (W["col_outside"], "pl-sign"),
        (W["col_note"], "pl-text"),
    ]
    return Html(_table(columns, rows, f"outside-{entity}"))


def retold_table(entity: str) -> Html:
    """Facts of the platform stated in more than one chapter: each statement side by side, with its status."""
    _, found = shared()
    status = findings.claim_status(found)
    labels = _fact_labels()
    by_fact: dict[str, list[dict]] = {}
    for c in claims_of(entity):
        by_fact.setdefault(c["fact_id"], []).append(c)
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    rows = []
    for fact, claims in by_fact.items():
        if len({annotate.chapter_of(c["paragraph"]) for c in claims}) < 2:
            continue
        lines = "".join(
            f'<span class="pl-line">{_claim_link(c["claim_id"])} <b>{escape(stated_text(c))}</b> · '
            f"{escape(c['period'] or W['no_year'])} {self_sign(status.get(c['claim_id'], NOT_CHECKABLE))}</span>"
            for c in claims
        )
        worst = min((status.get(c["claim_id"], NOT_CHECKABLE) for c in claims), key=rank.__getitem__)
        rows.append([escape(labels.get(fact, fact)), lines, self_sign(worst)])
    if not rows:
        return Html(f"<p>{W['empty']}</p>")
    columns = [(W["col_fact"], "pl-text"), (W["col_statements"], "pl-statements"), (W["col_self"], "pl-sign")]
    return Html(_table(columns, rows, f"retold-{entity}"))


# --- the list of platforms and the links to it ------------------------------------------------------------------
def landing_line() -> Html:
    """One line for the landing page: every platform page, linked."""
    pages, _ = selection()
    if not pages:
        return Html("")
    links = [f'<a href="{href(p.entity)}">{escape(p.label)}</a>' for p in pages]
    return Html(f'<p class="pl-landing">{W["landing"].format(links=" · ".join(links))}</p>')


def index_summary() -> Html:
    """How the platforms were chosen, with the numbers, and which were left out."""
    data, _ = shared()
    pages, _ = selection()
    if not pages:
        return Html(f"<p>{W['nothing_here'].format(min_claims=platforms.MIN_CLAIMS)}</p>")
    fewest = min(
        len({c["paragraph"] for c in data.claims.to_dict("records") if c["entity"] in p.members}) for p in pages
    )
    text = W["index"].format(
        min_claims=platforms.MIN_CLAIMS,
        per_paragraph=platforms.claims_per_paragraph(data.claims),
        pages=plural(len(pages), "platform"),
        min_paragraphs=plural(fewest, "paragraph"),
    )
    left = platforms.left_out(data.claims, data.entities)
    if left:
        text += " " + W["left_out"].format(items=", ".join(f"{escape(label)} ({n})" for label, n in left))
    return Html(f"<p>{text}</p>")


def index_table() -> Html:
    """Each platform with a page: its claims, paragraphs, the worst it says of itself, what departs."""
    _, found = shared()
    status = findings.claim_status(found)
    badges = outside_badges()
    pages, _ = selection()
    worst = {STATUS_ORDER[0], STATUS_ORDER[1]}  # contradicted, two values
    rows = []
    for p in pages:
        mine = claims_of(p.entity)
        rows.append(
            [
                f'<a href="{href(p.entity)}">{escape(p.label)}</a>',
                str(len(mine)),
                str(len({c["paragraph"] for c in mine})),
                str(sum(status.get(c["claim_id"], NOT_CHECKABLE) in worst for c in mine)),
                str(sum(badges.get(c["claim_id"]) == "departed" for c in mine)),
            ]
        )
    columns = [
        (W["col_platform"], "pl-text"),
        (W["col_claims"], "pl-num"),
        (W["col_paragraphs"], "pl-num"),
        (W["col_worst"], "pl-num"),
        (W["col_departs"], "pl-num"),
    ]
    return Html(_table(columns, rows, "platforms"))
