"""Interleaved whole-process timings of two vetter trees: the same-minute before/after of a start-up change.

    python bench/ab_start.py BEFORE_TREE AFTER_TREE [--repeat 15] [--shared ../shared] [--after-python PYTHON]

Runs, from a neutral working directory (so neither tree's folder lands first on ``sys.path``), a
median-package scan and the median history-pair diff with each tree in turn, ``--repeat`` times,
alternating the trees, and prints best and median wall time of each. ``--after-python`` runs the
after side with another interpreter (e.g. a clean virtual environment's, against this one with its
site hooks: give the same tree twice). Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--after-python", default=sys.executable, help="interpreter of the after side (default: this one)")
    args = parser.parse_args()
    shared = args.shared.resolve()
    package = shared / "corpus" / "independent-publisher-connectors" / "OpenAI"
    pair = shared / "history-pairs" / "custom-connectors" / "HR Cloud"
    jobs = {
        "`python -c pass`": ["-c", "pass"],
        "median package scan (OpenAI)": ["scan", str(package), "--format", "json", "--output", os.devnull],
        "median diff (HR Cloud #1)": ["diff", str(pair / "001-old.json"), str(pair / "001-new.json"), "--format", "json", "--output", os.devnull],
        "vetter --version": ["--version"],
    }
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    pythons = {"before": sys.executable, "after": args.after_python}
    for name, tree in trees.items():
        subprocess.run([pythons[name], "-m", "compileall", "-q", "vetter", "rules"], cwd=tree, check=True, capture_output=True)
    times: dict[tuple[str, str], list[float]] = {(j, t): [] for j in jobs for t in trees}
    with tempfile.TemporaryDirectory() as neutral:
        for _ in range(args.repeat):
            for job, argv in jobs.items():
                for name, tree in trees.items():
                    env = {**os.environ, "PYTHONPATH": str(tree)}
                    start = time.perf_counter()
                    command = [pythons[name], *argv] if argv[0] == "-c" else [pythons[name], "-m", "vetter.cli", *argv]
                    subprocess.run(command, cwd=neutral, env=env, capture_output=True, check=False)
                    times[(job, name)].append(time.perf_counter() - start)
    print(f"load average at the end {os.getloadavg()[0]:.2f}; {args.repeat} interleaved runs each\n")
    print("| measurement | before: best (median) | after: best (median) |\n|---|---|---|")
    for job in jobs:
        cells = [f"{min(times[(job, t)]):.3f} s ({statistics.median(times[(job, t)]):.3f} s)" for t in trees]
        print(f"| {job} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
