"""The book's shared state: the validated ledger and every finding, computed once per kernel
(and shared between kernels through the build's memo, ``base/memo.py``).
"""

from __future__ import annotations

from functools import lru_cache

from analysis import gate
from analysis import register as findings
from analysis.base.memo import memo


def _compute_state():
    data = gate.require_valid().ledger  # bad data stops the page with the gate's message
    return data, findings.build(data, include_consistent=True)


@lru_cache(maxsize=1)
def shared():
    """(the validated ledger, every finding including the consistent ones); bad data raises the gate's DataError."""
    return memo("state", _compute_state)
