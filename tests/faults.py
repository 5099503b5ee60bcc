"""Fault injection: corrupt a temporary copy of data/ and run the commands on it.

``copy_data(tmp)`` copies data/ to ``tmp/data``; the mutators below change one
file of the copy the way a person or a spreadsheet would; ``run_forked``
runs ``analysis.cli.main`` in a forked child with ``ANALYSIS_DATA_DIR`` set
(the child re-imports ``analysis`` so every path points at the copy, while
pandas, pandera and statsmodels stay imported from the parent: fast), and
reports exit code, stdout, stderr, and any traceback the child printed.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from analysis.base import paths
from analysis.base.csvio import read_dicts  # noqa: F401  (tests use F.read_dicts)


def copy_data(tmp: Path) -> Path:
    dest = Path(tmp) / "data"
    shutil.copytree(paths.ROOT / "data", dest)
    return dest


def hashes(data_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(data_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    }


# --- mutators: each takes the data dir ---------------------------------------------------------------
def replace(rel, old, new, count=1):
    def mutate(d):
        path = d / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8", newline="")

    return mutate


def descriptor(edit):
    """Edit data/datapackage.json as JSON: ``edit(resources_by_path)`` changes it in place."""

    def mutate(d):
        import json

        path = d / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        edit({r["path"]: r for r in package["resources"]})
        path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    return mutate


def field_of(resources, rel, name):
    return next(f for f in resources[rel]["schema"]["fields"] if f["name"] == name)


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path, rows, **kw):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", **kw).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def set_cell(rel, row, column, value):
    """Row 2 is the first data row (as the gate counts)."""

    def mutate(d):
        rows = _rows(d / rel)
        rows[row - 1][rows[0].index(column)] = value(rows[row - 1][rows[0].index(column)]) if callable(value) else value
        _write(d / rel, rows)

    return mutate


def duplicate_row(rel, row):
    def mutate(d):
        rows = _rows(d / rel)
        rows.insert(row, list(rows[row - 1]))
        _write(d / rel, rows)

    return mutate


def drop_column(rel, column):
    def mutate(d):
        rows = _rows(d / rel)
        i = rows[0].index(column)
        _write(d / rel, [r[:i] + r[i + 1 :] for r in rows])

    return mutate


def encode_as(rel, encoding):
    def mutate(d):
        path = d / rel
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return mutate


def bom(rel):
    def mutate(d):
        path = d / rel
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())

    return mutate


def crlf(rel):
    def mutate(d):
        path = d / rel
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    return mutate


def delimiter(rel, sep):
    def mutate(d):
        _write(d / rel, _rows(d / rel), delimiter=sep)

    return mutate


def truncate(rel, fraction):
    """Cut the file in the middle of a row (never at a row boundary)."""

    def mutate(d):
        path = d / rel
        data = path.read_bytes()
        cut = int(len(data) * fraction)
        while data[cut - 1 : cut] == b"\n" or (data[cut : cut + 1] and (data[cut] & 0xC0) == 0x80):
            cut += 1  # not at a row boundary, not inside a UTF-8 character
        path.write_bytes(data[:cut])

    return mutate


def unquoted_comma(rel, row):
    """A spreadsheet-less edit: a comma typed into the last (text) cell of a row, unquoted."""

    def mutate(d):
        path = d / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[row - 1] = lines[row - 1] + ", and more"
        path.write_text("\n".join(lines), encoding="utf-8", newline="")

    return mutate


def open_quote(rel, row):
    def mutate(d):
        path = d / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        head, _, tail = lines[row - 1].rpartition(",")
        lines[row - 1] = f'{head},"{tail.strip(chr(34))}'
        path.write_text("\n".join(lines), encoding="utf-8", newline="")

    return mutate


def drop_lines(rel, prefix):
    """Remove every line that starts with ``prefix`` (a row deleted in an editor)."""

    def mutate(d):
        path = d / rel
        kept = [
            line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith(prefix)
        ]
        path.write_text("".join(kept), encoding="utf-8")

    return mutate


def keep_header(rel):
    """Cut a file to its header line (a filter gone wrong, a sheet emptied): well-formed, and empty."""

    def mutate(d):
        path = d / rel
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8", newline="")

    return mutate


def delete(rel):
    return lambda d: (d / rel).unlink()


def add_file(rel, text):
    return lambda d: (d / rel).write_text(text, encoding="utf-8")


def flip_byte(rel, offset):
    def mutate(d):
        path = d / rel
        data = bytearray(path.read_bytes())
        data[offset] ^= 0x01
        path.write_bytes(bytes(data))

    return mutate


def chain(*mutators):
    def mutate(d):
        for m in mutators:
            m(d)

    return mutate


# --- running a command on the copy --------------------------------------------------------------------
def run_forked(argv: list[str], data_dir: Path) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``python -m analysis argv`` on ``data_dir``, in a forked child."""
    return run_forked_many([argv], data_dir)[0]


def run_forked_many(argvs: list[list[str]], data_dir: Path) -> list[tuple[int, str, str]]:
    """Each command of ``argvs`` in turn, in one forked child whose paths all point at ``data_dir``.

    An exception that escapes ``main`` is printed as Python would print it
    (a ``Traceback``) and gives exit code 99.
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pid = os.fork()
        if pid == 0:  # the child
            try:
                os.environ["ANALYSIS_DATA_DIR"] = str(data_dir)
                os.environ.pop("ANALYSIS_MEMO_DIR", None)
                for name in [m for m in sys.modules if m == "analysis" or m.startswith("analysis.")]:
                    del sys.modules[name]
                from analysis.cli.main import main

                for i, argv in enumerate(argvs):
                    with (
                        open(tmp / f"{i}.out", "w", encoding="utf-8") as out,
                        open(tmp / f"{i}.err", "w", encoding="utf-8") as err,
                    ):
                        sys.stdout, sys.stderr = out, err
                        try:
                            code = main(argv)
                        except SystemExit as exc:
                            code = exc.code if isinstance(exc.code, int) else 1
                        except BaseException:
                            traceback.print_exc()
                            code = 99
                    (tmp / f"{i}.code").write_text(str(code))
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        return [
            (
                int((tmp / f"{i}.code").read_text()),
                (tmp / f"{i}.out").read_text(encoding="utf-8"),
                (tmp / f"{i}.err").read_text(encoding="utf-8"),
            )
            for i in range(len(argvs))
        ]
