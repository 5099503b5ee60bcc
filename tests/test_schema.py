"""The one schema of the data (data/datapackage.json): a valid Frictionless data package that the data
satisfies, the only place a file's columns are written, and what the gate and the dictionary read."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from analysis.base import paths, schema
from analysis.base.validation import Context
from analysis.render import overview

ROOT = paths.ROOT
DESCRIPTOR = ROOT / "data" / schema.DESCRIPTOR


@pytest.fixture(scope="module")
def report():
    frictionless = pytest.importorskip("frictionless")
    return frictionless.validate(str(DESCRIPTOR))


def test_descriptor_and_data_are_a_valid_frictionless_package(report):
    """Types, constraints, primary, unique and foreign keys, and the capture's sha256, checked by frictionless."""
    errors = [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors]
    assert report.valid, "\n".join(errors[:20])
    described = {r["path"] for r in schema.package()["resources"]}
    assert {task.place for task in report.tasks} == described  # every resource was validated, the capture too


def test_frictionless_rejects_a_broken_foreign_key_and_a_wrong_hash(tmp_path):
    """The validation above can fail: one claim pointing at an unknown entity, a capture with other bytes."""
    frictionless = pytest.importorskip("frictionless")
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    claims = (data / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    claims[1] = claims[1].replace(",china,", ",chinaa,", 1)
    assert ",chinaa," in claims[1]
    (data / "claims.csv").write_text("".join(claims), encoding="utf-8")
    (data / "source" / "report.raw.txt").write_bytes((data / "source" / "report.raw.txt").read_bytes() + b" ")
    result = frictionless.validate(str(data / schema.DESCRIPTOR))
    kinds = {e.type for task in result.tasks for e in task.errors}
    assert {"foreign-key", "hash-count"} <= kinds


def test_every_file_and_field_is_described():
    package = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    for res in package["resources"]:
        fields = res.get("schema", {}).get("fields", [])
        assert res.get("description") or fields, res["path"]
        for f in fields:
            assert len(f.get("description", "")) > 10, (res["path"], f["name"])
    assert overview.undocumented_columns() == []


def test_the_gate_reads_its_specs_from_the_descriptor():
    ctx = Context(ROOT / "data")
    for res in schema.package()["resources"]:
        if "schema" in res and ctx.specs[res["path"]].columns is not None:
            assert ctx.specs[res["path"]].columns == [f["name"] for f in res["schema"]["fields"]]
    assert ctx.text_files == {"source/report.raw.txt"}


def _string_sequences(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) >= 3:
            if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                yield node.lineno, [e.value for e in node.elts]


def test_no_module_writes_a_files_columns_again():
    """A header typed in code is a second home for the schema: read it with ``schema.columns(rel)``."""
    headers = {
        tuple(f["name"] for f in res["schema"]["fields"]): res["path"]
        for res in schema.package()["resources"]
        if "schema" in res
    }
    found = []
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        for line, values in _string_sequences(ast.parse(path.read_text(encoding="utf-8"))):
            for header, rel in headers.items():
                if len(values) >= 3 and set(values) <= set(header) and len(values) >= len(header) - 1:
                    found.append(f"{path.relative_to(ROOT)}:{line}: the columns of {rel}")
    assert not found, "\n".join(found)


def test_the_capture_hash_lives_in_the_descriptor_only():
    digest = schema.expected_sha256("source/report.raw.txt")
    for path in sorted(Path(ROOT / "analysis").rglob("*.py")):
        assert digest not in path.read_text(encoding="utf-8"), path
