"""The reviewed mojibake repairs (``data/source/repairs.csv``) and their proofs.

A stretch of the capture was encoded as GB18030 and decoded one byte out of step.
``reproduce_damage`` models that decoder; a repair is *proved* when its reading, damaged
that way, gives back the damaged run exactly; a *conjecture* when no character survived.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from analysis.base import csvio, paths, schema
from analysis.base.numbers import is_digits
from analysis.source.capture import PINYIN_FRAGMENT, SourceError

# --- mojibake repairs -------------------------------------------------------------------
#: proved: the round trip reproduces the damaged run, lost-byte marks included;
#: conjecture: no character of the run survived, so nothing can prove it (the note says why the reading was chosen)
PROOFS = ("proved", "conjecture")


@dataclass(frozen=True)
class Repair:
    repair_id: str
    paragraph: str
    damaged: str
    repaired: str
    occurrences: int
    digits_lost: bool
    note: str
    proof: str = "proved"


def load_repairs(path: Path | None = None) -> list[Repair]:
    """Read the reviewed repairs, naming file, row and field on any malformed value."""
    path = paths.REPAIRS if path is None else path
    repairs = []
    for row_number, row in enumerate(csvio.read_dicts(path, schema.columns("source/repairs.csv")), start=2):
        where = f"{path}, row {row_number}"
        for field in ("repair_id", "paragraph", "damaged", "repaired"):
            if not row[field]:
                raise SourceError(f"{where}, field {field}: empty")
        if not is_digits(row["occurrences"]) or int(row["occurrences"]) < 1:
            raise SourceError(f"{where}, field occurrences: {row['occurrences']!r} is not a positive integer")
        if row["digits_lost"] not in ("yes", "no"):
            raise SourceError(f"{where}, field digits_lost: {row['digits_lost']!r} is not yes/no")
        if row["proof"] not in PROOFS:
            raise SourceError(f"{where}, field proof: {row['proof']!r} is not one of {', '.join(PROOFS)}")
        repairs.append(
            Repair(
                row["repair_id"],
                row["paragraph"],
                row["damaged"],
                row["repaired"],
                int(row["occurrences"]),
                row["digits_lost"] == "yes",
                row["note"],
                row["proof"],
            )
        )
    return repairs


def shift_decode(text: str) -> str:
    """The capture's damage, reproduced: GB18030 bytes read one byte out of step."""
    return text.encode("gb18030")[1:].decode("gb18030", errors="replace")


#: Characters in a damaged run that stand for lost bytes. (Private-use
#: characters are real GB18030 decodings and must come back like any other.)
_LOST = re.compile(r"[?\ufffd]+")


def capture_decode(data: bytes) -> str:
    """GB18030 decoding as the capture's site did it: an invalid sequence costs two bytes and leaves one ``?``.

    (Python's decoder replaces one byte at a time; the site's swallowed the
    lead byte and the byte after it, which is how ``，2025`` shifted lost its
    ``2``.)
    """
    out, i, n = [], 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if 0x81 <= b <= 0xFE and i + 1 < n:
            for width in (2, 4):
                try:
                    out.append(data[i : i + width].decode("gb18030"))
                    i += width
                    break
                except UnicodeDecodeError:
                    continue
            else:
                out.append("?")
                i += 2
            continue
        out.append("?")
        i += 1
    return "".join(out)


def reproduce_damage(repaired: str) -> str:
    """What the capture shows for ``repaired``: its first byte lost (a ``?``), the rest decoded out of step."""
    return unicodedata.normalize("NFKC", "?" + capture_decode(repaired.encode("gb18030")[1:]))


def repair_round_trips(damaged: str, repaired: str) -> bool:
    """Does ``repaired``, damaged the capture's way, give ``damaged`` back exactly, lost-byte marks included?

    Pinyin fragments inside the run are the annotator's leftovers and are
    ignored; a U+FFFD counts as a ``?``. Every other character must come back,
    in order, and each lost-byte mark must stand for exactly the bytes the
    capture's decoder loses (see ``capture_decode``).
    """
    observed = PINYIN_FRAGMENT.sub("", damaged).replace("\ufffd", "?")
    return reproduce_damage(repaired) == observed


def repair_proof(damaged: str, repaired: str) -> tuple[str, str]:
    """("proved" | "conjecture" | "fails", why): what the round trip can say about a repair."""
    if surviving_characters(damaged) == 0:
        return "conjecture", "no character of the damaged run survived: the round trip cannot tell readings apart"
    if repair_round_trips(damaged, repaired):
        return "proved", ""
    return "fails", (
        f"{repaired!r} damaged the capture's way gives {reproduce_damage(repaired)!r}, "
        f"not {PINYIN_FRAGMENT.sub('', damaged)!r}"
    )


def surviving_characters(damaged: str) -> int:
    """How many characters of a damaged run survived (the evidence a round trip checks)."""
    return len(_LOST.sub("", PINYIN_FRAGMENT.sub("", damaged)))


def apply_repairs(key: str, text: str, repairs: list[Repair]) -> str:
    for rep in repairs:
        if rep.paragraph != key:
            continue
        count = text.count(rep.damaged)
        if count != rep.occurrences:
            raise SourceError(
                f"{paths.REPAIRS}, repair {rep.repair_id}, field damaged: found {count} times in "
                f"paragraph {key}, expected {rep.occurrences}"
            )
        text = text.replace(rep.damaged, rep.repaired)
    return text


#: What mojibake leaves that clean text of this report never contains.
MOJIBAKE_MARKS = re.compile(r"[?\ufffd\ue000-\uf8ff\u3040-\u30ff]")
