"""Every number format of the report, in one place.

A *number token* is a run of ASCII digits with at most one decimal part
(``13.8``, ``2025``, ``5`` in ``5G``). The coverage gate requires each token of
each body paragraph to sit inside a claim span or a non-claim span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NUMBER_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?")


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
YEAR = re.compile(r"(19|20)[0-9][0-9]")


def is_year(text: str) -> bool:
    return bool(YEAR.fullmatch(text or ""))


def year_of(period: str) -> int | None:
    """The year of a one-year period ('2025'); None for a span ('2020-2025'), a month or no period."""
    return int(period) if is_year(period) else None


# --- numbers in cells: the one rule -----------------------------------------------------------------------
#: a number as every numeric cell of data/ writes it: ASCII digits, an optional minus, decimal part and exponent
#: (``ledger fill-base`` writes ``1.5e+12``; a number so written has one reading). Never a thousands separator,
#: a decimal comma, blanks or full-width digits (a spreadsheet's or an input method's habits: each is rejected
#: with the fix, never read as a number in one place and compared as a string in another); an integer cell
#: (an occurrence, a chapter) takes no decimal part, not even a spreadsheet's trailing .0
NUMBER = r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"
INTEGER = r"-?[0-9]+"
POSITIVE_INTEGER = r"[1-9][0-9]*"
_NUMBER = re.compile(NUMBER)


def is_digits(text: str) -> bool:
    """ASCII digits only (``str.isdigit`` also accepts ２０２５ and ²)."""
    return text.isascii() and text.isdigit()


def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def parse_number(text: str) -> float:
    """The value of a numeric cell in the one form; a ValueError saying how to fix any other."""
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{text!r} is not a number as data/ writes them{number_hint(text)}")
    return float(text)


def number_hint(cell: str) -> str:
    """How to fix a cell a spreadsheet or an input method wrote in another number form ("" if none applies)."""
    body = cell.strip()
    if body != cell and _NUMBER.fullmatch(body):
        return f" (blanks around the number: type {body})"
    folded = unicodedata.normalize("NFKC", body)
    if folded != body and re.fullmatch(r"[-+0-9.,>/ HhEe]+", folded):
        return f" (full-width or other non-ASCII digits: type ASCII digits, {folded})"
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", body):
        return f" (a thousands separator: type {body.replace(',', '')})"
    if re.fullmatch(r"-?[0-9]+,[0-9]{1,2}", body):
        return f" (a decimal comma: type {body.replace(',', '.')})"
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?[eE][-+]?[0-9]+", body):
        return " (E notation, as a spreadsheet shows long numbers: type the number in full)"
    if re.fullmatch(r"-?[0-9]+\.0+", body):
        return f" (a trailing .0, as a spreadsheet writes whole numbers: type {body.split('.')[0]})"
    return ""


# --- numbers as a text prints them (an outside quote, a claim's gloss) ----------------------------------
#: scale words of the quotes (Chinese, Japanese, English), as multiples of one
SCALE_WORDS = {
    "万亿": 1e12,
    "萬億": 1e12,
    "兆": 1e12,
    "亿": 1e8,
    "億": 1e8,
    "百万": 1e6,
    "万": 1e4,
    "萬": 1e4,
    "千": 1e3,
    "trillion": 1e12,
    "billionen": 1e12,  # German: a Billion is 10^12
    "milliarden": 1e9,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "m": 1e6,
}
_QUOTED = re.compile(
    r"([0-9]+(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:[.,][0-9]+)?)\s*"
    r"(万亿|萬億|兆|亿|億|百万|万|萬|千|trillion|billionen|milliarden|tn\b|billion|bn\b|million|m\b)?",
    re.IGNORECASE,
)
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # 萬(wàn)億: a capture's reading aids
_THOUSANDS = re.compile(r"[0-9]+(,[0-9]{3})+(\.[0-9]+)?")
_COMPOSITE = re.compile(r"([0-9]+)兆([0-9]+)億")  # 3兆8773億: 3 x 10^12 + 8773 x 10^8
_ENGLISH = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_ENGLISH_NUMBER = re.compile(r"\b(" + "|".join(_ENGLISH) + r")(?=\s+(?:trillion|billion|million)\b)", re.IGNORECASE)


def printed_numbers(quote: str) -> list[tuple[float, float, float]]:
    """(number, half its last printed digit, scale of the word after it, or 1 when none) for every number a
    quote or a gloss prints: full-width digits folded, pinyin reading aids dropped, 3兆8773億 and "seven
    trillion" read as numbers, a thousands separator (1,309,085) dropped and a decimal comma (6,2%) read."""
    text = quote if unicodedata.is_normalized("NFKC", quote) else unicodedata.normalize("NFKC", quote)
    if "(" in text:
        text = _PINYIN.sub("", text)
    if "兆" in text:
        text = _COMPOSITE.sub(lambda m: f"{int(m.group(1)) * 10000 + int(m.group(2))}億", text)
    if "illion" in text:
        text = _ENGLISH_NUMBER.sub(lambda m: _ENGLISH[m.group(1).lower()], text)
    out = []
    for m in _QUOTED.finditer(text):
        digits = m.group(1)
        if "," in digits:  # a thousands separator (1,309,085), or a decimal comma (6,2%)
            digits = digits.replace(",", "") if _THOUSANDS.fullmatch(digits) else digits.replace(",", ".")
        word = m.group(2) or ""
        half = 0.5 * 10 ** -decimals_of(digits)
        out.append((float(digits), half, SCALE_WORDS.get(word.lower(), SCALE_WORDS.get(word, 1.0))))
    return out
