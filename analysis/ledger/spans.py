"""The text is the truth: a claim's value and bound are read again from its own span.

The ledger's ``value`` must be a number printed in the span (``claims.py``); here, two more
things the span says:

- **the bound**: the words of the span that bound its number (超过, 突破, 以上, 余, ``+``: more
  than; 不低于, 至少: at least; 以下, 不足, 低于: less than; 以内, 不超过, ``N分钟达``: at most;
  约, 近, 左右: about) or their absence (as stated). A ``bound`` the span has a word against is an
  error, and so is a bound the span has no word for (``=`` → ``>`` on 比例已达25% deletes a
  contradiction), unless the claim's note says why (it names the ``bound``); a range (300-500)
  is read as at least its first number and at most its last;
- **the kind**: a ``target`` (a goal or plan) is worded as one in its sentence (目标, 计划, 预计, 将, 需,
  要求…); a figure re-typed as a target (``share`` → ``target`` on 比例已达25%) would be compared as a
  plan, not a fact, and its contradiction demoted;
- **the kind's quantity**: a share, growth, CAGR or change in points is a ratio (%), a multiple is in
  times, a duration in time, a score in points, and a level, count or price is an amount, never a
  ratio (``share`` → ``level`` on 比例已达25% would be read as an amount); a ``growth`` is worded as a
  change in its clause (增长, 提升, 下降, 缩短, 同比, 较…高…): ``share`` → ``growth`` on 比例已达25%
  would compare a share as a change;
- **the year**: a clause that states a year (2025年, not a base year 较2020年) dates its claim: a claim
  there has a period (emptying one demotes a contradiction to "two values");
- **the gloss**: the English gloss a reader sees prints the claim's number, as written (70%, 9.8) or at
  its scale (980 million for 9.8亿, "one fifth" for 1 /5);
- **the position**: claims that quote one span (从传统的45天缩短至7天, two claims) state its
  numbers in reading order: the claim numbered first takes the first number, so two claims
  cannot swap their values.

The words are the report's Chinese, a lexicon for reading it, not words a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.base import numbers, textsim
from analysis.base.keys import claim_sort_key

#: bound -> the words of a span that state it (longest first where one contains another)
BOUND_WORDS = {
    ">=": re.compile(r"不低于|不少于|至少"),
    ">": re.compile(r"超过|超(?!市)|突破|以上|[0-9][万亿千百]?余|逾|[0-9][万亿千百]?多(?!多)|\+|高于|大于"),
    "<": re.compile(r"以下|不足|不到|(?<!不)低于|少于|小于"),
    "<=": re.compile(r"以内|[0-9][^0-9，,。；;]{0,3}(?<!国)内|不超过|至多|最多|(分钟|小时|天)[^0-9，,。；;]{0,3}达"),
    "~": re.compile(r"约|近|左右|上下"),
}
#: the words of a goal or a plan in a claim's sentence (将 but not 将近: "nearly")
TARGET_WORDS = re.compile(r"目标|预计|预期|计划|力争|有望|规划|将(?![近来])|需(?!求)|要求|必须")
#: the base units (units.csv) a kind's number is in; kinds not listed (target, rank, other) take any
KIND_BASE_UNITS = {
    "share": ("ratio",),
    "growth": ("ratio",),
    "cagr": ("ratio",),
    "change_pp": ("ratio",),
    "ratio": ("ratio",),
    "multiple": ("times",),
    "duration": ("minutes",),
    "score": ("points",),
}
#: kinds that are amounts: never a ratio
AMOUNT_KINDS = ("level", "count", "price")
#: the words of a change in a growth claim's clause (增长, 提升, 下降, 缩短, 同比; 较…高/低: against a baseline)
CHANGE_WORDS = re.compile(
    r"增|提升|提高|上升|回升|上涨|涨|翻|扩大|加快|拉动|下降|降|减|缩|跌|节省|节约|优化|改善|同比|环比|高|低|多|少"
)
#: a year the clause states for its claim (not a base year of a comparison: 较2020年, 比2019年, 自2018年)
CLAUSE_YEAR = re.compile(r"(?<![较比自从])(?<!相比)(?<!相较)(?:19|20)[0-9]{2}(?=年)")
#: a range: two numbers joined by a hyphen or a tilde (3%-5%, 300-500个家庭), not a change 从A至B
RANGE = re.compile(r"[0-9][^0-9\s]{0,3}[-~～—][0-9]")


def stated_bounds(span: str) -> set[str]:
    """The bounds the span's words state ({'='} when it states none; both range ends for a range)."""
    found = {bound for bound, words in BOUND_WORDS.items() if words.search(span)}
    if RANGE.search(span):
        found |= {">=", "<="}
    return found or {"="}


def _bound_problem(row: dict) -> str | None:
    stated = stated_bounds(row["span"])
    if row["bound"] in stated:
        return None
    if stated == {"="}:
        if "bound" in row["note"]:
            return None  # a bound the words leave implicit, and the note says why
        return (
            f"{row['bound']!r}, but the span {row['span']!r} has no bound word (超过, 突破, 以上, 不足, 约, 近…): "
            "the value is as stated ('='), or the note must say why the bound holds"
        )
    words = ", ".join(sorted(stated))
    return f"{row['bound']!r}, but the span {row['span']!r} states {words}"


_SMALL = "zero one two three four five six seven eight nine ten eleven twelve".split()


def gloss_agrees(row: dict) -> bool:
    """Whether the gloss prints the value: as written, as a percentage of a fraction, or at its base scale."""
    if row["value"] in numbers.NUMBER_TOKEN.findall(row["gloss_en"]):
        return True  # printed as the span prints it (the common case, and cheap)
    value = float(row["value"])
    base = float(row["value_base"]) if numbers.is_number(row["value_base"]) else None
    own = 0.5 * 10 ** -numbers.decimals_of(row["value"])
    for number, half, word in numbers.printed_numbers(row["gloss_en"]):
        if abs(number * word - value) <= half * word + own + 1e-9 * max(1.0, value):
            return True
        if base is not None and value and abs(number * word - base) <= (half * word + own * base / value) * 1.000001:
            return True
    words = re.findall(r"[a-z]+", row["gloss_en"].lower())
    return value.is_integer() and value < len(_SMALL) and _SMALL[int(value)] in words


def _start(row: dict, text: str) -> int:
    start = text.find(row["span"])
    for _ in range(int(row["occurrence"]) - 1):
        start = text.find(row["span"], start + 1)
    return max(start, 0)


def _sentence(row: dict, texts: dict[str, str]) -> str:
    text = texts.get(row["paragraph"], "")
    return textsim.sentence_at(textsim.sentences(row["paragraph"], text), _start(row, text)).text


def _clause(row: dict, texts: dict[str, str]) -> str:
    text = texts.get(row["paragraph"], "")
    start = _start(row, text)
    return textsim.around(text, start, start + len(row["span"]), textsim.CLAUSE_STOPS)


def _kind_problem(row: dict, texts: dict[str, str]) -> str | None:
    """Why a claim's kind cannot be what its unit and clause say, or None."""
    kind, base = row["kind"], row.get("base_unit", "")
    if base and kind in KIND_BASE_UNITS and base not in KIND_BASE_UNITS[kind]:
        return f"{kind!r}, but the span's unit {row['unit']} is in {base}: a {kind} is in {' or '.join(KIND_BASE_UNITS[kind])}"
    if base == "ratio" and kind in AMOUNT_KINDS:
        return f"{kind!r}, but the span's unit {row['unit']} is a ratio: a {kind} is an amount (a share or a change?)"
    if kind == "growth" and not CHANGE_WORDS.search(_clause(row, texts)):
        return (
            "'growth', but its clause has no word of a change (增长, 提升, 下降, 缩短, 同比, 较…高…): "
            "the report states a level or a share there"
        )
    return None


def problems(rows: Iterable[tuple[int, dict]], texts: dict[str, str]) -> Iterable[tuple[int, dict, str, str]]:
    """(row number, row, field, message) for each claim whose bound, kind or value its own text contradicts."""
    groups: dict[tuple[str, str, str], list[tuple[int, dict]]] = {}
    for n, row in rows:
        if row["kind"] == "target" and not TARGET_WORDS.search(_sentence(row, texts)):
            yield (
                n,
                row,
                "kind",
                "'target', but its sentence has no word of a goal or plan (目标, 计划, 预计, 将, 需, 要求…): "
                "the report states it as a figure",
            )
        if why := _kind_problem(row, texts):
            yield n, row, "kind", why
        if not row["value"]:
            continue
        if not row["period"]:
            year = CLAUSE_YEAR.search(_clause(row, texts))
            if year:
                yield n, row, "period", f"empty, but the claim's clause states {year.group()}年: the claim's period"
        message = _bound_problem(row)
        if message:
            yield n, row, "bound", message
        if not gloss_agrees(row):
            yield (
                n,
                row,
                "gloss_en",
                f"prints no number that is the value {row['value']} {row['unit']}: gloss and value disagree",
            )
        groups.setdefault((row["paragraph"], row["span"], row["occurrence"]), []).append((n, row))
    for (_, span, _), members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: claim_sort_key(m[1]["claim_id"]))
        printed = [t.text for t in numbers.tokenize("", span)]
        at = -1
        for n, row in members:
            later = [i for i, text in enumerate(printed) if text == row["value"] and i > at]
            if not later:
                order = ", ".join(m[1]["claim_id"] for m in members)
                yield (
                    n,
                    row,
                    "value",
                    f"{row['value']} is not the span's next number: claims {order} share the span {span!r} and "
                    f"state its numbers ({', '.join(printed)}) in reading order (swapped values?)",
                )
                break
            at = later[0]
        if RANGE.search(span):
            for (n, row), want in ((members[0], ">="), (members[-1], "<=")):
                if row["bound"] != want:
                    yield (
                        n,
                        row,
                        "bound",
                        f"{row['bound']!r}: in the range {span!r} the first number is '>=', the last '<='",
                    )
