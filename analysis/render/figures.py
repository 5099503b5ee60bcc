"""Figure builders: return matplotlib Figures, never save or show. seaborn is imported here only."""

from __future__ import annotations

import textwrap

import pandas as pd

from analysis.words import FIGURE_WORDS, MODEL_NAMES, SEVERITIES, SEVERITY_WORDS, STATUS_WORDS, VERDICT_WORDS

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
SEVERITY_COLOURS = {"high": "#c0392b", "medium": "#e67e22", "low": "#e0a800", "info": "#7f8c8d"}
#: the legend of a figure by severity shows each severity in words, in its colour
_SEVERITY_PALETTE = {SEVERITY_WORDS[s]: colour for s, colour in SEVERITY_COLOURS.items()}
#: claim statuses (words.STATUS_WORDS, keyed here by their words), most serious first; hatches make them tellable
#: apart without colour
_STATUS_STYLE = {
    "contradicted": ("#c0392b", "xx"),
    "two_values": ("#e67e22", "//"),
    "changed_over_time": ("#e0c000", ".."),
    "edge_of_rounding": ("#9db4d6", "--"),
    "consistent": ("#4a6fa5", ""),  # blue, not green: agreeing with itself is not confirmation (green is the record's)
    "not_checkable": ("#b0b0b0", ""),
}
TRUST_COLOURS = {STATUS_WORDS[s]: colour for s, (colour, _) in _STATUS_STYLE.items()}
TRUST_HATCHES = {STATUS_WORDS[s]: hatch for s, (_, hatch) in _STATUS_STYLE.items()}


def _theme():
    import seaborn as sns

    # sns.set_theme resets font.sans-serif, so the CJK font goes in through rc. Figures are SVG with their text
    # kept as text (svg.fonttype none): sharp at any zoom on a phone or a retina screen, searchable, and lighter
    # than a 2x PNG; the reader's browser draws the Chinese labels with its own CJK font
    sns.set_theme(
        style="whitegrid",
        rc={"font.sans-serif": CJK_FONTS, "axes.unicode_minus": False, "svg.fonttype": "none", "svg.hashsalt": "audit"},
    )
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", metadata={"Date": None})  # no build date: the same data, the same bytes
    except ImportError:  # outside a kernel (tests, scripts) figures are objects, never drawn here
        pass
    return sns


def trust_by_paragraph(table: pd.DataFrame, title: str, ylabel: str = "paragraph"):
    """Stacked bars: each paragraph's claims by audit status."""
    _theme()
    import matplotlib.pyplot as plt

    cols = list(TRUST_COLOURS)
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.32 * max(len(table), 3)))
    left = pd.Series(0, index=table.index)
    for col in cols:
        ax.barh(
            table["paragraph"],
            table[col],
            left=left,
            color=TRUST_COLOURS[col],
            label=col,
            hatch=TRUST_HATCHES[col],
            edgecolor="white",
        )
        left = left + table[col]
    ax.invert_yaxis()
    ax.set_xlabel(FIGURE_WORDS["claims"])
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.08), frameon=False)
    fig.tight_layout()
    return fig


def findings_by_chapter(register: pd.DataFrame):
    """Findings per chapter (by first paragraph) and severity."""
    sns = _theme()
    import matplotlib.pyplot as plt

    reg = register.assign(
        chapter=register["paragraphs"].str.split(".").str[0].astype(int),
        severity=register["severity"].map(SEVERITY_WORDS),
    )
    fig, ax = plt.subplots(figsize=(9, 4))
    sns.countplot(
        data=reg,
        x="chapter",
        hue="severity",
        hue_order=[SEVERITY_WORDS[s] for s in SEVERITIES],
        palette=_SEVERITY_PALETTE,
        order=list(range(1, 11)),
        ax=ax,
    )
    ax.set_xlabel("report chapter (of the first paragraph involved)")
    ax.set_ylabel(FIGURE_WORDS["findings"])
    ax.set_title(FIGURE_WORDS["findings_by_first_chapter"])
    fig.tight_layout()
    return fig


MODEL_COLOURS = {
    "linear": "#1f77b4",
    "log_linear": "#ff7f0e",
    "damped_ets": "#9467bd",
    "drift": "#2ca02c",
    "cagr": "#7f7f7f",
}


def _draw_forecast(ax, fig_data: dict) -> None:
    """Official history, each model's forecast (solid: back-tests acceptably; dotted: left out), the 80 % and 95 %
    spread of the acceptable models (what the verdicts use), the report's points."""
    sns = _theme()
    series, history, report = fig_data["series"], fig_data["history"], fig_data["report"]
    sns.lineplot(data=history, x="year", y="value", marker="o", color="black", label=FIGURE_WORDS["official"], ax=ax)
    for run in fig_data["runs"]:
        if run.path.empty:
            continue
        # the forecast line starts at the last official point so the eye follows it
        path = pd.concat([pd.DataFrame({"year": [series.last_year], "mean": [series.values[-1]]}), run.path])
        kept = run.acceptable or run.model == "cagr"
        ax.plot(
            path["year"],
            path["mean"],
            color=MODEL_COLOURS.get(run.model, "#333333"),
            linestyle="-" if run.acceptable else "--" if kept else ":",
            linewidth=1.6 if kept else 1.0,
            label=MODEL_NAMES[run.model] if kept else FIGURE_WORDS["left_out"].format(model=MODEL_NAMES[run.model]),
        )
    spread = fig_data["envelope"]
    if not spread.empty:
        # the band opens from the last official point (no uncertainty there), so a one-year horizon still shows
        band = pd.concat(
            [
                pd.DataFrame(
                    {"year": [series.last_year], **{k: [series.values[-1]] for k in ("lo80", "hi80", "lo95", "hi95")}}
                ),
                spread,
            ]
        )
        for level, alpha in ((95, 0.15), (80, 0.25)):  # the wider band first, the darker one over it
            ax.fill_between(
                band["year"],
                band[f"lo{level}"],
                band[f"hi{level}"],
                color="#7f7f7f",
                alpha=alpha,
                label=FIGURE_WORDS["band"].format(level=level),
            )
    if not report.empty:
        markers = {">": "^", ">=": "^", "<": "v", "<=": "v"}
        for rec in report.to_dict("records"):
            ax.scatter(
                [rec["year"]],
                [rec["value"]],
                s=90,
                color="#c0392b",
                marker=markers.get(rec["bound"], "D"),
                zorder=5,
                label=None,
            )
            # the report's points sit at the right edge (its latest years): the label goes to their left, above,
            # on a white ground so that it never runs off the panel or reads on top of a forecast line
            ax.annotate(
                rec["label"],
                (rec["year"], rec["value"]),
                xytext=(-10, 9),
                textcoords="offset points",
                ha="right",
                fontsize=9,
                color="#c0392b",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
                zorder=6,
            )
        ax.scatter([], [], color="#c0392b", marker="D", label=FIGURE_WORDS["report"])
    ax.set_xlabel(FIGURE_WORDS["year"])
    ax.set_ylabel(series.unit)
    # Chinese on the first line, English wrapped below: a long bilingual title never runs into its neighbour
    ax.set_title(f"{series.label_zh}\n" + "\n".join(textwrap.wrap(series.label_en, 46)), fontsize=10)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.06, y=0.12)  # room above the highest point for its label


def forecast_grid(panels: list[dict]):
    """One panel per series (two per row when there are several), from ``forecast.figure_data``."""
    _theme()
    import matplotlib.pyplot as plt

    cols = 1 if len(panels) == 1 else 2
    rows = -(-len(panels) // cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(9 if cols == 1 else 12, 1.2 + 4.4 * rows), squeeze=False, layout="constrained"
    )
    for ax, panel in zip(axes.flat, panels):
        _draw_forecast(ax, panel)
    for ax in list(axes.flat)[len(panels) :]:
        ax.set_visible(False)
    # one legend for the whole figure, above the panels: the models and bands are the same in every panel, and a
    # legend inside a panel covers its lines
    legend: dict[str, object] = {}
    for ax in axes.flat:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            legend.setdefault(label, handle)
        if ax.get_legend():
            ax.get_legend().remove()
    fig.legend(list(legend.values()), list(legend), loc="outside upper center", ncol=3, fontsize=9, frameon=False)
    return fig


RESTATED_ROWS = {
    "contradiction": f"{VERDICT_WORDS['contradiction']} (same year)",
    "two_values": f"{VERDICT_WORDS['two_values']} (periods unclear)",
    "changed": f"{VERDICT_WORDS['changed']} (other year)",
}


def restated_pairs(pairs: pd.DataFrame, chapter: int):
    """One dot per fact of this chapter restated elsewhere: the other value as a multiple of this chapter's.

    Answers one question, "is the restatement larger or smaller, and by how much?",
    Each dot is labelled with its row number (``number``, from ``chapter_page.differing_pairs``) in the table
    below the figure, which names each fact. Log scale: twice and half are as far from 1x. Only pairs in one
    unit: a ratio of 1/5 against 降低60% is in the table.
    """
    _theme()
    import matplotlib.pyplot as plt

    if "there_unit" in pairs:
        pairs = pairs[(pairs["unit"] == pairs["there_unit"]) & (pairs["here_value"] > 0) & (pairs["there_value"] > 0)]
    pairs = pairs[pairs["verdict"].isin(list(RESTATED_ROWS))].reset_index(drop=True)
    if pairs.empty:  # a chapter whose facts all agree where restated still gets its (empty) figure
        fig, ax = plt.subplots(figsize=(9, 1.4))
        ax.axis("off")
        ax.text(
            0.5,
            0.5,
            f"No fact of chapter {chapter} is restated elsewhere with another value in the same unit.",
            ha="center",
            va="center",
            fontsize=11,
        )
        return fig
    rows = [r for r in RESTATED_ROWS if (pairs["verdict"] == r).any()]
    data = pairs.assign(ratio=pairs["there_value"] / pairs["here_value"], row=pairs["verdict"].map(RESTATED_ROWS))
    colours = {
        RESTATED_ROWS["contradiction"]: TRUST_COLOURS[STATUS_WORDS["contradicted"]],
        RESTATED_ROWS["two_values"]: TRUST_COLOURS[STATUS_WORDS["two_values"]],
        RESTATED_ROWS["changed"]: "#b39b00",
    }
    # as many heights as a row needs (up to 12), so that a dense cluster still spreads out
    depth = {r: min(max(int((data["verdict"] == r).sum()), 3), 12) for r in rows}
    fig, ax = plt.subplots(figsize=(9, 1.4 + sum(0.28 * d + 0.5 for d in depth.values())))
    # each dot carries its row number in the table below the figure; within a row the dots are spread over
    # fixed heights in the order of their value (no random jitter: the same figure on every build), so that
    # neighbours on the scale sit at different heights and their numbers do not overprint
    for i, r in enumerate(rows):
        sub = data[data["verdict"] == r].sort_values("ratio", kind="stable").reset_index(drop=True)
        levels = [-0.36 + 0.72 * k / (depth[r] - 1) for k in range(depth[r])]
        ys = [i + levels[k % len(levels)] for k in range(len(sub))]
        ax.scatter(sub["ratio"], ys, s=55, color=colours[RESTATED_ROWS[r]], alpha=0.85, edgecolor="white", zorder=3)
        if "number" in sub:
            for x, y, n in zip(sub["ratio"], ys, sub["number"]):
                ax.annotate(
                    str(n), (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7.5, color="#222", zorder=4
                )
    ax.set_xscale("log")
    ax.set_yticks(range(len(rows)), [RESTATED_ROWS[r] for r in rows])
    ax.axvline(1, color="black", linewidth=1)
    for i, r in enumerate(rows):
        sub = data[data["verdict"] == r]
        ax.text(
            0.99,
            i - 0.47,
            f"larger elsewhere: {int((sub['ratio'] > 1).sum())} · smaller: {int((sub['ratio'] < 1).sum())}",
            transform=ax.get_yaxis_transform(),
            ha="right",
            va="center",
            fontsize=10,
            color="#333",
        )
    lo, hi = data["ratio"].min(), data["ratio"].max()
    span = max(hi, 1 / lo, 2.0) * 1.3
    ax.set_xlim(1 / span, span)
    ticks = [t for t in (0.1, 0.2, 0.5, 1, 2, 5, 10) if 1 / span <= t <= span]
    ax.set_xticks(ticks, [f"{t:g}×" for t in ticks])
    ax.minorticks_off()
    ax.tick_params(labelsize=10)
    ax.set_ylim(len(rows) - 0.55, -0.72)
    ax.set_ylabel("")
    ax.set_xlabel(f"value stated elsewhere, as a multiple of chapter {chapter}'s (1× = the same)", fontsize=10)
    ax.set_title(
        f"Chapter {chapter}: facts restated elsewhere with another value / 第{chapter}章 前后不一的数字", fontsize=11
    )
    fig.tight_layout()
    return fig


def severity_by_chapter(table: pd.DataFrame):
    """Grouped bars from overview.severity_by_chapter (chapter x high/medium/low)."""
    sns = _theme()
    import matplotlib.pyplot as plt

    long = table.melt(
        id_vars="chapter", value_vars=["high", "medium", "low"], var_name="severity", value_name="findings"
    )
    long["severity"] = long["severity"].map(SEVERITY_WORDS)
    fig, ax = plt.subplots(figsize=(9, 4))
    sns.barplot(data=long, x="chapter", y="findings", hue="severity", palette=_SEVERITY_PALETTE, ax=ax)
    ax.set_xlabel(FIGURE_WORDS["chapter"])
    ax.set_ylabel(FIGURE_WORDS["findings"])
    ax.set_title(FIGURE_WORDS["findings_involving_chapter"])
    fig.tight_layout()
    return fig


def trust_by_chapter(table: pd.DataFrame):
    """Stacked bars: each chapter's claims by audit status."""
    t = table.assign(paragraph=[f"ch. {c} {title}" for c, title in zip(table["chapter"], table["title"])])
    return trust_by_paragraph(t, "Claims by audit status, per chapter / 各章数字核查状态", ylabel="chapter")


STATUS_COLOURS = {"present": "#4c9a2a", "truncated": "#e0a800", "missing": "#b0b0b0"}


def toc_coverage(toc: pd.DataFrame):
    """Paragraph slots the table of contents promises, per chapter, by what the capture holds."""
    sns = _theme()
    import matplotlib.pyplot as plt

    toc = toc.assign(chapter=toc["chapter"].astype(int))
    fig, ax = plt.subplots(figsize=(9, 3.8))
    sns.histplot(
        data=toc,
        x="chapter",
        hue="status",
        hue_order=list(STATUS_COLOURS),
        palette=STATUS_COLOURS,
        multiple="stack",
        discrete=True,
        shrink=0.8,
        ax=ax,
    )
    ax.set_xticks(range(1, 11))
    ax.set_xlabel(FIGURE_WORDS["chapter"])
    ax.set_ylabel("paragraph slots in the table of contents")
    ax.set_title("What the table of contents promises and what the capture holds / 目录与现存内容")
    fig.tight_layout()
    return fig


def retold_direction(table: pd.DataFrame):
    """Horizontal stacked bars from overview.retold_direction: per chapter pair, numbers larger / smaller when retold."""
    _theme()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.5 * len(table)))
    ax.barh(table["chapters"], table["larger in the retelling"], color="#c0620b", label="larger in the retelling")
    ax.barh(
        table["chapters"],
        table["smaller in the retelling"],
        left=table["larger in the retelling"],
        color="#1a5fb4",
        hatch="//",
        edgecolor="white",
        label="smaller in the retelling",
    )
    for i, (lg, n) in enumerate(zip(table["larger in the retelling"], table["changed"])):
        ax.text(n + 0.3, i, f"{lg} of {n} larger", va="center", fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, table["changed"].max() * 1.25 + 1)
    ax.set_xlabel("numbers that change when a passage is retold", fontsize=10)
    ax.set_title("Retold passages: is the retelling's number larger? / 复述段落中的数字变化", fontsize=11)
    ax.legend(loc="lower right", frameon=False, fontsize=10)
    ax.tick_params(labelsize=10)
    fig.tight_layout()
    return fig
