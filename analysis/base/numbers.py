"""Every number format of the report, in one place.

A *number token* is a run of ASCII digits with at most one decimal part
(``13.8``, ``2025``, ``5`` in ``5G``). The coverage gate requires each token of
each body paragraph to sit inside a claim span or a non-claim span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Token:
    paragraph: str
    start: int
    end: int
    text: str


def tokenize(paragraph: str, text: str) -> list[Token]:
    return [Token(paragraph, m.start(), m.end(), m.group()) for m in NUMBER_TOKEN.finditer(text)]


def decimals_of(number_text: str) -> int:
    """Printed precision: ``28.6`` -> 1, ``2025`` -> 0."""
    return len(number_text.split(".", 1)[1]) if "." in number_text else 0
