"""Stage 6, forecasts: official series forecast to 2026 by a family of models, and the report held against them.

``series`` (what is forecast), ``models`` (the family), ``backtest`` (which models
forecast a series acceptably), ``verdicts`` (the report's figures against the family).
No rendering here: the ``forecasts`` command's output is ``render/forecasts.py``.
"""

from analysis.forecast.backtest import *  # noqa: F401,F403
from analysis.forecast.models import *  # noqa: F401,F403
from analysis.forecast.series import *  # noqa: F401,F403
from analysis.forecast.verdicts import *  # noqa: F401,F403
