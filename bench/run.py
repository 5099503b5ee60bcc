"""Benchmark: medians of the commands readers and CI run most.

usage: python bench/run.py [--runs N] [--skip-book]
Prints one line per command: median, min, max seconds over N runs.
The bare imports are the floor a command cannot beat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# the book as `make book` runs it: its kernels share one memo of the register (analysis/base/memo.py);
# the CLI commands never use the memo, so they are timed without it
BOOK_ENV = {**os.environ, "ANALYSIS_MEMO_DIR": str(ROOT / "book" / "_build" / ".analysis_memo")}


def timed(cmd: list[str], runs: int, before=None, env=None) -> list[float]:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return times


def notebooks() -> list[Path]:
    return sorted(p for p in (ROOT / "book").glob("*.md") if "```{code-cell}" in p.read_text(encoding="utf-8"))


def notebook_floor(runs: int) -> list[float]:
    """One notebook that only starts its kernel and imports what every page imports: the floor per notebook."""
    import nbformat

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from myst_nb import glue\nfrom itables import init_notebook_mode\n"
                "from analysis.render import chapter_page, figures, overview\nimport seaborn, statsmodels.api"
            )
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = ROOT / "bench" / "results" / "floor.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    code = "import nbformat, nbclient, sys; nbclient.execute(nbformat.read(sys.argv[1], 4), cwd=sys.argv[2])"
    return timed([PY, "-c", code, str(path), str(ROOT / "book")], runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-book", action="store_true")
    args = parser.parse_args()
    jb = str(Path(PY).parent / "jupyter-book")
    cases = [
        ("floor: python -c 'import pandas'", [PY, "-c", "import pandas"], None, args.runs),
        (
            "floor: python -c 'import pandas, pandera.pandas'",
            [PY, "-c", "import pandas, pandera.pandas"],
            None,
            args.runs,
        ),
        ("python -m analysis source stats", [PY, "-m", "analysis", "source", "stats"], None, args.runs),
    ]
    if (ROOT / "analysis" / "ledger").exists():
        cases.append(("python -m analysis check", [PY, "-m", "analysis", "check"], None, args.runs))
        cases.append(
            ("python -m analysis pairs --undecided", [PY, "-m", "analysis", "pairs", "--undecided"], None, args.runs)
        )
        cases.append(
            (
                "python -m analysis findings --format json",
                [PY, "-m", "analysis", "findings", "--format", "json"],
                None,
                args.runs,
            )
        )
        cases.append(
            (
                "python -m analysis forecasts --format json",
                [PY, "-m", "analysis", "forecasts", "--format", "json"],
                None,
                args.runs,
            )
        )
    if not args.skip_book:
        # the book as the README builds it: `make book` (a cold build runs the notebooks on both cores first)
        build = ["make", "--no-print-directory", "-s", "book"]
        wipe = lambda: shutil.rmtree(ROOT / "book" / "_build", ignore_errors=True)  # noqa: E731
        book_runs = max(3, args.runs // 2)
        cases.append(("book build, cold (make book)", build, wipe, book_runs))
        cases.append(("book build, cached (make book)", build, None, book_runs))
    medians = {}
    for label, cmd, before, runs in cases:
        t = timed(cmd, runs, before, env=BOOK_ENV if cmd and cmd[0] in (jb, "make") else None)
        medians[label] = statistics.median(t)
        print(f"{label:<52} median {statistics.median(t):6.2f}s  min {min(t):6.2f}s  max {max(t):6.2f}s  (n={runs})")
    if not args.skip_book:
        one = statistics.median(notebook_floor(max(3, args.runs // 2)))
        n = len(notebooks())
        cold = medians["book build, cold (make book)"]
        print(f"{'book floor: notebooks x (kernel start + imports)':<52} {n} x {one:.2f}s = {n * one:6.2f}s")
        print(f"{'book build, cold / its floor (limit 1.5)':<52} {cold / (n * one):6.2f}x")
    # the limit is a ratio; measured run by run against its floor, so a busy machine slows both alike
    floor, check = [PY, "-c", "import pandas, pandera.pandas"], [PY, "-m", "analysis", "check"]
    ratios = [timed(check, 1)[0] / timed(floor, 1)[0] for _ in range(args.runs * 2)]
    print(
        f"{'check / its floor, interleaved (limit 1.5)':<52} median {statistics.median(ratios):6.2f}x "
        f"min {min(ratios):6.2f}x  max {max(ratios):6.2f}x  (n={len(ratios)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
