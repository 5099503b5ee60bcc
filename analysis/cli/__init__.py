"""Stage 10: ``python -m analysis ...``, thin commands over the stages below."""
