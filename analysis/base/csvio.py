"""The one CSV reader: every curated file under ``data/`` is read here.

Spreadsheet-proof, and strict where strictness protects the audit:

- A UTF-8 byte-order mark is dropped and CRLF line endings read as LF, so a
  file re-saved by a spreadsheet gives the same rows, byte for byte.
- A file that is not UTF-8 (e.g. re-saved as GBK or GB18030) is rejected with
  a message naming it and saying to save it as UTF-8.
- The header must be exactly the expected columns (or, with ``extra_ok``,
  contain them); a header that splits on ``;`` or a tab says so.
- Every row must have as many fields as the header (an unquoted comma in a
  text cell, a row cut short), quotes must balance, and the file must end
  with a newline (a file cut mid-row does not). Each error names the file and
  the line.

Errors are ``CsvError`` (a ``DataError``) carrying one ``Problem`` each.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from analysis.base.errors import DataError, Problem, display_name  # noqa: F401 (csvio.Problem, csvio.display_name)


class CsvError(DataError):
    """A file that cannot be read as the CSV it should be."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem), [problem])
        self.problem = problem


def _line(name: str, line: int | None, field: str, message: str, ident: str = "") -> CsvError:
    return CsvError(Problem(name, line, ident, field, message, unit="line"))


def read_text(path: Path, what: str = "file") -> str:
    """A UTF-8 text file, BOM dropped and CRLF read as LF; a non-UTF-8 file is a CsvError."""
    path = Path(path)
    name = display_name(path)
    if not path.is_file():
        raise _line(name, None, "file", f"{what} not found")
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = ""
        for encoding in ("gb18030", "utf-16"):
            try:
                data.decode(encoding)
                guess = f" (it decodes as {encoding.upper()}: re-saved by a spreadsheet?)"
                break
            except UnicodeDecodeError:
                continue
        raise _line(
            name, line, "encoding", f"not UTF-8 (byte 0x{data[exc.start]:02x}){guess}; save the file as UTF-8"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            line = text[: text.index("\r")].count("\n") + 1
            raise _line(
                name, line, "file", "a bare carriage return (CR) line ending; save with LF or CRLF line endings"
            )
    return text


def _delimiter_hint(header_line: str) -> str:
    for sep, label in ((";", "semicolons"), ("\t", "tabs")):
        if header_line.count(sep) > header_line.count(","):
            return f" (the header is separated by {label}: save as comma-separated CSV)"
    return ""


def header_hint(header: list[str], columns: list[str]) -> str:
    """Why a header differs, when a spreadsheet is the likely cause: a second byte-order mark, a name re-cased
    or padded with blanks."""
    if header and header[0].startswith("\ufeff"):
        return " (the file starts with a second byte-order mark: save it once as UTF-8)"
    plain = {c.strip().casefold(): c for c in columns}
    renamed = [
        f"{h!r} should read {plain[h.strip().casefold()]!r}"
        for h in header
        if h not in columns and h.strip().casefold() in plain
    ]
    return f" ({'; '.join(renamed)}: column names are exact, in case and blanks)" if renamed else ""


def _check_header(name: str, header: list[str], columns: list[str] | None, extra_ok: bool, first_line: str) -> None:
    if len(set(header)) != len(header):
        raise _line(name, 1, "header", f"duplicate column names in {header}")
    if columns is None:
        return
    missing = [c for c in columns if c not in header]
    unexpected = [c for c in header if c not in columns]
    if (extra_ok and not missing) or (not extra_ok and header == columns):
        return
    detail = []
    if missing:
        detail.append(f"missing {missing}")
    if unexpected and not extra_ok:
        detail.append(f"unexpected {unexpected}")
    if not detail:
        detail.append("columns out of order")
    hint = header_hint(header, columns) or _delimiter_hint(first_line)
    raise _line(name, 1, "header", f"columns {header} != expected {columns}: {'; '.join(detail)}" + hint)


def read_rows(path: Path, columns: list[str] | None = None, extra_ok: bool = False) -> tuple[list[str], list[dict]]:
    """(header, rows as dicts of str). ``columns``: the exact header (or, with ``extra_ok``, a subset of it)."""
    path = Path(path)
    name = display_name(path)
    text = read_text(path)
    if not text.strip():
        raise _line(name, None, "file", "empty file (no header)")
    if not text.endswith("\n"):
        raise _line(name, text.count("\n") + 1, "file", "the file ends without a newline: cut off mid-row?")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[dict] = []
    try:
        for fields in reader:
            line = reader.line_num
            if header is None:
                header = fields
                _check_header(name, header, columns, extra_ok, text.split("\n", 1)[0])
                continue
            if not fields:
                raise _line(name, line, "file", "blank line")
            if len(fields) != len(header):
                hint = (
                    " (an unquoted comma in a text cell?)"
                    if len(fields) > len(header)
                    else " (a row cut short, or a quote not closed?)"
                )
                raise _line(
                    name, line, "row", f"{len(fields)} fields, the header has {len(header)}{hint}", ident=fields[0]
                )
            rows.append(dict(zip(header, fields)))
    except csv.Error as exc:
        raise _line(name, reader.line_num, "row", f"malformed CSV ({exc}): unbalanced quotes?") from None
    return header, rows


def read_dicts(path: Path, columns: list[str] | None = None, extra_ok: bool = False) -> list[dict]:
    """Rows of a CSV as dicts of str (see ``read_rows``)."""
    return read_rows(path, columns, extra_ok)[1]


def read_frame(path: Path, columns: list[str] | None = None, extra_ok: bool = False):
    """A CSV as a pandas DataFrame of strings (empty cells are ``""``, never NaN)."""
    import pandas as pd

    header, rows = read_rows(path, columns, extra_ok)
    return (
        pd.DataFrame(rows, columns=header, dtype=str)
        if rows
        else pd.DataFrame({c: pd.Series([], dtype=str) for c in header})
    )


def header_of(path: Path) -> list[str]:
    return read_rows(path)[0]


# --- the one CSV writer for spreadsheets ----------------------------------------------------------------
#: a cell a spreadsheet would run as a formula starts with one of these (OWASP "CSV injection"); tab and carriage
#: return too, which some spreadsheets strip before looking
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_NEGATIVE = re.compile(r"-[0-9]+(?:\.[0-9]+)?")  # ASCII digits only: a full-width digit is text


def _plain_negative(text: str) -> bool:
    """'-3.5' is a number, never a formula: kept as it is so that a spreadsheet reads it as a number."""
    return _NEGATIVE.fullmatch(text) is not None


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text, on one line: a line break (a quote copied from a filing's table) and the
    spaces around it become one space; one starting with = + - @ (a formula) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if "\n" in text or "\r" in text:
        text = _LINE_BREAK.sub(" ", text).strip()
    if text.startswith(FORMULA_STARTS) and not _plain_negative(text):
        return "'" + text
    return text


def spreadsheet_text(header: list[str], rows: list[dict], bom: bool = True) -> str:
    """CSV a spreadsheet opens as written: UTF-8 with a byte-order mark (Excel on Windows reads Chinese without
    mojibake), CRLF line ends as RFC 4180 says, every cell quoted where needed and never a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(row.get(column, "")) for column in header])
    return (BOM if bom else "") + out.getvalue()
