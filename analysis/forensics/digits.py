"""A printed number's last digit and precision, the digit laws of measured numbers, and the tests.

*Last digit*: the last digit as printed (``70`` -> 0, ``9.8`` -> 8, ``47.35`` -> 5). A number is
*heaped* when that digit is 0 or 5: a round number at its printed precision.

*Position* of the last digit: counted from the first non-zero digit (``70`` -> 2, ``9.8`` -> 2,
``0.5`` -> 1, ``47.35`` -> 4). A measured quantity printed to n digits has an n-th digit that follows
Benford's law of the n-th digit (Hill 1995): the first digit is never 0 and is 1 in 30% of cases; the
second is 0 in 12.0% and 5 in 9.7% of cases; from the fourth on it is uniform within 0.1%. This is
the expectation "measured figures rounded to the same precision" (the issue's (a)).

*Significant digits*: the printed digits without an integer's trailing zeros (``70`` -> 1, ``23.0`` -> 3,
``47.35`` -> 4): the precision a number claims.

Tests (all deterministic, from ``scipy.stats`` and ``statsmodels``):

- exact binomial test of the heaped count against the expected share (two-sided), effect size Cohen's h;
- chi-square goodness of fit of the ten last-digit counts, only when every expected count is at least 5
  (otherwise ``None``: the binomial test is the exact one), effect size Cohen's w;
- Fisher's exact test of two samples' heaped shares (odds ratio), and the Cochran-Mantel-Haenszel test
  over strata of unit kind and position: the report against the control, matched on both.

A sample is *flagged* when its heaped share exceeds the expected one with p < ``ALPHA``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import numpy as np
from scipy import stats

HEAPED = (0, 5)
#: the significance level of a flag (strict: many numbers, one question)
ALPHA = 0.01
#: chi-square is used only when every expected count reaches this
MIN_EXPECTED = 5
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Form:
    text: str
    last: int  # the last printed digit
    position: int  # its position counted from the first non-zero digit
    significant: int  # significant digits (an integer's trailing zeros not counted)

    @property
    def heaped(self) -> bool:
        return self.last in HEAPED


def form(text: str) -> Form | None:
    """The printed form of a plain decimal number; None for anything else (a range, '>9', zero)."""
    t = str(text).strip()
    if not _NUMBER.fullmatch(t):
        return None
    digits = t.replace(".", "").lstrip("0")
    if not digits:
        return None
    significant = len(digits) if "." in t else max(1, len(digits.rstrip("0")))
    return Form(t, int(t[-1]), len(digits), significant)


@cache
def benford(position: int) -> tuple[float, ...]:
    """P(the digit at ``position`` is d), d = 0..9, for numbers that follow Benford's law."""
    if position == 1:
        return (0.0,) + tuple(math.log10(1 + 1 / d) for d in range(1, 10))
    if position > 5:  # within 0.01% of uniform
        return (0.1,) * 10
    prefixes = np.arange(10 ** (position - 2), 10 ** (position - 1), dtype=np.float64)
    return tuple(float(np.log10(1 + 1 / (10 * prefixes + d)).sum()) for d in range(10))


def expected_digits(forms: list[Form]) -> np.ndarray:
    """The expected last-digit proportions of these numbers, each at its own position (a mixture)."""
    if not forms:
        return np.full(10, 0.1)
    return np.mean([benford(f.position) for f in forms], axis=0)


def nth_digit_rounded(text: str, position: int) -> int:
    """The last digit of a value rounded half up to ``position`` significant digits (38773, 2 -> 9)."""
    d = Decimal(text)
    exponent = d.adjusted() - position + 1
    q = d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    return int(q.scaleb(-exponent)) % 10


def rounded_expected(report: list[Form], control: list[str]) -> np.ndarray:
    """Last-digit proportions of the control's values rounded to each report number's position (a mixture):
    what honest rounding of published figures to the report's precision gives."""
    if not report or not control:
        return np.full(10, np.nan)
    out = np.zeros(10)
    for f in report:
        counts = np.bincount([nth_digit_rounded(v, f.position) for v in control], minlength=10)
        out += counts / counts.sum()
    return out / len(report)


def cohen_h(p: float, p0: float) -> float:
    return 2 * math.asin(math.sqrt(p)) - 2 * math.asin(math.sqrt(p0))


@dataclass(frozen=True)
class DigitTest:
    n: int
    counts: tuple[int, ...]  # numbers by last digit 0..9
    heaped: int
    expected_share: float
    p_binom: float
    chi2: float | None
    df: int | None
    p_chi2: float | None

    @property
    def share(self) -> float:
        return self.heaped / self.n if self.n else float("nan")

    @property
    def h(self) -> float:
        return cohen_h(self.share, self.expected_share) if self.n else float("nan")

    @property
    def w(self) -> float | None:
        return math.sqrt(self.chi2 / self.n) if self.chi2 is not None else None

    @property
    def flagged(self) -> bool:
        return self.n > 0 and self.p_binom < ALPHA and self.share > self.expected_share


def last_digit_test(forms: list[Form], expected: np.ndarray | None = None) -> DigitTest:
    """The last digits of ``forms`` against ``expected`` proportions (default: Benford at each position)."""
    expected = expected_digits(forms) if expected is None else np.asarray(expected, dtype=float)
    counts = np.bincount([f.last for f in forms], minlength=10)
    n = int(counts.sum())
    heaped = int(counts[list(HEAPED)].sum())
    p0 = float(expected[list(HEAPED)].sum())
    if n == 0:
        return DigitTest(0, tuple(counts.tolist()), 0, p0, float("nan"), None, None, None)
    p_binom = float(stats.binomtest(heaped, n, p0).pvalue)
    keep = expected > 0
    f_exp = expected[keep] * n
    chi2 = df = p_chi2 = None
    if (f_exp >= MIN_EXPECTED).all() and counts[~keep].sum() == 0:
        res = stats.chisquare(counts[keep], f_exp)
        chi2, df, p_chi2 = float(res.statistic), int(keep.sum() - 1), float(res.pvalue)
    return DigitTest(n, tuple(int(c) for c in counts), heaped, p0, p_binom, chi2, df, p_chi2)


@dataclass(frozen=True)
class TwoSample:
    report: tuple[int, int]  # (heaped, n)
    control: tuple[int, int]
    odds_ratio: float
    p: float


def fisher(report: list[Form], control: list[Form]) -> TwoSample:
    """Fisher's exact test: is the report's heaped share the control's?"""
    a, n = sum(f.heaped for f in report), len(report)
    c, m = sum(f.heaped for f in control), len(control)
    res = stats.fisher_exact([[a, n - a], [c, m - c]])
    return TwoSample((a, n), (c, m), float(res.statistic), float(res.pvalue))


@dataclass(frozen=True)
class Matched:
    strata: tuple[tuple[str, int, int, int, int], ...]  # (stratum, report heaped, report n, control heaped, n)
    odds_ratio: float
    p: float


def position_bucket(f: Form) -> int:
    """Strata of precision: the last digit at the 1st, the 2nd, or a later position."""
    return min(f.position, 3)


def matched(report: dict[str, list[Form]], control: dict[str, list[Form]]) -> Matched | None:
    """Cochran-Mantel-Haenszel over strata of (unit kind, position): only strata both samples fill, and
    where some number is heaped (a stratum with no variation carries no information)."""
    from statsmodels.stats.contingency_tables import StratifiedTable  # heavy: only here

    rows, tables = [], []
    for kind in sorted(set(report) & set(control)):
        for b in (1, 2, 3):
            r = [f for f in report[kind] if position_bucket(f) == b]
            c = [f for f in control[kind] if position_bucket(f) == b]
            a, cc = sum(f.heaped for f in r), sum(f.heaped for f in c)
            if not r or not c or a + cc in (0, len(r) + len(c)):
                continue
            rows.append((f"{kind}·{b}", a, len(r), cc, len(c)))
            tables.append(np.array([[a, len(r) - a], [cc, len(c) - cc]], dtype=float))
    if not tables:
        return None
    st = StratifiedTable(tables)
    return Matched(tuple(rows), float(st.oddsratio_pooled), float(st.test_null_odds(correction=False).pvalue))


def significant_summary(forms: list[Form]) -> dict:
    """Significant digits: how many numbers have 1, 2, 3, 4 or more, and the median."""
    sig = [min(f.significant, 4) for f in forms]
    counts = {k: sig.count(k) for k in (1, 2, 3, 4)}
    return {"n": len(forms), **counts, "median": float(np.median([f.significant for f in forms])) if forms else None}


def precision_test(report: list[Form], control: list[Form]) -> float:
    """Mann-Whitney U (two-sided) of significant digits, report against control."""
    return float(stats.mannwhitneyu([f.significant for f in report], [f.significant for f in control]).pvalue)
