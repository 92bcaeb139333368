"""Time vetter scans on the real corpus, beside openapi-spec-validator.

    python bench/bench_scan.py [--repeat 3] [--shared ../shared]

Measures, all rules on:
  1. the whole of ../shared/corpus in one `vetter scan` (wall time, CPU time and peak RSS of the
     process tree), with its default workers and with --jobs 1, beside the parse floor (a Python
     process that only reads and parses the same JSON files) measured in the same run; and once
     more with one rule that finds nothing (--select AGT007): what the shared analysis and the
     report cost without the rules, a lower bound on a scan with every rule on;
  2. one median-sized package, whole process (`vetter scan DIR`), best and median of N;
  3. the largest swagger (HubSpot CRM V2, ~1 MB), whole process;
  4. openapi-spec-validator (iter_errors, every error) on the same swaggers, in one process.
Prints a Markdown table to paste into docs/benchmarks.md, wall time beside CPU time (user + sys,
the steadier figure on a shared machine). Not a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


CPU: list[float] = []  # CPU seconds (user + sys) of each process run, in order


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants (KiB), from /proc; 0 once it is gone."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_process(args: list[str], *, tree_memory: bool = True) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (MiB) and exit code of one vetter process (its CPU time goes to CPU).

    With ``tree_memory`` the peak is of the whole process tree (the scanning process plus its
    worker processes, sampled every 5 ms, shared pages counted once per process: an upper bound),
    or the largest single process's peak (getrusage) when that is higher; the wall time is then
    known to the 5 ms of the sampling. Without it (the sub-second runs: one package, no workers)
    the parent waits for the process, so the wall time is exact and nothing else runs beside it.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "vetter.cli", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    tree_peak = 0
    if tree_memory:
        while proc.poll() is None:
            tree_peak = max(tree_peak, _tree_rss_kib(proc.pid))
            time.sleep(0.005)
        wall = time.perf_counter() - start
        stderr = proc.stderr.read() if proc.stderr else b""
    else:
        stderr = proc.communicate()[1] or b""
        wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"vetter failed: {stderr.decode()[:500]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, max(after.ru_maxrss // 1024, tree_peak // 1024), proc.returncode


def interpreter_floor() -> float:
    """Wall seconds of a Python process that does nothing: what every whole-process figure starts from."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def parse_floor(corpus: Path) -> float:
    """Wall seconds of a Python process that reads and parses every corpus JSON file (the stop hook's floor)."""
    code = (
        "import json, os, sys\n"
        "for root, _d, files in os.walk(sys.argv[1]):\n"
        "    for f in files:\n"
        "        if f.lower().endswith('.json'):\n"
        "            try: json.loads(open(os.path.join(root, f), 'rb').read().decode('utf-8-sig'))\n"
        "            except Exception: pass\n"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(corpus)], check=True, capture_output=True)
    return time.perf_counter() - start


def cpu_of_last(n: int) -> str:
    return f"CPU {min(CPU[-n:]):.3f} s"


def swaggers(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*/*/*") if p.name.lower().endswith(".swagger.json"))


def median_package(corpus: Path) -> Path:
    sized = sorted((p.stat().st_size, p.parent) for p in swaggers(corpus))
    return sized[len(sized) // 2][1]


def bench_openapi_spec_validator(files: list[Path]) -> tuple[float, int, int]:
    from openapi_spec_validator import OpenAPIV2SpecValidator

    from vetter.model.jsonfile import JsonFile

    docs = []
    for f in files:
        jf = JsonFile(f.name, f.read_bytes())
        if jf.parsed and isinstance(jf.data, dict):
            docs.append(jf.data)
    start = time.perf_counter()
    failed = errors = 0
    for doc in docs:
        try:
            found = list(OpenAPIV2SpecValidator(doc).iter_errors())
        except Exception:  # it raises on some real documents
            failed += 1
            continue
        errors += len(found)
    return time.perf_counter() - start, len(docs), failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--skip-peer", action="store_true", help="do not time openapi-spec-validator")
    args = parser.parse_args()
    # An installed wheel has its bytecode compiled; do the same for the source tree so the
    # figures do not include compiling bytecode on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "vetter", "rules"], cwd=ROOT, check=True, capture_output=True)
    corpus = args.shared / "corpus"
    hubspot = corpus / "independent-publisher-connectors" / "HubSpot CRM V2"
    median = median_package(corpus)
    rows: list[tuple[str, str]] = []

    n_packages = sum(1 for g in corpus.iterdir() if g.is_dir() for p in g.iterdir() if p.is_dir())
    floors = [parse_floor(corpus) for _ in range(max(1, args.repeat // 2))]
    rows.append(("parse floor: one Python process reads and parses every corpus JSON file", f"{min(floors):.2f} s (median {statistics.median(floors):.2f} s)"))
    for jobs, label in (("0", "default (one worker per CPU)"), ("1", "--jobs 1 (one process, no workers)")):
        walls, peaks = [], []
        for _ in range(max(1, args.repeat // 2)):
            wall, peak, _code = run_process(["scan", str(corpus), "--format", "json", "--jobs", jobs, "--output", os.devnull])
            walls.append(wall)
            peaks.append(peak)
        rows.append((
            f"whole corpus ({n_packages} packages), one `vetter scan`, {label}",
            f"{min(walls):.2f} s = {min(walls) / min(floors):.1f}x the parse floor (median {statistics.median(walls):.2f} s), "
            f"{cpu_of_last(len(walls))} of all processes, peak RSS {max(peaks)} MiB",
        ))

    # the analysis every rule shares, with (almost) no rule: one rule that finds nothing in the corpus
    # (AGT007, an MCP connector's transport) keeps the loop, the parse, the secret scan, the security
    # and agent profiles, the dossier and the JSON report, and leaves out the rules and what their
    # findings cost (locating, excerpts): a lower bound on any scan with every rule on
    walls = [run_process(["scan", str(corpus), "--format", "json", "--select", "AGT007", "--output", os.devnull])[0] for _ in range(max(1, args.repeat // 2))]
    rows.append((
        "whole corpus, `--select AGT007` (one rule that finds nothing: the shared analysis and the report alone), default workers",
        f"{min(walls):.2f} s = {min(walls) / min(floors):.1f}x the parse floor (median {statistics.median(walls):.2f} s), {cpu_of_last(len(walls))}",
    ))

    for label, target in ((f"median package ({median.name})", median), ("HubSpot CRM V2 (1 MB swagger)", hubspot)):
        times = [run_process(["scan", str(target), "--format", "json", "--output", os.devnull], tree_memory=False)[0] for _ in range(args.repeat)]
        rows.append((f"{label}, whole process", f"{min(times):.3f} s (median {statistics.median(times):.3f} s), {cpu_of_last(len(times))}"))

    times = [run_process(["--version"], tree_memory=False)[0] for _ in range(args.repeat)]
    rows.append(("`vetter --version` (start-up floor)", f"{min(times):.3f} s, {cpu_of_last(len(times))}"))
    times = [interpreter_floor() for _ in range(args.repeat)]
    rows.append(("`python -c pass` (the interpreter's own start-up here, site hooks included)", f"{min(times):.3f} s (median {statistics.median(times):.3f} s)"))

    if not args.skip_peer:
        sys.path.insert(0, str(ROOT))
        seconds, docs, failed = bench_openapi_spec_validator(swaggers(corpus))
        rows.append((f"openapi-spec-validator, all {docs} parseable corpus swaggers, in process", f"{seconds:.2f} s ({failed} raised)"))
        seconds, docs, failed = bench_openapi_spec_validator([hubspot / "apiDefinition.swagger.json"])
        rows.append(("openapi-spec-validator, HubSpot CRM V2, in process", f"{seconds:.2f} s"))

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}; load average at the end {os.getloadavg()[0]:.2f}")
    print(f"command: python bench/bench_scan.py --repeat {args.repeat}\n")
    print("| measurement | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
