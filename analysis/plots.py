"""Figure builders: return matplotlib Figures, never save or show. seaborn is imported here only."""
from __future__ import annotations

import pandas as pd

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
SEVERITY_COLOURS = {"high": "#c0392b", "medium": "#e67e22", "low": "#e0a800", "info": "#7f8c8d"}
#: claim statuses (finding.STATUS_ORDER), most serious first; hatches make them tellable apart without colour
TRUST_COLOURS = {"contradicted": "#c0392b", "two values": "#e67e22", "changed over time": "#e0c000",
                 "edge of rounding": "#8fbc8f", "consistent": "#2e7d32", "not checkable": "#b0b0b0"}
TRUST_HATCHES = {"contradicted": "xx", "two values": "//", "changed over time": "..", "edge of rounding": "--",
                 "consistent": "", "not checkable": ""}


def _theme():
    import seaborn as sns

    # sns.set_theme resets font.sans-serif, so the CJK font goes in through rc
    sns.set_theme(style="whitegrid", rc={"font.sans-serif": CJK_FONTS, "axes.unicode_minus": False})
    return sns


def trust_by_paragraph(table: pd.DataFrame, title: str, ylabel: str = "paragraph"):
    """Stacked bars: each paragraph's claims by audit status."""
    _theme()
    import matplotlib.pyplot as plt

    cols = list(TRUST_COLOURS)
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.32 * max(len(table), 3)))
    left = pd.Series(0, index=table.index)
    for col in cols:
        ax.barh(table["paragraph"], table[col], left=left, color=TRUST_COLOURS[col], label=col,
                hatch=TRUST_HATCHES[col], edgecolor="white")
        left = left + table[col]
    ax.invert_yaxis()
    ax.set_xlabel("claims")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.08), frameon=False)
    fig.tight_layout()
    return fig


def findings_by_chapter(register: pd.DataFrame):
    """Findings per chapter (by first paragraph) and severity."""
    sns = _theme()
    import matplotlib.pyplot as plt

    reg = register.assign(chapter=register["paragraphs"].str.split(".").str[0].astype(int))
    fig, ax = plt.subplots(figsize=(9, 4))
    sns.countplot(data=reg, x="chapter", hue="severity", hue_order=["high", "medium", "low", "info"],
                  palette=SEVERITY_COLOURS,
                  order=list(range(1, 11)), ax=ax)
    ax.set_xlabel("report chapter (of the first paragraph involved)")
    ax.set_ylabel("findings")
    ax.set_title("Findings by chapter and severity / 各章发现")
    fig.tight_layout()
    return fig


MODEL_COLOURS = {"linear": "#1f77b4", "log_linear": "#ff7f0e", "damped_ets": "#9467bd", "drift": "#2ca02c",
                 "cagr": "#7f7f7f"}


def _draw_forecast(ax, fig_data: dict) -> None:
    """Official history, each model's forecast (solid: back-tests acceptably; dotted: left out), the 80 % and 95 %
    spread of the acceptable models (what the verdicts use), the report's points."""
    sns = _theme()
    series, history, report = fig_data["series"], fig_data["history"], fig_data["report"]
    sns.lineplot(data=history, x="year", y="value", marker="o", color="black", label="official / 官方", ax=ax)
    for run in fig_data["runs"]:
        if run.path.empty:
            continue
        # the forecast line starts at the last official point so the eye follows it
        path = pd.concat([pd.DataFrame({"year": [series.last_year], "mean": [series.values[-1]]}), run.path])
        kept = run.acceptable or run.model == "cagr"
        ax.plot(path["year"], path["mean"], color=MODEL_COLOURS.get(run.model, "#333333"),
                linestyle="-" if run.acceptable else "--" if kept else ":", linewidth=1.6 if kept else 1.0,
                label=run.model if kept else f"{run.model} (left out)")
    spread = fig_data["envelope"]
    if not spread.empty:
        # the band opens from the last official point (no uncertainty there), so a one-year horizon still shows
        band = pd.concat([pd.DataFrame({"year": [series.last_year], **{k: [series.values[-1]] for k in
                                        ("lo80", "hi80", "lo95", "hi95")}}), spread])
        ax.fill_between(band["year"], band["lo95"], band["hi95"], color="#7f7f7f", alpha=0.15,
                        label="95% (all acceptable models)")
        ax.fill_between(band["year"], band["lo80"], band["hi80"], color="#7f7f7f", alpha=0.25,
                        label="80% (all acceptable models)")
    if not report.empty:
        markers = {">": "^", ">=": "^", "<": "v", "<=": "v"}
        for rec in report.to_dict("records"):
            ax.scatter([rec["year"]], [rec["value"]], s=90, color="#c0392b", marker=markers.get(rec["bound"], "D"),
                       zorder=5, label=None)
            ax.annotate(rec["label"], (rec["year"], rec["value"]), xytext=(6, 6), textcoords="offset points",
                        fontsize=9, color="#c0392b")
        ax.scatter([], [], color="#c0392b", marker="D", label="report / 报告")
    ax.set_xlabel("year")
    ax.set_ylabel(series.unit)
    ax.set_title(f"{series.label_zh} / {series.label_en}")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", fontsize=8, frameon=False)


def forecast_grid(panels: list[dict]):
    """One panel per series (two per row when there are several), from ``forecast.figure_data``."""
    _theme()
    import matplotlib.pyplot as plt

    cols = 1 if len(panels) == 1 else 2
    rows = -(-len(panels) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(9 if cols == 1 else 12, 4.4 * rows), squeeze=False)
    for ax, panel in zip(axes.flat, panels):
        _draw_forecast(ax, panel)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def restated_pairs(pairs: pd.DataFrame, chapter: int):
    """Dumbbells: each fact as this chapter states it and as another paragraph restates it."""
    _theme()
    import matplotlib.pyplot as plt

    # a ratio of two values means something only in one unit (1/5 against 降低60% is in the table, not here)
    if "there_unit" in pairs:
        pairs = pairs[pairs["unit"] == pairs["there_unit"]]
    pairs = pairs.reset_index(drop=True)
    if pairs.empty:  # a chapter whose facts all agree where restated still gets its (empty) figure
        fig, ax = plt.subplots(figsize=(10, 1.4))
        ax.axis("off")
        ax.text(0.5, 0.5, f"No fact of chapter {chapter} is restated elsewhere with another value.",
                ha="center", va="center")
        return fig
    # values of different units share one axis as a percentage of this chapter's value
    rel = pairs["there_value"] / pairs["here_value"] * 100
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.42 * len(pairs)))
    labels = []
    for i, row in pairs.iterrows():
        colour = SEVERITY_COLOURS[row["severity"]] if row["verdict"] not in ("consistent", "edge") else TRUST_COLOURS["consistent"]
        ax.plot([100, rel[i]], [i, i], color=colour, linewidth=2)
        ax.scatter([100], [i], color="black", zorder=3)
        ax.scatter([rel[i]], [i], color=colour, zorder=3, marker="D")
        ax.annotate(f"{row['here_value']:g}{row['unit']} ({row['here_period']})", (100, i), xytext=(-6, 5),
                    textcoords="offset points", ha="right", fontsize=8)
        ax.annotate(f"{row['there_value']:g}{row['unit']} ({row['there_claim']}, {row['there_period']})", (rel[i], i),
                    xytext=(6, 5), textcoords="offset points", fontsize=8, color=colour)
        labels.append(f"{row['fact']} ({row['here_claim']})")
    ax.set_yticks(range(len(pairs)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(100, color="black", linewidth=0.8)
    ax.set_xlabel(f"restated value as % of chapter {chapter}'s value (black dot = 100)")
    ax.set_title(f"Chapter {chapter}: facts restated elsewhere with another value / 第{chapter}章 前后不一的数字")
    lo, hi = min(rel.min(), 100), max(rel.max(), 100)
    pad = (hi - lo) * 0.35 + 10
    ax.set_xlim(lo - pad, hi + pad)
    fig.tight_layout()
    return fig


def severity_by_chapter(table: pd.DataFrame):
    """Grouped bars from overview.severity_by_chapter (chapter x high/medium/low)."""
    sns = _theme()
    import matplotlib.pyplot as plt

    long = table.melt(id_vars="chapter", value_vars=["high", "medium", "low"], var_name="severity", value_name="findings")
    fig, ax = plt.subplots(figsize=(9, 4))
    sns.barplot(data=long, x="chapter", y="findings", hue="severity", palette=SEVERITY_COLOURS, ax=ax)
    ax.set_xlabel("report chapter / 章")
    ax.set_ylabel("findings")
    ax.set_title("Findings by chapter and severity / 各章发现")
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
    sns.histplot(data=toc, x="chapter", hue="status", hue_order=list(STATUS_COLOURS), palette=STATUS_COLOURS,
                 multiple="stack", discrete=True, shrink=0.8, ax=ax)
    ax.set_xticks(range(1, 11))
    ax.set_xlabel("report chapter / 章")
    ax.set_ylabel("paragraph slots in the table of contents")
    ax.set_title("What the table of contents promises and what the capture holds / 目录与现存内容")
    fig.tight_layout()
    return fig
