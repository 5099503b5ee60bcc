"""Repo-rooted paths: the only module that knows the file layout.

Every path is resolved from this file's location, never from the working
directory, so notebooks (run from ``book/``), the CLI and the tests agree.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ANALYSIS_DATA_DIR points every command at another copy of data/ (the fault-injection
#: tests use it); read once, at import.
DATA = Path(os.environ["ANALYSIS_DATA_DIR"]).resolve() if os.environ.get("ANALYSIS_DATA_DIR") else ROOT / "data"
SOURCE_DIR = DATA / "source"
RAW_REPORT = SOURCE_DIR / "report.raw.txt"
REPAIRS = SOURCE_DIR / "repairs.csv"
PARAGRAPHS = SOURCE_DIR / "paragraphs.csv"
TOC = SOURCE_DIR / "toc.csv"
CLAIMS = DATA / "claims.csv"
NON_CLAIMS = DATA / "non_claims.csv"
ENTITIES = DATA / "entities.csv"
METRICS = DATA / "metrics.csv"
UNITS = DATA / "units.csv"
RELATIONS = DATA / "relations.csv"
FACTS = DATA / "facts.csv"
PAIR_DECISIONS = DATA / "pair_decisions.csv"
REFERENCE_DIR = DATA / "reference"
OFFICIAL_STATS = REFERENCE_DIR / "official_stats.csv"
OUTSIDE_SOURCES = REFERENCE_DIR / "outside_sources.csv"
OUTSIDE_CHECKS = DATA / "outside_checks.csv"
TRAJECTORY_LINKS = DATA / "trajectory_links.csv"
OFFICIAL_MAP = REFERENCE_DIR / "claim_official_map.csv"
FORECAST_SERIES = REFERENCE_DIR / "forecast_series.csv"
FORECAST_MAP = REFERENCE_DIR / "claim_forecast_map.csv"
BOOK = ROOT / "book"

# sha256 of the capture, as published in shared/source/README.md. A copy that
# differs is not the report we audit.
RAW_REPORT_SHA256 = "d5e389098cc43d40f5a96d2e809cf999c2d183bd34373896249a31c3a3e5aa3e"
