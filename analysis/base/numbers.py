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


# --- years: the one rule --------------------------------------------------------------------------------
#: a year as the report and the outside record write it (1900-2099); a number token of this form is a year
YEAR = re.compile(r"(19|20)\d\d")


def is_year(text: str) -> bool:
    return bool(YEAR.fullmatch(text or ""))


def year_of(period: str) -> int | None:
    """The year of a one-year period ('2025'); None for a span ('2020-2025'), a month or no period."""
    return int(period) if is_year(period) else None
