"""Stage 5: the outside record (official statistics, filings, regulators): values, the official check,
each claim's outside status, and trajectories."""
