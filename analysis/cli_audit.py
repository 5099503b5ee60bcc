"""Audit commands: check (data gate), findings, forecasts."""
from __future__ import annotations


def register(sub) -> None:
    pass
