"""The official series forecast to 2026 (``reference/forecast_series.csv``) and the claims mapped to them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from analysis import ledger
from analysis.base import paths, schema
from analysis.outside import official

HORIZON_END = 2026
PERIOD_PATTERNS = {"annual": re.compile(r"^([0-9]{4})$"), "year_end": re.compile(r"^([0-9]{4})-12$")}


# --- the official series ------------------------------------------------------------------------
@dataclass(frozen=True)
class Series:
    series_id: str
    label_en: str
    label_zh: str
    unit: str  # a unit of data/units.csv, e.g. 万亿元
    note: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    qualities: tuple[str, ...]
    urls: tuple[str, ...]

    @property
    def last_year(self) -> int:
        return self.years[-1]


def load_forecast_map(path=None) -> list[dict]:
    path = paths.FORECAST_MAP if path is None else path
    return ledger.read_rows(path, schema.columns("reference/claim_forecast_map.csv"))


def claim_series_pairs() -> list[tuple[str, str]]:
    """(claim_id, series_id) of every claim held against a series: forecast map, then official map."""
    return [(m["claim_id"], m["series_id"]) for m in load_forecast_map() + official.load_map()]


def _unit_scales() -> dict[str, Fraction]:
    return ledger.exact_unit_scales(ledger.read_table(paths.UNITS, schema.columns("units.csv")))


def load_series(spec_path=None, stats_path=None) -> list[Series]:
    """Each declared series: one value per year (the best-graded row), in its display unit."""
    spec_path = paths.FORECAST_SERIES if spec_path is None else spec_path
    stats_path = paths.OFFICIAL_STATS if stats_path is None else stats_path
    stats = official.load_official(stats_path)
    scales = _unit_scales()
    out = []
    for i, spec in enumerate(ledger.read_rows(spec_path, schema.columns("reference/forecast_series.csv")), start=2):
        where = f"{spec_path}, row {i} ({spec['series_id']})"
        if spec["periods"] not in PERIOD_PATTERNS:
            raise ledger.LedgerError(f"{where}, field periods: unknown {spec['periods']!r}")
        if spec["display_unit"] not in scales:
            raise ledger.LedgerError(
                f"{where}, field display_unit: {spec['display_unit']!r} is not in {paths.UNITS.name}"
            )
        rows = stats[stats["series_id"] == spec["series_id"]]
        if rows.empty:
            raise ledger.LedgerError(f"{where}, field series_id: no rows in {stats_path.name}")
        points = []
        for period in sorted(set(rows["period"])):
            m = PERIOD_PATTERNS[spec["periods"]].match(period)
            best = official.official_row(stats, spec["series_id"], period) if m else None
            if best is None or best["value"].startswith(">"):  # a bound is not a point to fit
                continue
            base_unit, k = official.OFFICIAL_SCALE[best["unit"]]
            value = Fraction(best["value"]) * k / scales[spec["display_unit"]]
            points.append((int(m.group(1)), float(value), best["source_quality"], best["source_url"]))
        points.sort()
        out.append(
            Series(
                spec["series_id"],
                spec["label_en"],
                spec["label_zh"],
                spec["display_unit"],
                spec["note"],
                *(tuple(col) for col in zip(*points)) if points else ((), (), (), ()),
            )
        )
    return out
