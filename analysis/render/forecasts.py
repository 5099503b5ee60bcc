"""The forecasts as the ``forecasts`` command prints them: JSON, CSV or Markdown, deterministic."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd

from analysis import ledger
from analysis.forecast.backtest import (
    ACCEPTABLE_MAPE_FLOOR,
    ACCEPTABLE_MAPE_RATIO,
    MAX_BACKTEST_HORIZON,
    calibration,
    forecast_table,
)
from analysis.forecast.verdicts import VERDICTS, held_against_report
from analysis.words import FORECAST_WORDS


# --- output ---------------------------------------------------------------------------------------------
def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def render(fmt: str, data: ledger.Ledger | None = None) -> str:
    """The forecasts, their calibration and the report held against them, deterministically."""
    forecasts, held, calib = forecast_table(), held_against_report(data), calibration()
    if fmt == "json":
        return (
            json.dumps(
                {
                    "forecasts": _records(forecasts),
                    "calibration": _records(calib),
                    "held_against_report": _records(held),
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if fmt == "csv":
        out = io.StringIO()
        for name, frame in (("forecasts", forecasts), ("calibration", calib), ("held_against_report", held)):
            out.write(f"# {name}\n")
            frame.to_csv(out, index=False, lineterminator="\n")
        return out.getvalue()
    if fmt == "md":
        counts = held["verdict"].value_counts()
        lines = [
            "# Forecasts to 2026",
            "",
            "Official series forecast with a family of models (linear trend, constant growth, damped-trend "
            "ETS, random walk with drift; CAGR for two points), 80% and 95% prediction intervals, each scored "
            f"by a rolling-origin back-test up to {MAX_BACKTEST_HORIZON} years ahead (MAPE). A model back-tests "
            f"acceptably within {ACCEPTABLE_MAPE_RATIO:g} times the best MAPE of its series (or at most "
            f"{ACCEPTABLE_MAPE_FLOOR:g}%).",
            "",
            _markdown(
                forecasts[forecasts["year"].notna()][
                    [
                        "series_id",
                        "model",
                        "fit_years",
                        "year",
                        "mean",
                        "lo95",
                        "hi95",
                        "backtest_points",
                        "backtest_mape",
                        "shared_mape",
                        "acceptable",
                    ]
                ]
            ),
            "",
            "## Calibration of the intervals on held-out official points",
            "",
            _markdown(calib),
            "",
            "## The report held against the forecasts",
            "",
            "A figure is above or below only outside the 95% interval of every acceptable model; lo95 and "
            "hi95 are the spread of those intervals.",
            "",
            ", ".join(f"{counts.get(v, 0)} {FORECAST_WORDS[v]}" for v in VERDICTS) + ".",
            "",
            _markdown(
                held[
                    [
                        "claim_id",
                        "report",
                        "year",
                        "series_id",
                        "models",
                        "forecast",
                        "lo95",
                        "hi95",
                        "verdict",
                        "needed_growth_pct",
                        "official_growth_pct",
                        "basis_claim",
                        "report_implied_growth_pct",
                    ]
                ]
            ),
            "",
        ]
        lines += [f"- **{r['claim_id']}**: {r['explanation']}" for r in held.to_dict("records") if r["explanation"]]
        return "\n".join(lines + [""])
    raise ValueError(f"unknown format {fmt!r}")


def _markdown(frame: pd.DataFrame) -> str:
    """A GitHub table without the optional tabulate dependency."""

    def cell(v):
        v = _clean(v)
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.4g}"
        return str(v).replace("|", "\\|")

    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in rec) + " |" for rec in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])
