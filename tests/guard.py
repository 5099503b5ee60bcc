"""Save every output a reader or a reuser sees, to prove a refactor changed none of them.

    python tests/guard.py save DIR     # before the change
    python tests/guard.py save DIR2    # after it
    diff -r DIR DIR2                   # byte-identical, or a deliberate change to name

Saved: the command outputs (findings in json, md and csv with and without
--include-consistent, forecasts in each format, pairs, retellings, source stats,
check, the export directory with a fixed date) and, when book/_build/html exists,
every page's HTML with what differs from build to build removed (the theme's
asset hashes and the build's random ids).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

COMMANDS = {
    "findings.json": ["findings", "--format", "json"],
    "findings.md": ["findings", "--format", "md"],
    "findings.csv": ["findings", "--format", "csv"],
    "findings-all.json": ["findings", "--format", "json", "--include-consistent"],
    "findings-all.md": ["findings", "--format", "md", "--include-consistent"],
    "findings-all.csv": ["findings", "--format", "csv", "--include-consistent"],
    "forecasts.json": ["forecasts", "--format", "json"],
    "forecasts.md": ["forecasts", "--format", "md"],
    "forecasts.csv": ["forecasts", "--format", "csv"],
    "pairs.csv": ["pairs"],
    "retellings.md": ["retellings", "--format", "md"],
    "retellings.csv": ["retellings", "--format", "csv"],
    "source-stats.txt": ["source", "stats"],
    "check.txt": ["check"],
}

# build-specific bits of a page: asset cache-busting digests and generated element ids
VOLATILE = [
    (re.compile(r"\?digest=[0-9a-f]+"), "?digest=X"),
    (re.compile(r"\?v=[0-9a-f]+"), "?v=X"),
    (re.compile(r"(id|for|href)=\"(#?)(itables_|T_|dt-)[0-9a-f_-]+\""), r'\1="\2\3X"'),
    (re.compile(r"itables_[0-9a-f_]{8,}"), "itables_X"),
]


def _scrub(html: str) -> str:
    for pattern, repl in VOLATILE:
        html = pattern.sub(repl, html)
    return html


def save(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "cli").mkdir(parents=True)
    for name, args in COMMANDS.items():
        run = subprocess.run([PY, "-m", "analysis", *args], cwd=ROOT, capture_output=True)
        (out / "cli" / name).write_bytes(run.stdout + f"\n[exit {run.returncode}]\n".encode())
    subprocess.run(
        [PY, "-m", "analysis", "export", str(out / "export"), "--date", "2026-01-01"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    html = ROOT / "book" / "_build" / "html"
    if html.exists():
        for page in sorted(html.glob("*.html")):
            (out / "html").mkdir(exist_ok=True)
            (out / "html" / page.name).write_text(_scrub(page.read_text(encoding="utf-8")), encoding="utf-8")
        for image in sorted((html / "_images").glob("*")):
            (out / "images").mkdir(exist_ok=True)
            shutil.copyfile(image, out / "images" / image.name)
    print(f"saved to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "save":
        sys.exit(__doc__)
    save(Path(sys.argv[2]).resolve())
