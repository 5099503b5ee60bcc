"""Executable audit of 2026年电子商务平台运营模式创新报告.

Pure functions over the curated files in ``data/``; no I/O at import. The folders
are the pipeline's stages, in order (see ``analysis/README.md``): ``base``,
``source``, ``ledger``, ``facts``, ``checks``, ``outside``, ``forecast``,
``register``, ``gate``, ``render``, ``cli``.
"""

__version__ = "0.1.0"
