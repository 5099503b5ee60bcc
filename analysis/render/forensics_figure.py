"""The forensic page's one figure: last digits of the report and the control side by side, and the retelling signs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.forensics import digits
from analysis.render.figures import _theme


def digits_and_signs(
    report: digits.DigitTest,
    control: digits.DigitTest,
    passages: pd.DataFrame,
    restated: pd.DataFrame,
    w: dict,
    expected=None,
):
    """Left: share of numbers by last digit, report and control as bars, the Benford expectation at the report's
    positions as a line. Right: changed numbers larger or smaller when said again, per source."""
    _theme()
    import matplotlib.pyplot as plt

    fig, (ax, bx) = plt.subplots(1, 2, figsize=(11, 4), gridspec_kw={"width_ratios": [3, 2]})
    x = np.arange(10)
    rep = np.array(report.counts) / max(report.n, 1)
    ctl = np.array(control.counts) / max(control.n, 1)
    ax.bar(x - 0.2, rep, 0.4, color="#c0620b", label=f"{w['report']} (n={report.n})")
    ax.bar(x + 0.2, ctl, 0.4, color="#1a5fb4", hatch="//", edgecolor="white", label=f"{w['control']} (n={control.n})")
    expected = np.full(10, 0.1) if expected is None else np.asarray(expected)
    ax.plot(x, expected, color="black", marker="_", ms=22, mew=2, ls="none", label=w["expected"])
    ax.set_xticks(x)
    ax.set_xlabel(w["digits_x"], fontsize=10)
    ax.set_ylabel(w["digits_y"], fontsize=10)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_title(w["digits_title"], fontsize=11)
    ax.legend(frameon=False, fontsize=9)
    names, larger, smaller = [], [], []
    for name, frame in ((w["passages"], passages), (w["restated"], restated)):
        names.append(name.replace(" across", "\nacross"))
        larger.append(int((frame["direction"] > 0).sum()))
        smaller.append(int((frame["direction"] < 0).sum()))
    bx.barh(names, larger, color="#c0620b", label=w["larger"])
    bx.barh(names, smaller, left=larger, color="#1a5fb4", hatch="//", edgecolor="white", label=w["smaller"])
    for i, (lg, sm) in enumerate(zip(larger, smaller)):
        bx.text(lg + sm + 1, i, f"{lg} / {sm}", va="center", fontsize=10)
    bx.invert_yaxis()
    bx.set_xlim(0, max(a + b for a, b in zip(larger, smaller)) * 1.3 + 1)
    bx.set_xlabel(w["signs_x"], fontsize=10)
    bx.set_title(w["signs_title"], fontsize=11)
    bx.legend(frameon=False, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    fig.tight_layout()
    return fig
