"""The primary publication of an outside figure, apart from where it was read.

Every row of ``reference/official_stats.csv`` and ``reference/outside_sources.csv`` names the body that first
published its figure (``primary_issuer``), the publication's title and release date as far as a page read shows
them, and the issuer's own address only when a stored page shows it; ``source_url``/``source_quality`` stay the
page where it was read and its grade, and ``read_on`` the day it was read. The gate's rules for these columns are
in ``outside/rules.py``.
"""

from __future__ import annotations

from analysis import words


def primary_line(row: dict) -> str:
    """'issuer, title, released DATE' for a row of either reference file: a blank issuer or date is left out;
    a blank title says the page read does not show one."""
    parts = [
        row.get("primary_issuer", "").strip(),
        row.get("primary_title", "").strip() or words.NO_PRIMARY_TITLE,
    ]
    if released := row.get("primary_released", "").strip():
        parts.append(words.PRIMARY_RELEASED.format(date=released))
    return words.PRIMARY_SEPARATOR.join(p for p in parts if p)
