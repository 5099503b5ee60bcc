"""The capture: read it, check its sha256, and clean what the site glued onto the text.

``load_raw`` refuses any copy whose bytes differ from the audited one; ``strip_pinyin``
drops the ``(bào)``-style annotations and keeps real parentheses; ``to_simplified`` is
OpenCC's ``t2s`` (characters only, no vocabulary swaps).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from analysis.base import paths, schema
from analysis.base.errors import DataError


class SourceError(DataError):
    """A problem with the source or its curated repairs; the message names the file."""


# --- pinyin -----------------------------------------------------------------
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*"
#: A pinyin annotation: a single toned syllable in ASCII parentheses. Real
#: parentheses in the report hold digits, capitals or Chinese, e.g. ``(1)``,
#: ``(CNNIC)``, ``(C2M)``, ``(1995-2010年出生)``, and never a toned syllable.
PINYIN_ANNOTATION = re.compile(rf"\({_PINYIN_SYLLABLE}\)")
#: What a pinyin annotation leaves behind inside a mojibake run, where the
#: opening parenthesis was swallowed with a lost byte (``?jī)``).
PINYIN_FRAGMENT = re.compile(rf"\(?{_PINYIN_SYLLABLE}\)")
_PINYIN_OPTIONAL = rf"(?:\({_PINYIN_SYLLABLE}\))?"


def strip_pinyin(text: str) -> str:
    """Remove the pinyin annotations glued after characters: ``報(bào)告`` -> ``報告``."""
    return PINYIN_ANNOTATION.sub("", text)


def _tolerant(literal: str) -> str:
    """A regex matching ``literal`` with an optional pinyin annotation after each character."""
    return "".join(re.escape(ch) + (_PINYIN_OPTIONAL if ord(ch) > 0x2E7F else "") for ch in literal)


# --- loading ------------------------------------------------------------------
#: the capture's resource in data/datapackage.json, whose hash is the audited copy's sha256
RAW_REPORT = "source/report.raw.txt"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_raw(path: Path | None = None, expected_sha256: str | None = None) -> str:
    """Read the capture, refusing any copy whose bytes differ from the audited one (the descriptor's hash)."""
    path = paths.RAW_REPORT if path is None else path
    expected_sha256 = schema.expected_sha256(RAW_REPORT) if expected_sha256 is None else expected_sha256
    if not path.is_file():
        raise SourceError(f"{path}: file not found (copy shared/source/report.raw.txt there)")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise SourceError(
            f"{path}: sha256 mismatch: expected {expected_sha256}, got {actual}. "
            "This is not the capture the audit was curated against; restore the original file."
        )
    return path.read_text(encoding="utf-8")


# --- conversion ------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only regeneration and tests need it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)
