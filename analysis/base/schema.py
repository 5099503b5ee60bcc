"""The one schema of every file under data/: ``data/datapackage.json``, a Frictionless Data Package.

The descriptor is curated data, reviewed like the CSVs: each file is a resource with its
fields in header order (name, type, description, constraints: required, pattern, enum,
minimum, minLength), its primary key, unique keys and foreign keys. It is read here, at
call time (``ANALYSIS_DATA_DIR`` picks another data directory and so another descriptor),
by the data gate (``base/validation.py`` builds its file specs from it), by every stage
that reads a file (``columns("facts.csv")``), by the book's data dictionary, and it is
published with the data. ``tests/test_schema.py`` validates it and the data with the
``frictionless`` library; the gate itself reads it with ``json`` only, to stay fast.

Three resource properties are this project's own (Frictionless ignores them):
``rowName`` (the column that names a row in messages, when it is not the first field of
the primary key), ``uniqueKeys`` (further unique column sets, as in Table Schema 2) and
``listReferences`` (a column holding several space-separated keys of another resource,
such as a relation's input claims).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from analysis.base import paths
from analysis.base.errors import DataError

DESCRIPTOR = "datapackage.json"


class SchemaError(DataError):
    """The descriptor is missing, not JSON, or lacks a resource or field the code asks for."""


@lru_cache(maxsize=4)
def _load(path: Path, stamp: tuple[int, int]) -> dict:
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"{path}: file not found (the schema of every file under data/)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemaError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise SchemaError(f"{path}: a data package needs a list of resources")
    for n, res in enumerate(package["resources"], start=1):
        if not isinstance(res, dict) or not isinstance(res.get("path"), str):
            raise SchemaError(f"{path}: resource {n} has no path")
        fields = res.get("schema", {}).get("fields", [])
        if not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
            raise SchemaError(f"{path}: resource {res['path']}: every field needs a name")
    return package


def package(data_dir: Path | None = None) -> dict:
    """The descriptor of ``data_dir`` (default: the data directory in use now), re-read when it changes."""
    path = (paths.data_dir() if data_dir is None else Path(data_dir)) / DESCRIPTOR
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (0, 0)
    return _load(path, stamp)


def schema_dir(data_dir: Path | None) -> Path | None:
    """``data_dir`` if it has a descriptor, else None (the data directory in use): a folder of a few
    curated files (a test's ledger) is read with the project's schema."""
    return data_dir if data_dir is not None and (Path(data_dir) / DESCRIPTOR).is_file() else None


def resources(data_dir: Path | None = None) -> dict[str, dict]:
    """path relative to data/ -> resource."""
    return {res["path"]: res for res in package(data_dir)["resources"]}


def resource(rel: str, data_dir: Path | None = None) -> dict:
    try:
        return resources(data_dir)[rel]
    except KeyError:
        raise SchemaError(f"{DESCRIPTOR}: no resource describes {rel}") from None


def fields(rel: str, data_dir: Path | None = None) -> list[dict]:
    return resource(rel, data_dir).get("schema", {}).get("fields", [])


def columns(rel: str, data_dir: Path | None = None) -> list[str]:
    """The exact header of a CSV under data/, in order."""
    return [f["name"] for f in fields(rel, data_dir)]


def field(rel: str, name: str, data_dir: Path | None = None) -> dict:
    for f in fields(rel, data_dir):
        if f["name"] == name:
            return f
    raise SchemaError(f"{DESCRIPTOR}: {rel} has no field {name!r}")


def constraints(f: dict) -> dict:
    return f.get("constraints", {})


def enum(rel: str, name: str, data_dir: Path | None = None) -> tuple[str, ...]:
    """The values a column may take (its ``enum`` constraint)."""
    return tuple(constraints(field(rel, name, data_dir)).get("enum", ()))


def primary_key(res: dict) -> list[str]:
    key = res.get("schema", {}).get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def foreign_keys(res: dict, pkg: dict) -> list[tuple[str, str, str]]:
    """(column, target path, target column) for each single-column foreign key of ``res`` in ``pkg``."""
    names = {r.get("name"): r["path"] for r in pkg["resources"]}
    out = []
    for fk in res.get("schema", {}).get("foreignKeys", []):
        cols = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        target_cols = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        target = ref.get("resource", "")
        # "" is the resource itself (Frictionless's self-reference: entities.csv's part_of names another entity)
        out.append((cols[0], res["path"] if target == "" else names.get(target, target), target_cols[0]))
    return out


def report_title(data_dir: Path | None = None) -> str:
    """The audited report's title: the package's first source (Frictionless ``sources``)."""
    sources = package(data_dir).get("sources") or [{}]
    title = sources[0].get("title", "")
    if not title:
        raise SchemaError(f"{DESCRIPTOR}: sources[0].title (the report's title) is missing")
    return title


def expected_sha256(rel: str, data_dir: Path | None = None) -> str:
    """The sha256 a file must have (its resource's ``hash``, written ``sha256:<hex>``)."""
    value = resource(rel, data_dir).get("hash", "")
    algorithm, _, digest = value.partition(":")
    if algorithm != "sha256" or len(digest) != 64:
        raise SchemaError(f"{DESCRIPTOR}: resource {rel}: hash must read sha256:<64 hex digits>, not {value!r}")
    return digest
