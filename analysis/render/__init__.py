"""Stage 9: what readers see: pages, cards, tables, figures and the published files."""
