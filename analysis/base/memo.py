"""A disk memo for the book build.

Every page of the book runs in its own kernel, and most pages need the same
validated ledger, findings register and forecasts. Without a memo each kernel
rebuilds them (about 3 s each, 18 pages). With ``ANALYSIS_MEMO_DIR`` set (the
Makefile sets it for ``make book`` only), the first kernel stores each result
under a key that hashes every file of ``data/`` and ``analysis/``, and the
others load it. Any change to the data or the code changes the key, so a
stale result is never read. Without the variable (tests, CLI) nothing is
stored and everything is computed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from analysis.base import paths


def inputs_key() -> str:
    """The hash of every file of the data directory in use (wherever it is: ``ANALYSIS_DATA_DIR`` may point
    outside the checkout) and of ``analysis/``."""
    return _inputs_key(paths.DATA)


@lru_cache(maxsize=4)
def _inputs_key(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for label, root in (("data", data_dir), ("analysis", paths.ROOT / "analysis")):
        for path in paths.data_files(root):
            digest.update(f"{label}/{path.relative_to(root).as_posix()}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def memo(name: str, compute):
    """compute(), or its stored result for the same inputs when ANALYSIS_MEMO_DIR is set."""
    base = os.environ.get("ANALYSIS_MEMO_DIR")
    if not base:
        return compute()
    path = Path(base) / inputs_key() / f"{name}.pkl"
    if path.exists():
        with open(path, "rb") as fh:
            return pickle.load(fh)
    result = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # atomic: a parallel reader never sees half a file
    with open(tmp, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return result
