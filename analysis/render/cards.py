"""Finding cards and retold passages side by side, as HTML for the book.

A card puts the statements of one finding side by side: each with its Chinese
sentence (the claim's span highlighted), its paragraph, its English gloss and
a link to the mark in the annotated text; then the verdict in plain words and
one line on why. A retold passage shows each sentence next to its retelling
with the changed numbers highlighted.

Pure: rows and texts in, HTML text out.
"""

from __future__ import annotations

from html import escape

from analysis import ledger
from analysis.base import textsim
from analysis.checks.finding import Finding, departs_from_outside, holds_only_as_bound, stated_text
from analysis.render.annotate import (
    Html,
    chapter_of,
    claim_href,
    finding_anchor,
    finding_href,
    paragraph_anchor,
    verdict_word,
)
from analysis.words import (
    CHECK_WORDS,
    CLAIMREVIEW_NOT_CONFIRMED,
    CONFIRMED_HEADLINE,
    DEPARTS_HEADLINE,
    HOW_SURE,
    PERIOD_INFERRED_TEXT,
    PLATFORM_WORDS,
    SEVERITY_WORDS,
    VERDICT_HEADLINES,
)


def sentence_bounds(text: str, claim: dict) -> tuple[int, int, int, int]:
    """(sentence start, span start, span end, sentence end): where a claim's span and its sentence sit in its
    paragraph's text (the card marks the span; the database stores the sentence)."""
    start = ledger.span_start(text, claim["span"], int(claim["occurrence"]))
    end = start + len(claim["span"])
    lo, hi = textsim.around_bounds(text, start, end, textsim.SENTENCE_STOPS)
    return lo, start, end, hi


def _sentence_with_span(text: str, claim: dict) -> str:
    lo, start, end, hi = sentence_bounds(text, claim)
    return escape(text[lo:start]) + f'<mark class="quoted">{escape(text[start:end])}</mark>' + escape(text[end:hi])


def headline(f: Finding) -> str:
    """A card's headline. Only the outside record confirms: a check of the report against itself that holds, or a
    figure inside a forecast band, is named for what it is."""
    if departs_from_outside(f):
        return DEPARTS_HEADLINE  # a failed check against the outside record: a departure, not arithmetic
    if f.verdict == "consistent":
        if holds_only_as_bound(f):
            return CLAIMREVIEW_NOT_CONFIRMED["bounded"][1]
        if f.check == "official":
            return CONFIRMED_HEADLINE
        return CLAIMREVIEW_NOT_CONFIRMED["forecast" if f.check == "forecast" else "self"][1]
    return VERDICT_HEADLINES[f.verdict]


def statement_html(
    claim: dict, texts: dict[str, str], href: str | None = None, inferred: dict | None = None, compact: bool = False
) -> str:
    """One statement of the report; ``inferred`` (claim id -> twins) gives an undated claim its inferred period;
    ``compact`` gives the span alone, not its sentence and gloss (the checks that hold: a lighter page)."""
    href = href or claim_href(claim["claim_id"])
    period = f" · {escape(claim['period'])}" if claim["period"] else " · no year stated"
    if not claim["period"] and claim["claim_id"] in (inferred or {}):
        entry = inferred[claim["claim_id"]]
        period = f" · {escape(PERIOD_INFERRED_TEXT.format(period=entry['period'], twins=', '.join(entry['twins'])))}"
    if compact:
        return (
            f'<div class="statement compact"><a href="{href}">{escape(claim["claim_id"])}</a>{period} · '
            f'<b>{escape(stated_text(claim))}</b> · <span lang="zh-Hans">「{escape(claim["span"])}」</span></div>'
        )
    return (
        f'<div class="statement">'
        f'<div class="statement-head"><a href="{href}">{escape(claim["claim_id"])}</a> · paragraph '
        f"{escape(claim['paragraph'])}{period} · <b>{escape(stated_text(claim))}</b></div>"
        f'<blockquote lang="zh-Hans">{_sentence_with_span(texts[claim["paragraph"]], claim)}</blockquote>'
        f'<div class="gloss">{escape(claim["gloss_en"])}</div></div>'
    )


def how_sure_html(f: Finding) -> str:
    """'How sure: moderate: a period is inferred ...' (checks/certainty.py)."""
    why = "; ".join(f.certainty_reasons)
    return (
        f'<p class="how-sure sure-{escape(f.certainty)}"><b>{escape(HOW_SURE.format(level=f.certainty))}</b>'
        + (f": {escape(why)}" if why else "")
        + "</p>"
    )


def outside_html(f: Finding) -> str:
    """The outside record a check against it quotes: each row's value, period, grade, verbatim quote and link."""
    if f.check != "official" or "source_url" not in f.extra:
        return ""
    rows = [(f.extra["printed"], f.extra["source_quality"], f.extra["source_url"], f.quotes[1])]
    if "denominator_url" in f.extra and len(f.quotes) > 2:
        rows.append(
            (f.extra["denominator_printed"], f.extra["denominator_quality"], f.extra["denominator_url"], f.quotes[2])
        )
    boxes = "".join(
        f'<div class="statement outside-record"><div class="statement-head">outside record · '
        f"{escape(f.extra['period'])} · <b>{escape(value)}</b> · {escape(quality)} source · "
        f'<a href="{escape(url)}" rel="noopener">page</a></div><blockquote>{escape(quote)}</blockquote></div>'
        for value, quality, url, quote in rows
    )
    return boxes


def platform_link(f: Finding, claims_by_id: dict[str, dict], platforms: dict[str, tuple[str, str]] | None) -> str:
    """' · platform: X', linked to X's page, when every claim of the finding is about one platform with a page
    (``platforms``: entity -> (page, platform's name))."""
    pages = {(platforms or {}).get(claims_by_id[c]["entity"]) for c in f.claims}
    if len(pages) != 1 or None in pages:
        return ""
    page, label = pages.pop()
    return f' · <a class="card-platform" href="{escape(page)}">{escape(PLATFORM_WORDS["finding_platform"].format(label=label))}</a>'


def card_html(
    f: Finding,
    claims_by_id: dict[str, dict],
    texts: dict[str, str],
    page_chapter: int | None = None,
    platforms: dict[str, tuple[str, str]] | None = None,
    compact: bool = False,
) -> str:
    """One finding. On a chapter's page (``page_chapter``) its own claims link to their marks on the page; a check
    against the outside record shows the record's quotes beside the report's statement; a finding about one
    platform links to its page."""
    inferred = f.extra.get("inferred")
    statements = "".join(
        statement_html(claims_by_id[c], texts, claim_href(c, page_chapter), inferred, compact) for c in f.claims
    )
    statements += outside_html(f)
    register_link = "" if page_chapter is None else f' · <a href="{finding_href(f.id)}">in the register</a>'
    register_link += platform_link(f, claims_by_id, platforms)
    return (
        f'<div class="finding-card sev-{escape(f.severity)}" id="{finding_anchor(f.id)}">'
        f'<div class="card-head"><span class="severity">{escape(SEVERITY_WORDS[f.severity])}</span> '
        f'<span class="verdict">{escape(headline(f))}</span> '
        f'<span class="card-check">{escape(verdict_word(f))} · check: {escape(CHECK_WORDS[f.check])}'
        f"{register_link}</span></div>"
        f'<div class="statements">{statements}</div>'
        f'<p class="why"><b>Why:</b> {escape(f.explanation)}</p>{how_sure_html(f)}</div>'
    )


def cards_html(
    found: list[Finding],
    claims_by_id: dict[str, dict],
    texts: dict[str, str],
    page_chapter: int | None = None,
    platforms: dict[str, tuple[str, str]] | None = None,
    compact: bool = False,
) -> Html:
    return Html(
        '<div class="finding-cards">'
        + "".join(card_html(f, claims_by_id, texts, page_chapter, platforms, compact) for f in found)
        + "</div>"
    )


# --- retold passages ---------------------------------------------------------------------------------
def _highlight(text: str, offsets: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, css class) stretch wrapped in a <mark>."""
    out, at = [], 0
    for start, end, cls in sorted(offsets):
        if start < at:
            continue
        out += [escape(text[at:start]), f'<mark class="{cls}">{escape(text[start:end])}</mark>']
        at = end
    return "".join(out) + escape(text[at:])


def passage_html(passage, claims_by_offset: dict | None = None) -> str:
    """One retold passage: each aligned sentence pair in two columns, changed numbers highlighted."""
    rows, changed, larger = [], 0, 0
    for s in passage.sentences:
        left_marks, right_marks = [], []
        for n in s.numbers:
            if not (n.changed or (n.is_year and n.left != n.right)):
                continue
            cls = "year-changed" if n.is_year else "number-changed"
            left_marks.append((n.left_offset - s.left.start, n.left_offset - s.left.start + len(n.left), cls))
            right_marks.append((n.right_offset - s.right.start, n.right_offset - s.right.start + len(n.right), cls))
            if n.changed:
                changed += 1
                larger += float(n.right) > float(n.left)
        rows.append(
            f'<div class="retold-row"><div class="retold-cell" lang="zh-Hans">{_highlight(s.left.text, left_marks)}</div>'
            f'<div class="retold-cell" lang="zh-Hans">{_highlight(s.right.text, right_marks)}</div></div>'
        )
    head = (
        f'<div class="retold-head"><a href="{_paragraph_href(passage.left)}">{escape(passage.left)}</a> and its '
        f'retelling in <a href="{_paragraph_href(passage.right)}">{escape(passage.right)}</a>: '
        f"{changed} number{'s' if changed != 1 else ''} changed, the retelling's is larger in {larger}.</div>"
    )
    return f'<div class="retold-passage">{head}{"".join(rows)}</div>'


def _paragraph_href(key: str) -> str:
    return f"ch{chapter_of(key):02d}.html#{paragraph_anchor(key)}"


def passages_html(found: list) -> Html:
    return Html("".join(passage_html(p) for p in found))
