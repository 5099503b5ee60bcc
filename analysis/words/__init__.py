"""Every word a reader sees for a check, a verdict, a claim's status, an outside outcome or a model: one home.

The code works with ids (verdict ``two_values``, status ``two_values``, model
``log_linear``); what a reader sees for each id is written here once, and every
page, card, mark, figure, the register and every export look it up. Renaming a
verdict or a status is one edit in this file (``tests/test_words.py`` renames
one in a copy of the package and finds the new word everywhere and the old
nowhere). Dictionaries keyed by a status's reader word (symbols, phrases,
colours) are built from ``STATUS_WORDS``, never typed with the word again.

This module imports nothing of the package: every stage may use it.
"""

from __future__ import annotations

# --- checks, severities and verdicts ------------------------------------------------------------------
#: check id -> what it holds against what
CHECKS = {
    "restatement": "two claims of one fact (same subject, measure and qualifiers) compared on their values",
    "sum": "parts against their whole (a stated sum, shares against 100 %, the shares of one curated whole across the report)",
    "growth": "a growth rate against the two levels it compares",
    "speedup": "a stated improvement against the cut in a duration it comes from (as a cut or as a speed-up)",
    "cagr": "a compound annual growth rate against start and end values",
    "multiple": "an N-times statement against the two values it compares",
    "change_pp": "a change in percentage points against two percentages",
    "same_change": "two statements of one change (a percentage, a fraction, an N-times) against each other",
    "implied_base": "the total implied by a level and its share, against a stated or official total",
    "official": "a national figure against the official statistic",
    "forecast": "a 2026 figure against the forecasts of a family of models from official series",
}
#: check id -> its name in a reader's sentence ("change pp check", "implied base check")
CHECK_WORDS = {check: check.replace("_", " ") for check in CHECKS}
SEVERITIES = ["high", "medium", "low", "info"]
#: severity id -> the severity in words (register headings, cards, figure legends); a chapter's summary counts
#: ``info`` findings by what they are
SEVERITY_WORDS = {"high": "high", "medium": "medium", "low": "low", "info": "info"}
#: verdict id -> what it means (the book's "How to read this audit")
VERDICTS = {
    "contradiction": "one fact, one period, values no rounding reconciles",
    "inconsistent": "arithmetic, a whole, an official figure or a forecast the statements cannot meet",
    "two_values": "one fact, two values, periods that cannot be told apart",
    "changed": "one fact, two stated periods, two values: both may hold",
    "edge": "holds only at the edge of rounding",
    "consistent": "checked and holds",
    "computed": "recomputed, nothing to hold it against",
    "context": "an outside projection or partial-period figure shown beside the claim, not held against it",
}
#: verdicts the register lists by default; --include-consistent adds the others
SHOWN = ("contradiction", "inconsistent", "two_values", "changed", "edge")
#: verdict id -> the verdict in words for readers (the JSON register keeps the ids)
VERDICT_WORDS = {
    "contradiction": "contradiction",
    "inconsistent": "does not add up",
    "two_values": "two values",
    "changed": "changed over time",
    "edge": "edge of rounding",
    "consistent": "consistent",
    "computed": "recomputed",
    "context": "context only",
}
#: a failed check against the outside record, in words: a departure from that record, not arithmetic
DEPARTS_WORDS = "departs from the outside record"
#: verdict id -> a headline a journalist can quote (cards, ClaimReview)
VERDICT_HEADLINES = {
    "contradiction": "These statements cannot all hold",
    "inconsistent": "These numbers do not add up",
    "two_values": "Two values for one fact, and no way to tell their periods apart",
    "changed": "Changed over time: both may hold",
    "edge": "Holds only at the edge of rounding",
    "consistent": "Holds",
    "computed": "Recomputed, with nothing to hold it against",
    "context": "Shown beside an outside projection or partial figure: context, not a check",
}
DEPARTS_HEADLINE = "The report's figure departs from the outside record"
#: where an ``edge`` verdict's explanation says a check holds: "It holds only at the edge of rounding: ..."
AT_THE_EDGE = f"at the {VERDICT_WORDS['edge']}"
#: verdict id -> ClaimReview rating: 1 the statements cannot all hold ... 5 they hold with room to spare
CLAIMREVIEW_RATINGS = {"contradiction": 1, "inconsistent": 1, "two_values": 2, "changed": 3, "edge": 4, "consistent": 5}
CLAIMREVIEW_WORST, CLAIMREVIEW_BEST = 1, 5
#: a check of the report against itself that holds, or a figure inside a forecast band, is not confirmation:
#: it is rated in the middle and named for what it is (only the outside record confirms)
CLAIMREVIEW_NOT_CONFIRMED = {
    "self": (3, "Agrees with the report's other statements; not confirmed by any outside source"),
    "forecast": (3, "Inside a forecast band from official series; a projection, not the record"),
    "bounded": (3, "Consistent with the outside record, not confirmed: it only bounds the figure, or one reading"),
}
#: a check against the outside record that holds: confirmed
CONFIRMED_HEADLINE = "The outside record confirms it"

# --- a claim's status (what the findings say of each claim) ---------------------------------------------
#: status id -> the status in words, most serious first
STATUS_WORDS = {
    "contradicted": "contradicted",
    "two_values": "two values",
    "changed_over_time": "changed over time",
    "edge_of_rounding": "edge of rounding",
    "consistent": "agrees with itself",
    "not_checkable": "nothing to compare with",
}
STATUS_ORDER = list(STATUS_WORDS.values())
NOT_CHECKABLE = STATUS_WORDS["not_checkable"]
#: verdict id -> the status it gives the claims it names
CLAIM_STATUS = {
    verdict: STATUS_WORDS[status]
    for verdict, status in {
        "contradiction": "contradicted",
        "inconsistent": "contradicted",
        "two_values": "two_values",
        "changed": "changed_over_time",
        "edge": "edge_of_rounding",
        "consistent": "consistent",
    }.items()
}
#: a symbol per status, so the marks read without colour (the legend spells them out)
STATUS_SYMBOL = {
    STATUS_WORDS[status]: symbol
    for status, symbol in {
        "contradicted": "✗",
        "two_values": "≠",
        "changed_over_time": "↻",
        "edge_of_rounding": "≈",
        "consistent": "=",  # not ✓: agreeing with itself is not confirmation (the record's sign is "record ✓")
        "not_checkable": "·",
    }.items()
}
#: CSS class per status (book/_static/audit.css colours them): from the id, so a renamed word keeps its colour
STATUS_CLASS = {word: "st-" + status.replace("_", "-") for status, word in STATUS_WORDS.items()}
#: how a chapter's summary counts claims of each status
STATUS_PHRASES = {
    STATUS_WORDS[status]: phrase
    for status, phrase in {
        "contradicted": "{n} contradicted",
        "two_values": "{n} with two values for one fact",
        "changed_over_time": "{n} changed over time",
        "edge_of_rounding": "{n} holding only at the edge of rounding",
        "consistent": "{n} agreeing with another statement",
    }.items()
}

# --- the outside record ------------------------------------------------------------------------------------
#: outside-check status: held against a named source
OUTSIDE_CHECKED = {
    "official": "an official statistic (NBS, MOFCOM, GACC, CNNIC, CAITEC)",
    "regulator": "a regulator's decision or rule (SAMR, the European Commission, Korea's PIPC, a tax authority)",
    "filing": "a listed company's filing or results release",
    "forecast": "a forecast from an official series",
    "benchmark": "an industry benchmark where no official series exists",
}
#: outside-check status: not checkable, with the reason
OUTSIDE_NOT_CHECKABLE = {
    "platform_internal": "a platform-internal metric that no filing publishes",
    "future_target": "a target, plan or forecast for 2026 or later: nothing to hold it against yet",
    "no_counterpart": "not a statement an outside source could make (an example, the report's own survey or count)",
    "not_found": "an outside source could publish it, but none was found (the searches are recorded)",
}
OUTSIDE_STATUSES = {**OUTSIDE_CHECKED, **OUTSIDE_NOT_CHECKABLE}
#: outside-check status id -> its name in words (the dashboard's table)
OUTSIDE_STATUS_WORDS = {status: status.replace("_", " ") for status in OUTSIDE_STATUSES}
#: a mark's second sign: what the outside record says (no sign: nothing on the record to say)
OUTSIDE_BADGES = {
    "held": ("record ✓", "confirmed by the outside record"),
    "bounded": (
        "in bounds",
        "consistent with the outside record, not confirmed by it: the record only bounds the figure (a part not "
        "above its whole), or the report's words leave open what it measures",
    ),
    "departed": ("record ✗", "departs from the outside record"),
    "no_record": ("no record", "no record found, although it would be on the record if true"),
}
#: how the reference appendix says a map uses a series (render/overview.reference_use)
REFERENCE_USE_WORDS = {
    "same": "official check: the same figure",
    "part_of": "official check: a part against its whole",
    "contains": "official check: a whole against its part",
    "open": "on one reading of words that leave it open",
    "ratio": "as a ratio over {series}",
    "forecast": "forecast held against the report",
}
#: the second axis of every claim, in words: what the outside record says of it (outside/status.axis). Kept
#: apart from the first (STATUS_WORDS: what the report says of itself): agreeing with itself is not confirmed
OUTSIDE_AXIS_WORDS = {
    "confirmed": "confirmed by the outside record",
    "bounded": "consistent with the outside record, not confirmed: the record only bounds it, or the words leave it open",
    "departs": "departs from the outside record",
    "forecast_band": "inside a forecast band (a projection, not the record)",
    "read": "read against a source, no computed verdict",
    "no_record": "no record found, though it would be on the record if true",
    "platform_internal": "not checkable: a platform-internal figure nobody publishes",
    "future_target": "not checkable: a target or forecast for 2026 or later",
    "no_counterpart": "not checkable: no outside source could state it",
}
#: the claims ledger's column labels for readers (render/appendix.ledger_table)
LEDGER_LABELS = {
    "claim": "claim",
    "quote": "quote (Chinese)",
    "fact_zh": "fact (Chinese)",
    "gloss": "in English",
    "value": "as stated",
    "year": "year",
    "kind": "kind",
}
#: the two axes' headings, wherever a claim shows both (tooltips, tables, platform pages)
AXIS_HEADINGS = {"self": "What the report says of itself", "outside": "What the outside record says"}
#: a no-record claim's searches, in its tooltip
SEARCHED = "Searched: {queries}"
#: outcome id -> what the outside record says of a claim, in words
OUTCOME_WORDS = {
    "held": "held",
    "bounded": "held within bounds",
    "departed": "departed",
    "read_against_the_source": "read against the source",
    "not_checkable": "not checkable",
}
OUTCOMES = tuple(OUTCOME_WORDS.values())

#: an outside figure's kind (figure_kind in the reference files), in words
FIGURE_KIND_WORDS = {
    "actual": "the published figure for the period",
    "preliminary": "a preliminary figure, which may be revised",
    "estimate": "an estimate, not a figure the issuer measured or filed",
    "projection": "a projection",
    "partial_period": "a figure for part of the period only",
}
#: where an outside figure was read (source_quality), in words
GRADE_WORDS = {
    "official": "read on the issuer's own site",
    "news": "read in a news report of the release",
    "mirror": "read in a copy of the release on another site",
    "secondary": "read on a secondary page that cites it",
    "doubtful": "read on a page of doubtful standing",
}
#: how strongly an outside figure bears on a claim, strongest first (outside/official.evidence_strength)
STRENGTH_WORDS = ("strong", "moderate", "weak")
#: a projection or a partial period, shown beside a claim: context, never the record
CONTEXT_ONLY = "context only, not the record: the report's figure is not held against it"
#: the publication an outside figure comes from (outside/primary.primary_line): its parts, in order, and the
#: words for a title no page read states
PRIMARY_SEPARATOR = ", "
PRIMARY_RELEASED = "released {date}"
NO_PRIMARY_TITLE = "title not shown on the page read"

# --- how sure: a finding's certainty (checks/certainty.py) ------------------------------------------------
#: how sure a finding is, strongest first: the same words as the outside record's strength
CERTAINTY_WORDS = STRENGTH_WORDS
#: the severity a finding may keep at each certainty: a finding is never louder than its evidence
SEVERITY_CAP = {"strong": "high", "moderate": "medium", "weak": "low"}
#: why a finding is less than strong, in words (each reason lowers it one step)
CERTAINTY_REASONS = {
    "wording": "the two sentences name the measure in different words: possibly different measures",
    "period_inferred": "a period is inferred from a restatement with the same value, not stated",
    "period_context": "a period is read from the surrounding text, not stated",
    "outside_read": "the outside figure was {grade}",
    "outside_kind": "the outside figure is {kind}",
    "outside_open": "the report's words leave its base or subject open; the finding holds only what every reading supports",
    "adjusted": "the outside figure is adjusted to the full year on the assumption that the pace of {period} held",
    "forecast": "held against a forecast from a model, which is not the record",
    "forecast_old": "the official series behind the forecast ends in {last}, {gap} years before the report's figure",
}
#: a full-year claim held against a partial period whose pace is assumed to hold (outside/adjusted.py)
PACE_HELD_TEXT = (
    "The report states {claim} ({paragraph}) for the whole year; the record has only part of it: {part}. "
    "If the pace of {period} had held ({ytd} year on year), the full year would come to about {implied}; "
    "the report's figure {agree}. For it to hold, the rest of the year would have needed growth of {needed} "
    "year on year, against {ytd} in {period}."
)
PACE_HELD_GROWTH = "growth of {growth} for the year"
#: a finding's certainty, as the card and the register print it
HOW_SURE = "How sure: {level}"
#: an undated claim's period taken from a dated twin with the same value (facts/periods.py)
PERIOD_INFERRED_TEXT = "{period} (inferred: {twins} states the same value for {period})"

# --- repaired text in the annotated chapters (render/annotate.py) -------------------------------------------
REPAIR_PROOF_WORDS = {
    "proved": "proved (the damage is reproduced from the repair)",
    "conjecture": "a conjecture (no character of the damaged run survived)",
}
REPAIR_TITLE = "Repaired text, {proof}. The capture reads {damaged}. {note}"
REPAIR_LEGEND = {
    "heading": "Text repaired from the damaged capture (hover for the repair)",
    "proved": "proved",
    "conjecture": "conjecture",
}

# --- identity, citation, changelog ---------------------------------------------------------------------
#: the audited report as a reader would cite it (source/identity.py); what the capture does not show is unknown
REPORT_IDENTITY = (
    "*{title}*, a report that names no author, {pages} pages long as the site counts them, captured from "
    "{site}'s free preview (the page's address and the day of capture are unknown), sha256 `{sha}`."
)
#: how to cite this audit (render/citation.py): version from git describe, date of the commit built
CITE_AUDIT = "{author}, *An executable audit of {title}*, version {version} ({date}). {url}"
#: how to report an error, on the landing page and in the brief
ERROR_ROUTE = (
    "Found an error? Open an issue with the template *Report an error* "
    "(`.github/ISSUE_TEMPLATE/report-an-error.md`): the claim or finding id, what is wrong, and the source "
    "that shows it. Corrections are listed on the [changelog](changelog) page."
)
#: the changelog page's words (render/changelog.py)
CHANGELOG_WORDS = {
    "since": "This build against {name} ({date})",
    "between": "{new} ({date}) against {old}",
    "new": "new",
    "gone": "gone",
    "none": "No finding appeared, went or changed.",
}

# --- forecasts ---------------------------------------------------------------------------------------------
#: each model of the forecast family (forecast/models.py) in words, for readers
MODEL_NAMES = {
    "linear": "linear trend",
    "log_linear": "constant growth (log-linear trend)",
    "damped_ets": "damped-trend smoothing ETS(A,Ad,N)",
    "drift": "random walk with drift",
    "cagr": "compound growth of two points (CAGR)",
    "no model": "no model",
}
#: a report figure against the family's 95 % intervals (forecast/verdicts.py), in words: the ids are the words
FORECAST_WORDS = {"inside": "inside", "above": "above", "below": "below", "no model": "no model"}

# --- figure labels -------------------------------------------------------------------------------------------
#: legend entries and axis labels the figures share (render/figures.py); titles stay with their figure
FIGURE_WORDS = {
    "official": "official / 官方",
    "report": "report / 报告",
    "left_out": "{model} (left out)",
    "band": "{level}% (all acceptable models)",
    "year": "year",
    "claims": "claims",
    "findings": "findings",
    "chapter": "report chapter / 章",
    # two counting rules, two titles: a finding is counted once, at its first paragraph's chapter, or once in
    # every chapter it involves (a chapter 8 that retells chapters 3-4 has none of the first and many of the second)
    "findings_by_first_chapter": "Findings by the chapter where they start, and severity / 各章发现（按首个段落计）",
    "findings_involving_chapter": "Findings involving each chapter (counted in every chapter they touch) / 各章涉及的发现",
}

# --- numbers in words ------------------------------------------------------------------------------------
#: a claim's bound in English words, before its value: 'over 1.2万亿元'
BOUND_WORDS_EN = {"=": "", ">": "over ", ">=": "at least ", "<": "under ", "<=": "at most ", "~": "about "}


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """'1 claim', '3 claims'."""
    return f"{n} {word if n == 1 else (plural_form or word + 's')}"


def listing(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# the book's own pages' words, in a file of their own (size limit); imported last, they may use the names above
from analysis.words.database import *  # noqa: E402,F401,F403
from analysis.words.exports import *  # noqa: E402,F401,F403
from analysis.words.pages import *  # noqa: E402,F401,F403
