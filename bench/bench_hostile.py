"""The largest hostile package docs/robustness.md measures: a swagger of 250,000 operations.

    python3 bench/bench_hostile.py [--operations 250000] [--budget-args "--budget-seconds 0 --budget-memory 0"]

Writes the package to a temporary folder (a swagger of about 30 MB, under the 32 MB vetter
accepts), runs ``vetter scan`` on it once in a child process with the given budget arguments
(default: none, i.e. the command line's defaults) and prints the wall time, the child's peak
resident memory, the exit code and the budget and listing findings (VET010, VET011). A
measuring script, not a test: tests/test_hostile.py checks the behaviour with CPU bounds.
"""

from __future__ import annotations

import argparse
import json
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_package(folder: Path, operations: int) -> Path:
    paths = {
        f"/items{i}": {"get": {"operationId": f"GetItem{i}", "summary": f"Get item {i}", "responses": {"200": {"description": "OK"}}}}
        for i in range(operations)
    }
    swagger = {"swagger": "2.0", "info": {"title": "Many operations", "version": "1.0", "description": "A connector with very many operations."},
               "host": "api.example.com", "basePath": "/", "schemes": ["https"], "paths": paths}
    package = folder / "many-operations"
    package.mkdir()
    (package / "apiDefinition.swagger.json").write_text(json.dumps(swagger), encoding="utf-8")
    return package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--operations", type=int, default=250_000)
    parser.add_argument("--budget-args", default="", help="extra scan arguments, e.g. '--budget-seconds 0 --budget-memory 0'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = write_package(Path(tmp), args.operations)
        size = (package / "apiDefinition.swagger.json").stat().st_size
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "vetter.cli", "scan", str(package), "--format", "json", "--output", str(report),
                   *shlex.split(args.budget_args)]
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        rules = {}
        if report.exists():
            for package_result in json.loads(report.read_text(encoding="utf-8"))["packages"]:
                for finding in package_result["findings"]:
                    if finding["rule"] in ("VET010", "VET011"):
                        rules[finding["rule"]] = finding["message"][:160]
        print(f"{args.operations:,} operations, swagger {size / 1e6:.1f} MB, args {args.budget_args or '(defaults)'}")
        print(f"wall {wall:.1f} s, peak {peak} MB, exit {proc.returncode}")
        for rule, message in sorted(rules.items()):
            print(f"  {rule}: {message}")
        if proc.returncode not in (0, 1):
            print(proc.stderr.strip()[-400:])


if __name__ == "__main__":
    main()
