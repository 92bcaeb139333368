"""Time `vetter diff` on the real history pairs of ../shared/history-pairs.

    python bench/bench_diff.py [--repeat 5]

Reports the in-process time of every pair (load, parse, resolve, classify; median, p95,
max and total) and whole `vetter diff` processes on the median-sized and the largest pair:
wall time, and the process's CPU time (user + system), which a busy shared machine inflates
less than wall time. Not a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import contextlib

from vetter.compare import DiffError, diff_packages
from vetter.model.package import package_from_files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", "vetter", "rules"], cwd=ROOT, check=True, capture_output=True)
    root = args.shared / "history-pairs"
    records = [json.loads(line) for line in (root / "index.jsonl").read_text().splitlines() if line.strip()]
    raw = [((root / r["old_file"]).read_bytes(), (root / r["new_file"]).read_bytes(), r) for r in records]

    times = []
    start_all = time.perf_counter()
    for old, new, _ in raw:
        start = time.perf_counter()
        with contextlib.suppress(DiffError):
            diff_packages(package_from_files("old", {"a.swagger.json": old}, kind="swagger"), package_from_files("new", {"a.swagger.json": new}, kind="swagger"))
        times.append(time.perf_counter() - start)
    total = time.perf_counter() - start_all
    ordered = sorted(times)

    by_size = sorted(raw, key=lambda t: len(t[0]) + len(t[1]))
    rows = [
        (f"all {len(raw)} pairs, in process", f"total {total:.2f} s; per pair median {statistics.median(times) * 1000:.1f} ms, p95 {ordered[int(len(ordered) * 0.95)] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"),
    ]
    for label, (_, _, record) in (("median pair", by_size[len(by_size) // 2]), ("largest pair", by_size[-1])):
        old, new = root / record["old_file"], root / record["new_file"]
        walls, cpus = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            proc = subprocess.run([sys.executable, "-m", "vetter.cli", "diff", str(old), str(new), "--format", "json", "--output", os.devnull], cwd=ROOT, capture_output=True, check=False)
            walls.append(time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
            if proc.returncode not in (0, 1, 2):
                raise SystemExit(proc.stderr.decode()[:400])
        size = (old.stat().st_size + new.stat().st_size) // 1024
        rows.append((f"{label} ({record['connector'].split('/')[-1]} #{record['n']}, {size} KB), whole process",
                     f"{min(walls):.3f} s (median {statistics.median(walls):.3f} s); CPU {min(cpus):.3f} s (median {statistics.median(cpus):.3f} s)"))
    floors = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        floors.append(time.perf_counter() - t0)
    rows.append(("`python -c pass` (the interpreter's own start-up here, site hooks included)", f"{min(floors):.3f} s (median {statistics.median(floors):.3f} s)"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average at the end {os.getloadavg()[0]:.2f}")
    print(f"command: python bench/bench_diff.py --repeat {args.repeat}\n")
    print("| measurement | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
