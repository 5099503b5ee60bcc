"""One error type for bad data, so every command answers it the same way.

``DataError`` is raised for anything wrong with the files under ``data/`` (a
missing file, a file that is not UTF-8, a malformed row, a value that fails
validation). ``ledger.LedgerError`` and ``source.SourceError`` subclass it;
``analysis.cli.main`` catches ``DataError``, prints its message and exits
non-zero, so bad data never shows a traceback. Any other exception is a bug
in the code and is allowed to show one.

In a notebook (the book), importing this module registers an IPython handler
that shows a ``DataError`` as its message alone: the cell still fails (and so
does the book build), but the reader sees which file, row and field are wrong
instead of a traceback.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


def display_name(path: Path | str) -> str:
    """``data/claims.csv``-style name: relative to the data directory's parent when it is a data file."""
    parts = Path(path).parts
    if "data" in parts:
        i = len(parts) - 1 - parts[::-1].index("data")
        return "/".join(parts[i:])
    return str(path)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: ``file, row N (id), field F: message`` (the one problem type)."""

    file: str  # e.g. data/claims.csv (a Path is turned into its ``display_name``)
    row: int | None  # row number as the ledger counts it (header = 1, first data row = 2); None: the whole file
    ident: str  # the row's id, when it has one
    field: str  # column name, or "header", "file", "encoding", "row", "(text)"
    message: str
    unit: str = "row"  # "line" for a parse error: a physical line of the file

    def __post_init__(self) -> None:
        if not isinstance(self.file, str):
            object.__setattr__(self, "file", display_name(self.file))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", {self.unit} {self.row}" + (f" ({self.ident})" if self.ident else "")
        return f"{where}, field {self.field}: {self.message}"


class DataError(Exception):
    """Bad data: the message names file, row (or line) and field, one problem per line."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


def _install_notebook_handler() -> None:
    """Show a DataError in IPython as 'error: <message>' with no traceback (the cell still fails)."""
    ipython_module = sys.modules.get("IPython")
    if ipython_module is None:
        return
    shell = ipython_module.get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return

    def show(shell, etype, value, tb, tb_offset=None):
        lines = [f"error: {line}" for line in str(value).splitlines()] or [f"error: {etype.__name__}"]
        shell._showtraceback(etype, value, lines)  # in a kernel: the cell's error output, these lines only
        return lines

    shell.set_custom_exc((DataError,), show)


_install_notebook_handler()


class OutputError(Exception):
    """A place to write that cannot be written (read-only, a file where a folder should be, an existing file
    not to be overwritten): one line naming the path; nothing was written."""
