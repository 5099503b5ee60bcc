"""Stage 2, the ledger: every number of the body as a claim or a listed non-claim, validated."""

from analysis.ledger.claims import *  # noqa: F401,F403
from analysis.ledger.coverage import *  # noqa: F401,F403
