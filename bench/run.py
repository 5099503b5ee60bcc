"""Benchmark: medians of the commands readers and CI run most.

usage: python bench/run.py [--runs N] [--skip-book]
Prints one line per command: median, min, max seconds over N runs.
The bare imports are the floor a command cannot beat.
"""
from __future__ import annotations

import argparse
import shutil
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# the book as `make book` runs it: its kernels share one memo of the register (analysis/memo.py);
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-book", action="store_true")
    args = parser.parse_args()
    jb = str(Path(PY).parent / "jupyter-book")
    cases = [
        ("floor: python -c 'import pandas'", [PY, "-c", "import pandas"], None, args.runs),
        ("floor: python -c 'import pandas, pandera.pandas'", [PY, "-c", "import pandas, pandera.pandas"], None, args.runs),
        ("python -m analysis source stats", [PY, "-m", "analysis", "source", "stats"], None, args.runs),
    ]
    if (ROOT / "analysis" / "ledger.py").exists():
        cases.append(("python -m analysis check", [PY, "-m", "analysis", "check"], None, args.runs))
        cases.append(("python -m analysis pairs --undecided", [PY, "-m", "analysis", "pairs", "--undecided"], None, args.runs))
        cases.append(("python -m analysis findings --format json", [PY, "-m", "analysis", "findings", "--format", "json"], None, args.runs))
        cases.append(("python -m analysis forecasts --format json", [PY, "-m", "analysis", "forecasts", "--format", "json"], None, args.runs))
    if not args.skip_book:
        build = [jb, "build", "book", "-W", "-n", "--keep-going"]
        wipe = lambda: shutil.rmtree(ROOT / "book" / "_build", ignore_errors=True)  # noqa: E731
        book_runs = max(3, args.runs // 2)
        cases.append(("book build, cold", build, wipe, book_runs))
        cases.append(("book build, cached", build, None, book_runs))
    for label, cmd, before, runs in cases:
        t = timed(cmd, runs, before, env=BOOK_ENV if cmd and cmd[0] == jb else None)
        print(f"{label:<52} median {statistics.median(t):6.2f}s  min {min(t):6.2f}s  max {max(t):6.2f}s  (n={runs})")
    # the limit is a ratio; measured run by run against its floor, so a busy machine slows both alike
    floor, check = [PY, "-c", "import pandas, pandera.pandas"], [PY, "-m", "analysis", "check"]
    ratios = [timed(check, 1)[0] / timed(floor, 1)[0] for _ in range(args.runs * 2)]
    print(f"{'check / its floor, interleaved (limit 1.5)':<52} median {statistics.median(ratios):6.2f}x "
          f"min {min(ratios):6.2f}x  max {max(ratios):6.2f}x  (n={len(ratios)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
