"""Stage 3, facts: which claims state the same fact, candidate pairs, and the passages the report retells."""

from analysis.facts.model import *  # noqa: F401,F403
