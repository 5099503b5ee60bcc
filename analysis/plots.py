"""Figure builders: return matplotlib Figures, never save or show. seaborn is imported here only."""
from __future__ import annotations

import pandas as pd

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
TRUST_COLOURS = {"consistent": "#4c9a2a", "drift": "#e0a800", "contradicted": "#c0392b", "unverifiable": "#b0b0b0"}


def _theme():
    import seaborn as sns

    # sns.set_theme resets font.sans-serif, so the CJK font goes in through rc
    sns.set_theme(style="whitegrid", rc={"font.sans-serif": CJK_FONTS, "axes.unicode_minus": False})
    return sns


def trust_by_paragraph(table: pd.DataFrame, title: str):
    """Stacked bars: each paragraph's claims by audit status."""
    _theme()
    import matplotlib.pyplot as plt

    cols = list(TRUST_COLOURS)
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.32 * max(len(table), 3)))
    left = pd.Series(0, index=table.index)
    for col in cols:
        ax.barh(table["paragraph"], table[col], left=left, color=TRUST_COLOURS[col], label=col)
        left = left + table[col]
    ax.invert_yaxis()
    ax.set_xlabel("claims")
    ax.set_ylabel("paragraph")
    ax.set_title(title)
    ax.legend(ncol=4, loc="lower center", bbox_to_anchor=(0.5, 1.08), frameon=False)
    fig.tight_layout()
    return fig


def findings_by_chapter(register: pd.DataFrame):
    """Findings per chapter (by first paragraph) and severity."""
    sns = _theme()
    import matplotlib.pyplot as plt

    reg = register.assign(chapter=register["paragraphs"].str.split(".").str[0].astype(int))
    fig, ax = plt.subplots(figsize=(9, 4))
    sns.countplot(data=reg, x="chapter", hue="severity", hue_order=["high", "medium", "low", "info"],
                  palette={"high": "#c0392b", "medium": "#e67e22", "low": "#e0a800", "info": "#7f8c8d"},
                  order=list(range(1, 11)), ax=ax)
    ax.set_xlabel("report chapter (of the first paragraph involved)")
    ax.set_ylabel("findings")
    ax.set_title("Findings by chapter and severity / 各章发现")
    fig.tight_layout()
    return fig
