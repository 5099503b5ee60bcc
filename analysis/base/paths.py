"""Repo-rooted paths: the only module that knows the file layout.

Every path is resolved from this file's location, never from the working
directory, so notebooks (run from ``book/``), the CLI and the tests agree.

The data paths are bound at call time: ``paths.CLAIMS`` is looked up when it is
read, so ``ANALYSIS_DATA_DIR=/path/to/copy`` (or a test that sets it) points every
command at another copy of ``data/`` (the fault-injection tests, the mini report).
Functions take ``path=None`` and resolve it when called, never at import.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BOOK = ROOT / "book"

#: each data file, relative to the data directory
_DATA_FILES = {
    "SOURCE_DIR": "source",
    "RAW_REPORT": "source/report.raw.txt",
    "REPAIRS": "source/repairs.csv",
    "PARAGRAPHS": "source/paragraphs.csv",
    "TOC": "source/toc.csv",
    "CHAPTERS": "chapters.csv",
    "CLAIMS": "claims.csv",
    "NON_CLAIMS": "non_claims.csv",
    "ENTITIES": "entities.csv",
    "METRICS": "metrics.csv",
    "UNITS": "units.csv",
    "RELATIONS": "relations.csv",
    "FACTS": "facts.csv",
    "PAIR_DECISIONS": "pair_decisions.csv",
    "REFERENCE_DIR": "reference",
    "OFFICIAL_STATS": "reference/official_stats.csv",
    "OUTSIDE_SOURCES": "reference/outside_sources.csv",
    "OUTSIDE_CHECKS": "outside_checks.csv",
    "TRAJECTORY_LINKS": "trajectory_links.csv",
    "OFFICIAL_MAP": "reference/claim_official_map.csv",
    "FORECAST_SERIES": "reference/forecast_series.csv",
    "FORECAST_MAP": "reference/claim_forecast_map.csv",
    "SERIES": "reference/series.csv",
    "RELEASES": "releases/findings.csv",
}


def data_dir() -> Path:
    """The data directory: ``ANALYSIS_DATA_DIR`` when set, else the repository's ``data/``, read now."""
    override = os.environ.get("ANALYSIS_DATA_DIR")
    return Path(override).resolve() if override else ROOT / "data"


def is_ignored(rel: str) -> bool:
    """Files under data/ that are nobody's data: hidden files (``.DS_Store``, LibreOffice's ``.~lock.x.csv#``,
    the atomic writer's ``.x.csv.<pid>.tmp``), Excel's lock files (``~$x.csv``) and Python caches."""
    return any(part.startswith((".", "~$")) or part == "__pycache__" for part in Path(rel).parts)


def data_files(data_dir: Path) -> list[Path]:
    """Every file of ``data_dir`` but the ignored ones, sorted (a file that vanishes while listed is left out)."""
    out = []
    for path in sorted(Path(data_dir).rglob("*")):
        if not is_ignored(path.relative_to(data_dir).as_posix()):
            try:
                if path.is_file():
                    out.append(path)
            except OSError:
                continue
    return out


def __getattr__(name: str) -> Path:
    """``paths.DATA``, ``paths.CLAIMS``, ...: resolved against ``data_dir()`` each time they are read."""
    if name == "DATA":
        return data_dir()
    if name in _DATA_FILES:
        return data_dir() / _DATA_FILES[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
