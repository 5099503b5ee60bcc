"""Every reader-facing word has one home (analysis/words.py): renaming a verdict or a status is one edit."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys

import pytest

from analysis import words
from analysis.base import paths

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
        if path.name == "words.py" and path.parent.name == "analysis":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in reader:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "write these through analysis/words.py:\n" + "\n".join(found)


RENAMES = {
    '"two_values": "two values",\n    "changed"': '"two_values": "zz verdict",\n    "changed"',  # VERDICT_WORDS
    '"two_values": "two values",\n    "changed_over_time"': '"two_values": "zz status",\n    "changed_over_time"',
    '"two_values": "Two values for one fact, and no way to tell their periods apart"': '"two_values": "ZZ headline"',
}


@pytest.mark.slow
def test_renaming_a_verdict_and_a_status_is_one_edit_each(tmp_path):
    """In a copy of the package, one edit per word in words.py; the register, the ClaimReview export and the
    annotated chapter carry the new words and none of the old ones, and the marks keep their CSS class."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "analysis", copy / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    text = (copy / "analysis" / "words.py").read_text(encoding="utf-8")
    for old, new in RENAMES.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (copy / "analysis" / "words.py").write_text(text, encoding="utf-8")
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
    reviews = json.loads((tmp_path / "export" / "claimreview.jsonld").read_text(encoding="utf-8"))
    names = {r["reviewRating"]["alternateName"] for r in reviews["@graph"]}
    assert "ZZ headline" in names and words.VERDICT_HEADLINES["two_values"] not in names
    html = run("-c", "from analysis.render import chapter_page; print(chapter_page.annotated(2))")
    assert "zz status" in html and "two values" not in html
    assert 'class="mark st-two-values' in html or "st-two-values" in html  # the colour follows the id
