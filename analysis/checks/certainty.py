"""How sure a finding is, in words, and a severity that follows it.

Every finding starts ``strong`` and loses one step for each reason to doubt what
it says (the reasons, in words, are ``words.CERTAINTY_REASONS``):

- two statements of one fact whose sentences name the measure in different words
  (a reviewed judgement: ``wording`` = ``differs`` in ``data/pair_decisions.csv``);
- a change over time whose period on one side is read from context or inferred
  from a restatement (``facts.periods``): the change rests on that period;
- a check against the outside record: the figure's strength from where it was
  read and what kind of figure it is (``outside.official.evidence_strength``),
  one step weaker where the report's words leave the base or definition open;
- a forecast: a projection from a model is not the record (at most moderate), and
  weak when the official series ends three years or more before the figure.

Arithmetic on the report's own printed numbers (sums, growth, multiples) is
strong: it needs nothing but the numbers.

The severity then never outruns the certainty (``words.SEVERITY_CAP``): a weak
finding is at most low. This module only reads findings; it imports no check.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.base.numbers import is_digits
from analysis.facts.periods import INFERRED
from analysis.words import CERTAINTY_REASONS, CERTAINTY_WORDS, FIGURE_KIND_WORDS, GRADE_WORDS, SEVERITIES, SEVERITY_CAP

#: a forecast for a year this many years or more after the series' last official value is weak
OLD_SERIES_GAP = 3
#: what a change over time, a contradiction or a pair's agreement rests on
VALUE_VERDICTS = ("contradiction", "two_values", "changed", "edge", "consistent")


def _step(level: str, steps: int) -> str:
    return CERTAINTY_WORDS[min(CERTAINTY_WORDS.index(level) + steps, len(CERTAINTY_WORDS) - 1)]


def restatement_reasons(f, wording_differs: bool) -> list[str]:
    reasons = []
    if wording_differs and f.verdict in VALUE_VERDICTS:
        reasons.append(CERTAINTY_REASONS["wording"])
    if f.verdict == "changed":  # the change rests on the two periods being different
        bases = f.extra.get("period_bases", [])
        if INFERRED in bases:
            reasons.append(CERTAINTY_REASONS["period_inferred"])
        if "context" in bases:
            reasons.append(CERTAINTY_REASONS["period_context"])
    return reasons


def outside_reasons(f) -> tuple[str, list[str]]:
    """(level, reasons) of a check against the official record: the evidence's strength, weaker for an open base."""
    strength = f.extra.get("strength", "strong")
    if strength == "context":
        return "weak", [CERTAINTY_REASONS["outside_kind"].format(kind=FIGURE_KIND_WORDS[f.extra["figure_kind"]])]
    reasons = []
    if f.extra.get("source_quality", "official") != "official":
        reasons.append(CERTAINTY_REASONS["outside_read"].format(grade=GRADE_WORDS[f.extra["source_quality"]]))
    if f.extra.get("figure_kind", "actual") != "actual":
        reasons.append(CERTAINTY_REASONS["outside_kind"].format(kind=FIGURE_KIND_WORDS[f.extra["figure_kind"]]))
    if f.extra.get("adjusted"):
        reasons.append(CERTAINTY_REASONS["adjusted"].format(period=f.extra.get("adjusted_period", "the part year")))
    if f.extra.get("open_base"):
        reasons.append(CERTAINTY_REASONS["outside_open"])  # the strength already carries the step (official._open)
    return strength, reasons


def forecast_reasons(f, year: int | None) -> tuple[str, list[str]]:
    reasons = [CERTAINTY_REASONS["forecast"]]
    fit = f.extra.get("fit_years", "")
    last = int(fit[-4:]) if is_digits(fit[-4:]) else None
    if last is not None and year is not None and year - last >= OLD_SERIES_GAP:
        return "weak", reasons + [CERTAINTY_REASONS["forecast_old"].format(last=last, gap=year - last)]
    return "moderate", reasons


def capped(severity: str, level: str) -> str:
    """The severity a finding keeps at its certainty: the less serious of the two."""
    return SEVERITIES[max(SEVERITIES.index(severity), SEVERITIES.index(SEVERITY_CAP[level]))]


def assess(f, wording_differs: bool = False, year: int | None = None):
    """The finding with its certainty, the reasons for it, and its severity capped by it."""
    if f.check == "restatement":
        reasons = restatement_reasons(f, wording_differs)
        level = _step("strong", len(reasons))
    elif f.check == "official":
        level, reasons = outside_reasons(f)
    elif f.check == "forecast":
        level, reasons = forecast_reasons(f, year)
    else:
        level, reasons = "strong", []
    severity = f.severity if f.severity == "info" else capped(f.severity, level)
    return replace(f, certainty=level, certainty_reasons=reasons, severity=severity)
