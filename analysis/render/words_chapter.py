"""Sentences for readers, built from counts (plurals, listings) and the Markdown they are shown as."""

from __future__ import annotations


# --- the chapter page as a fact-check (annotated text, cards, written summary) ---------------------------
class Markdown(str):
    """Markdown text a notebook displays as rendered Markdown (myst-nb parses text/markdown outputs)."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


STATUS_PHRASES = {
    "contradicted": "{n} contradicted",
    "two values": "{n} with two values for one fact",
    "changed over time": "{n} changed over time",
    "edge of rounding": "{n} holding only at the edge of rounding",
    "consistent": "{n} consistent",
}
