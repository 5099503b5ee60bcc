"""Every reader-facing word has one home (analysis/words/): renaming a verdict or a status is one edit."""

from __future__ import annotations

import ast
import csv
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from analysis import ledger, register, words
from analysis.base import paths
from analysis.render import export

ROOT = paths.ROOT


def _reader_words() -> set[str]:
    """Words a reader sees that are not also an id the code works with ('consistent' is both)."""
    found = (
        set(words.VERDICT_WORDS.values())
        | set(words.STATUS_WORDS.values())
        | set(words.VERDICT_HEADLINES.values())
        | set(words.OUTCOMES)
        | set(words.MODEL_NAMES.values())
        | {words.DEPARTS_WORDS, words.DEPARTS_HEADLINE}
    )
    ids = set(words.VERDICTS) | set(words.STATUS_WORDS) | set(words.CHECKS) | set(words.MODEL_NAMES)
    ids |= set(words.OUTCOME_WORDS)
    return found - ids


def test_no_module_but_words_writes_a_reader_word():
    reader = _reader_words()
    assert "two values" in reader and "departs from the outside record" in reader
    found = []
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        if path.parent.name == "words" and path.parent.parent.name == "analysis":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in reader:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "write these through analysis/words/:\n" + "\n".join(found)


def _phrases() -> set[str]:
    """The verdict, status and outcome words of more than one word: a sentence that carries one must look it up."""
    found = set(words.VERDICT_WORDS.values()) | set(words.STATUS_WORDS.values()) | set(words.OUTCOMES)
    return {w for w in found | {words.DEPARTS_WORDS} if " " in w}


def test_no_sentence_outside_words_types_a_verdict_or_status_word():
    """Inside longer strings too (f-string parts, explanations, summaries); docstrings and the gate's messages to
    whoever edits data/ (the ``rules.py`` of each stage) are not for readers."""
    phrases = _phrases()
    assert {"edge of rounding", "read against the source", "not checkable"} <= phrases
    pattern = re.compile("|".join(r"\b" + re.escape(w) + r"\b" for w in sorted(phrases, key=len, reverse=True)), re.I)
    found = []
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        if (path.parent.name == "words" and path.parent.parent.name == "analysis") or path.name == "rules.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if hit := pattern.search(node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {hit.group()!r} in {node.value[:80]!r}")
    assert not found, "look these up in analysis/words/:\n" + "\n".join(found)


def test_a_verdict_word_patched_in_words_reaches_the_register_and_claimreview(monkeypatch, tmp_path):
    """In process: one verdict's word, headline and a check's name changed in analysis.words only; the Markdown
    register, the CSV and the ClaimReview export carry the new words and none of the old; the CSV and JSON keep the ids."""
    old_word, old_headline = words.VERDICT_WORDS["two_values"], words.VERDICT_HEADLINES["two_values"]
    monkeypatch.setitem(words.VERDICT_WORDS, "two_values", "zz verdict")
    monkeypatch.setitem(words.VERDICT_HEADLINES, "two_values", "ZZ headline")
    monkeypatch.setitem(words.CHECK_WORDS, "restatement", "zz check")
    data = ledger.load_valid()
    md = register.render(register.build(data), "md")
    assert "**Zz verdict** (zz check check;" in md
    assert f"**{old_word[0].upper() + old_word[1:]}**" not in md and "(restatement check;" not in md
    export.write(tmp_path, data, date="2026-12-03")
    graph = json.loads((tmp_path / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]
    names = {r["reviewRating"]["alternateName"] for r in graph}
    assert "ZZ headline" in names and old_headline not in names
    rows = list(csv.DictReader((tmp_path / "findings.csv").open(encoding="utf-8-sig")))
    assert "two_values" in {r["verdict_id"] for r in rows}  # the machine-readable register keeps the id
    assert "zz verdict" in {r["verdict"] for r in rows} and old_word not in {r["verdict"] for r in rows}


RENAMES = {
    '"two_values": "two values",\n    "changed"': '"two_values": "zz verdict",\n    "changed"',  # VERDICT_WORDS
    '"two_values": "two values",\n    "changed_over_time"': '"two_values": "zz status",\n    "changed_over_time"',
    '"two_values": "Two values for one fact, and no way to tell their periods apart"': '"two_values": "ZZ headline"',
    '"edge": "edge of rounding",\n    "consistent"': '"edge": "zz edge",\n    "consistent"',  # VERDICT_WORDS
}


@pytest.mark.slow
def test_renaming_a_verdict_and_a_status_is_one_edit_each(tmp_path):
    """In a copy of the package, one edit per word in analysis/words/; the register, the ClaimReview export and the
    annotated chapter carry the new words and none of the old ones, and the marks keep their CSS class."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "analysis", copy / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    text = (copy / "analysis" / "words" / "__init__.py").read_text(encoding="utf-8")
    for old, new in RENAMES.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (copy / "analysis" / "words" / "__init__.py").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy), "ANALYSIS_DATA_DIR": str(ROOT / "data")}
    env.pop("ANALYSIS_MEMO_DIR", None)

    def run(*argv: str) -> str:
        done = subprocess.run(
            [sys.executable, *argv], cwd=copy, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    register = run("-m", "analysis", "findings", "--format", "md")
    assert "**Zz verdict**" in register and "**Two values**" not in register
    run("-m", "analysis", "export", str(tmp_path / "export"), "--date", "2026-12-03")
    # the explanations of the CSV and JSON registers say where a check holds in the edge verdict's word (a note
    # typed in data/relations.csv may still say "edge of rounding" in its own words, never followed by a colon)
    for name in ("findings.csv", "findings.json"):
        text = (tmp_path / "export" / name).read_text(encoding="utf-8")
        assert "only at the zz edge:" in text and "only at the edge of rounding:" not in text, name
    reviews = json.loads((tmp_path / "export" / "claimreview.jsonld").read_text(encoding="utf-8"))
    names = {r["reviewRating"]["alternateName"] for r in reviews["@graph"]}
    assert "ZZ headline" in names and words.VERDICT_HEADLINES["two_values"] not in names
    html = run("-c", "from analysis.render import chapter_page; print(chapter_page.annotated(2))")
    assert "zz status" in html and "two values" not in html
    assert 'class="mark st-two-values' in html or "st-two-values" in html  # the colour follows the id
