"""Executable audit of 2026年电子商务平台运营模式创新报告.

Pure functions over the curated files in ``data/``; no I/O at import.
Modules: ``source`` (capture -> paragraphs), ``numbers`` (number formats),
``ledger`` (claims and vocabularies, validated), ``intervals`` (rounding-aware
comparison), ``recompute`` and ``findings`` (the audit), ``forecast``
(statsmodels, imported only when asked), ``plots`` (seaborn figures).
"""
__version__ = "0.1.0"
