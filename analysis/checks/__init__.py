"""Stage 4: the report against itself. ``finding`` is the type every check returns; one module per check."""
