"""The words of the book's own pages (platform pages, the forensic page): part of ``analysis.words``, which
re-exports them, kept in a file of their own so that neither file outgrows the module size limit."""

from __future__ import annotations

# --- platform pages (render/platform_page.py) ----------------------------------------------------------------
#: a platform page's table headings, sentences and links; ``{...}`` are filled from the data
PLATFORM_WORDS = {
    # the summary at the top of a platform's page: three sentences
    "claims": "The report states {claims} about {label} in {paragraphs} of {chapters}{members}: {self}.",
    "members": " (with {units})",
    "self": "held against its other statements and its arithmetic, {parts}, and {rest} with nothing to be held against",
    "self_none": "none could be held against another statement of the report or its own arithmetic",
    "outside": "Against the outside record, {checked} could be held against a named source ({outcomes})",
    "outside_none": "No claim about it could be held against an outside source",
    "not_found": "; {claims}: {meaning}",
    "departs": "; what departs: {items}",
    "findings": "It is named in {findings} of the register ({severities}).",
    "findings_none": "It is named in no finding of the register.",
    # table headings
    "col_claim": "claim",
    "col_quote": "原文 · quote",
    "col_gloss": "in English",
    "col_value": "as stated, period",
    "col_self": "the report, of itself",
    "col_outside": "outside record",
    "col_fact": "fact",
    "col_statements": "statements, chapter by chapter",
    "col_check": "check",
    "col_source": "held against",
    "col_note": "what the record shows",
    "col_platform": "platform",
    "col_claims": "claims",
    "col_paragraphs": "paragraphs",
    "col_worst": "contradicted or two values",
    "col_departs": "departs from the record",
    "no_year": "no year",
    "no_outside": "—",
    "card": "card",
    # links between pages
    "part_of": "{label} is part of {parent}.",
    "units_with_pages": "Its units with a page of their own: {links}.",
    "units_here": "Claims about {units} are shown on this page.",
    "finding_platform": "platform: {label}",
    "landing": "Platforms the report discusses at length, a page each: {links}.",
    # the page that lists the platforms
    "index": (
        "A platform has a page when the report states at least {min_claims} claims about it (its own and its "
        "units'; a unit with fewer is shown on its parent's page): more than the {per_paragraph:.1f} claims a "
        "paragraph of the report holds on average. {pages} qualify; each is discussed in at least {min_paragraphs}."
    ),
    "left_out": "Also named, with fewer claims: {items}.",
    "nothing_here": "No platform of this report reaches {min_claims} claims.",
    "empty": "None.",
}


# --- forensics: do these numbers look measured? (analysis/forensics, render/forensics.py) ---
FORENSICS_UNIT_KINDS = {"percent": "percentages", "amount": "amounts of money", "multiple": "multiples (倍)", "count": "counts", "other": "other"}  # fmt: skip
#: why a claim is left out of the digit tests; why an outside row is left out of the control
FORENSICS_LEFT_OUT = {
    "structural": "a structural form (1/5, 3步, 3层): a fraction or a count of steps or tiers fixed by its scheme",
    "target": "a target: a goal is chosen by definition, so its roundness says nothing about measurement",
    "duration": "a duration: minutes, hours and days round on clocks and calendars (30 minutes, 48 hours, 7 days)",
    "price": "a price: set by a seller (399元 and 9.9美元 end in 9 on purpose), not measured",
    "no_value": "no single printed number",
}
FORENSICS_CONTROL_LEFT_OUT = {
    "not_record": "a projection or an analyst's estimate, not the record for its period",
    "doubtful": "read on a page graded doubtful",
    "not_single": "not a single number (a range, a bound such as >9, several figures)",
    "raw_unit": "stored in whole won (1369000000 for 13.69억): its zeros are the conversion's, not the publisher's",
    "repeat": "the same published figure again (another page, or another claim held against it)",
}
FORENSICS_NO_RECORD_WHY = {"decision": "a regulator's or a court's decision", "platform": "a figure of a named platform"}  # fmt: skip
FORENSICS_WORDS = {"report": "the report", "control": "control (published figures)", "all": "all", "p_zero": "< 1e-300", "no_platform": "(no platform)", "passages": "retold passages", "restated": "facts restated across chapters", "larger": "larger when said again", "smaller": "smaller when said again", "expected": "measured figures (Benford, same precision)"}  # fmt: skip
FORENSICS_FIGURE = {"digits_title": "Last digits / 末位数字", "digits_x": "last digit / 末位数字", "digits_y": "share of numbers", "signs_title": "Said again / 复述: larger or smaller?", "signs_x": "changed numbers"}  # fmt: skip
#: the one sentence of the brief (flagged, or not), and its one-line form for the landing page's first screen
FORENSICS_SHORT = "**Measured?** {share} of its numbers end in 0 or 5, against about {expected} for measured figures and {control} for published official ones ([p {p}](forensics.html))."  # fmt: skip
FORENSICS_SENTENCE = {
    True: "**Do these numbers look measured?** {share} of the report's {n} numbers end in 0 or 5, against {expected} "
    "expected of measured figures at the same precision and {control} of {n_control} published figures (binomial p "
    "{p}); retold passages raise {larger} of the {changed} numbers they change (sign test p {p_sign}). Signatures of "
    "numbers chosen rather than measured, not proof about anyone: [the forensic page](forensics.html).",
    False: "**Do these numbers look measured?** {share} of the report's {n} numbers end in 0 or 5, against {expected} "
    "expected of measured figures at the same precision and {control} of {n_control} published figures (binomial p "
    "{p}): no more than measured figures show. [The forensic page](forensics.html).",
}
