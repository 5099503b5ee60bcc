"""A chapter runs on its own from the command line, as a reader would rerun it (make chapter CH=04)."""

import json
import subprocess
import sys

import pytest

from analysis.base import paths


@pytest.mark.slow  # executes a notebook
@pytest.mark.parametrize("chapter", ["ch04"])
def test_chapter_executes_standalone_without_errors(chapter, tmp_path):
    out = tmp_path / f"{chapter}.ipynb"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "jupytext",
            "--to",
            "ipynb",
            "--execute",
            "--output",
            str(out),
            str(paths.BOOK / f"{chapter}.md"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    nb = json.loads(out.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c.get("execution_count") for c in code), "every code cell ran"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    # the claims table and at least one figure reached the output
    mimes = {m for c in code for o in c.get("outputs", []) for m in o.get("data", {})}
    assert "text/html" in mimes
