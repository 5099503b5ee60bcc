"""``source/checksums.csv``: what ``source regenerate`` last wrote and read, so ``check`` can hold the
OpenCC columns to it without running OpenCC.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.base import csvio, paths
from analysis.base.atomic import write_atomic


def _canonical_sha(rows: list[dict]) -> str:
    """sha256 of a table's content (not its bytes: a BOM or CRLF re-save keeps it)."""
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def _recorded_sums(data_dir: Path) -> dict[str, str]:
    """What `source regenerate` records: the content of its outputs and of its inputs besides the capture."""
    sums = {rel: _canonical_sha(csvio.read_dicts(data_dir / rel)) for rel in RECORDED_TABLES}
    sums[PIPELINE_CODE] = _code_sha()
    return sums


#: the tables whose content `source regenerate` records
RECORDED_TABLES = ("source/paragraphs.csv", "source/toc.csv", "source/repairs.csv")
#: the code that turns the capture into the tables: a change to it may change them
PIPELINE_CODE = "analysis/source/"
_PIPELINE_MODULES = ("capture.py", "segment.py", "repairs.py", "tables.py")


def _code_sha() -> str:
    digest = hashlib.sha256()
    for name in _PIPELINE_MODULES:
        digest.update(name.encode() + b"\0" + (paths.ROOT / "analysis" / "source" / name).read_bytes())
    return digest.hexdigest()


def write_checksums(data_dir: Path | None = None) -> Path | None:
    """Record what `source regenerate` wrote and read (called by it, after writing); atomic; None if unchanged."""
    data_dir = Path(data_dir) if data_dir else paths.DATA
    out = data_dir / "source" / "checksums.csv"
    lines = ["file,rows_sha256"] + [f"{rel},{sha}" for rel, sha in _recorded_sums(data_dir).items()]
    text = "\n".join(lines) + "\n"
    if out.exists() and out.read_text(encoding="utf-8") == text:
        return None
    write_atomic(out, text)
    return out
