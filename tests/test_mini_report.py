"""A tiny second report (tests/fixtures/mini_report/) run through every command and a one-chapter book:
proof that nothing of the audited report lives in the code, only in data/ and the book's prose.

The fixture is curated like data/: a capture of two short chapters in the audited capture's layout
(a table of contents, then one body line), twelve claims, one contradiction between chapters
(15.8 and 16.9万亿元 for 2025), two consistent restatements, one recomputable growth relation and one
official row (NBS 2024 online retail, copied from data/reference with its source). Its descriptor
is data/datapackage.json's but for the package's metadata and the capture's hash.

After a change to analysis/source/{capture,segment,repairs,tables}.py, regenerate its checksums:
``ANALYSIS_DATA_DIR=tests/fixtures/mini_report python -m analysis source regenerate``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import faults as F  # noqa: E402

from analysis.base import paths  # noqa: E402
from analysis.render import chapter_skeleton  # noqa: E402

MINI = paths.ROOT / "tests" / "fixtures" / "mini_report"
REAL_TITLE = json.loads((paths.ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["sources"][0]["title"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_fixture_has_the_projects_schema():
    """Every resource is data/datapackage.json's, byte for byte, but the capture's hash, size and description."""
    own = {"hash", "bytes", "description"}
    real = {r["path"]: r for r in _load(paths.ROOT / "data" / "datapackage.json")["resources"]}
    mini = {r["path"]: r for r in _load(MINI / "datapackage.json")["resources"]}
    assert set(mini) == set(real)
    for rel, res in real.items():
        keep = {k: v for k, v in res.items() if k not in own or "schema" in res}
        assert {k: v for k, v in mini[rel].items() if k in keep} == keep, (
            f"{rel}: the fixture's descriptor differs from data/datapackage.json; copy the resource over"
        )
    assert _load(MINI / "datapackage.json")["sources"][0]["title"] != REAL_TITLE


@pytest.fixture(scope="module")
def outputs():
    argvs = [
        ["check"],
        ["pairs", "--undecided"],
        ["findings", "--format", "json", "--include-consistent"],
        ["findings", "--format", "md"],
        ["forecasts", "--format", "json"],
        ["retellings", "--format", "csv"],
        ["source", "stats"],
    ]
    results = F.run_forked_many(argvs, MINI)
    return {" ".join(a): r for a, r in zip(argvs, results)}


def test_every_command_runs_on_the_mini_report(outputs):
    for argv, (code, _out, err) in outputs.items():
        assert code == 0 and "Traceback" not in err, (argv, err[-2000:])
    code, out, _ = outputs["check"]
    assert "0 problems" in out and "12 inside 12 claims" in out and "0 unaccounted" in out
    undecided = outputs["pairs --undecided"]
    assert undecided[1].strip().count("\n") == 0 and "0 undecided" in undecided[2]  # a header, no pair


def test_the_mini_reports_findings_are_its_own(outputs):
    found = json.loads(outputs["findings --format json --include-consistent"][1])
    found = found["findings"] if isinstance(found, dict) else found
    by = {(f["check"], tuple(f["claims"])): f for f in found}
    contradiction = by[("restatement", ("1.1.1-03", "2.1.2-01"))]
    assert contradiction["severity"] == "high"
    assert by[("restatement", ("1.1.2-02", "2.1.1-02"))]["severity"] == "info"  # a consistent restatement
    assert by[("restatement", ("1.1.2-03", "2.1.2-02"))]["severity"] == "info"
    assert by[("growth", ("1.1.1-01", "1.1.1-03", "2.1.2-03"))]["severity"] == "info"  # the relation holds
    assert by[("official", ("1.1.1-01",))]["severity"] == "info"  # 15.5 against NBS's 15.5225万亿元
    assert sum(f["severity"] == "high" for f in found) == 1
    register = outputs["findings --format md"][1]
    assert "16.9万亿元" in register and "15.8万亿元" in register


def test_export_names_the_mini_report(tmp_path):
    out = tmp_path / "export"
    code, _, err = F.run_forked(["export", str(out), "--date", "2026-12-03"], MINI)
    assert code == 0, err
    review = (out / "claimreview.jsonld").read_text(encoding="utf-8")
    assert "迷你电商报告" in review and REAL_TITLE not in review
    assert "1.1.1-03" in (out / "findings.csv").read_text(encoding="utf-8-sig")


@pytest.mark.slow
def test_one_chapter_book_builds_on_the_mini_report(tmp_path):
    """The book's own chapter page, built by jupyter-book on the mini report's data."""
    book = tmp_path / "book"
    book.mkdir()
    for name in ("_static", "_ext"):
        shutil.copytree(paths.BOOK / name, book / name)
    # one chapter alone: its links to the appendices have no target here (only that warning is silenced)
    config = (
        (paths.BOOK / "_config.yml")
        .read_text(encoding="utf-8")
        .replace(REAL_TITLE, "迷你电商报告")
        .replace(
            'suppress_warnings: ["mystnb.unknown_mime_type"]',
            'suppress_warnings: ["mystnb.unknown_mime_type", "myst.xref_missing"]',
        )
    )
    assert "myst.xref_missing" in config
    (book / "_config.yml").write_text(config, encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: ch01\n", encoding="utf-8")
    # the book's skeleton with the mini report's own chapter prose (tests/fixtures/mini_book/)
    own = (paths.ROOT / "tests" / "fixtures" / "mini_book" / "chapters" / "ch01.md").read_text(encoding="utf-8")
    skeleton = (paths.BOOK / "_chapter.md").read_text(encoding="utf-8")
    (book / "ch01.md").write_text(
        chapter_skeleton.expand(skeleton, own, "mini_book/chapters/ch01.md"), encoding="utf-8"
    )
    (book / "_export").mkdir()
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(MINI), "PYTHONPATH": str(paths.ROOT)}
    env.pop("ANALYSIS_MEMO_DIR", None)
    jb = Path(sys.executable).parent / "jupyter-book"
    run = subprocess.run(
        [str(jb), "build", str(book), "-W", "-n", "--keep-going"],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    html = (book / "_build" / "html" / "ch01.html").read_text(encoding="utf-8")
    assert "市场概况" in html and "Market Overview" in html  # the mini chapter's own heading
    assert "市场规模" in html and "直播电商" in html  # the mini capture's section title and text
    assert "1.1.2-03" in html  # its claims, marked
    assert "15.8万亿元" in html and "16.9万亿元" in html  # the chapter's contradiction, on its page
    assert REAL_TITLE not in html.replace("迷你电商报告", "")
