"""Stage 3, facts: which claims state the same fact, how their values read, candidate pairs, and the passages
the report retells."""

from analysis.facts.files import *  # noqa: F401,F403
from analysis.facts.readings import *  # noqa: F401,F403
