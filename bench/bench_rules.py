"""What each extra rule costs: 200 generated trivial rules that each read the swagger index.

    python bench/bench_rules.py [--rules 200] [--repeat 5] [--shared ../shared]

Generates N rule modules in a temporary folder (each one a real rule module, in
its own category folder, reading ``package.swagger.index``: operations, schemas,
extensions) and measures, on the median-size corpus package:

  in process
    * discovery: the built-in catalogue, and the built-in one plus the N rules;
    * one package through all rules, with and without the N rules, the swagger
      index counted (it must be built once per document, whatever N is);
    * the parse floor: reading the package and parsing its JSON files, nothing else;
  whole process (``python -m vetter.cli scan PKG --format json``)
    * with and without ``--rules-dir`` holding the N rules, and the process floor
      (``python -c`` that only parses the same swagger with the json module).

Prints a Markdown table for docs/benchmarks.md, with each figure's ratio to the
floor measured in the same run. Wall time and CPU time (user + sys) are both
shown for whole processes (in-process figures are CPU time): on a shared machine CPU time
is the steadier of the two.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# In-process figures are CPU time of this process: on a shared machine wall time mostly
# measures the neighbours. Whole-process figures give both.
CLOCK = time.process_time
sys.path.insert(0, str(ROOT))

RULE = '''
"""Synthetic rule {n}: reads the swagger index (benchmark only).

## Why
bench/bench_rules.py measures the cost of one more rule.

## How to fix
Nothing to fix.
"""

from vetter import Rule, Severity

RULE = Rule(id="SYN{n:03d}", name="synthetic-{n}", category="synthetic", severity=Severity.INFO)


def check(package):
    swagger = package.swagger
    index = swagger.index
    if len(index.operations) < 0 or len(index.schemas) < 0 or len(list(swagger.extensions("x-ms-"))) < 0:
        yield None  # never: the rule only reads the index
    return
'''


def write_rules(folder: Path, count: int) -> None:
    area = folder / "synthetic"
    area.mkdir(parents=True)
    (area / "__init__.py").write_text('"""synthetic rules (benchmark only)."""\n\nPREFIX = "SYN"\n')
    for n in range(count):
        (area / f"syn{n:03d}_synthetic_{n}.py").write_text(textwrap.dedent(RULE.format(n=n)).lstrip())


def median_package(corpus: Path) -> Path:
    sized = sorted((p.stat().st_size, p.parent) for p in corpus.glob("*/*/*") if p.name.lower().endswith(".swagger.json"))
    return sized[len(sized) // 2][1]


def best(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def in_process(package_dir: Path, rules_dir: Path, repeat: int) -> dict[str, object]:
    import vetter.model.swagger as swagger_module
    from vetter.engine.catalog import discover
    from vetter.engine.runner import run_rules
    from vetter.engine.settings import Settings
    from vetter.model.jsonfile import JsonFile
    from vetter.model.loader import find_packages, load_source

    out: dict[str, object] = {}
    # discovery: fresh module names each time, so nothing is reused from sys.modules
    times_base, times_more = [], []
    for _ in range(repeat):
        for name in [m for m in sys.modules if m.startswith(("vetter_builtin_rules", "vetter_user_rules"))]:
            del sys.modules[name]
        start = CLOCK()
        base = discover(entry_points=True)
        times_base.append(CLOCK() - start)
        for name in [m for m in sys.modules if m.startswith(("vetter_builtin_rules", "vetter_user_rules"))]:
            del sys.modules[name]
        start = CLOCK()
        more = discover([rules_dir], entry_points=True)
        times_more.append(CLOCK() - start)
    out["discover_base"], out["discover_more"] = best(times_base), best(times_more)
    out["rules_base"], out["rules_more"] = len(base), len(more)

    builds = 0
    real_build = swagger_module._build_index

    def counting(root):
        nonlocal builds
        builds += 1
        return real_build(root)

    swagger_module._build_index = counting
    source = next(iter(find_packages([package_dir])))
    for label, catalog in (("base", base), ("more", more)):
        settings = Settings().bind(catalog)
        times, counts = [], []
        for _ in range(repeat):
            builds = 0
            start = CLOCK()
            package = load_source(source)
            result = run_rules(package, catalog, settings)
            times.append(CLOCK() - start)
            counts.append(builds)
            crashed = [f.message for f in result.findings if f.rule == "VET001"]
            if crashed:
                raise SystemExit(f"{len(crashed)} rules crashed, first: {crashed[0][:300]}")
        out[f"run_{label}"] = best(times)
        out[f"builds_{label}"] = sorted(set(counts))
    swagger_module._build_index = real_build

    times = []
    for _ in range(repeat):
        start = CLOCK()
        package = load_source(source)
        for name in package.json_files:
            JsonFile(name, package.files[name])
        times.append(CLOCK() - start)
    out["parse_floor"] = best(times)
    return out


def process(args: list[str], repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(best, median) wall seconds and (best, median) CPU seconds of a child process."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, *args], capture_output=True, cwd=ROOT, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{args} failed: {proc.stderr.decode()[:400]}")
    return best(walls), best(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", "vetter", "rules"], cwd=ROOT, check=True, capture_output=True)
    package = median_package(args.shared / "corpus")
    swagger = next(p for p in package.iterdir() if p.name.lower().endswith(".swagger.json"))
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir = Path(tmp) / "rules"
        write_rules(rules_dir, args.rules)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(rules_dir)], check=True, capture_output=True)
        ip = in_process(package, rules_dir, args.repeat)
        scan = ["-m", "vetter.cli", "scan", str(package), "--format", "json", "--output", os.devnull]
        whole_base = process(scan, args.repeat)
        whole_more = process([*scan, "--rules-dir", str(rules_dir)], args.repeat)
        floor = process(["-c", f"import json; json.load(open({str(swagger)!r}, 'rb'))"], args.repeat)
        python = process(["-c", "pass"], args.repeat)

    n = args.rules
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}; load average {os.getloadavg()[0]:.2f}")
    print(f"Package: {package.name} ({swagger.stat().st_size // 1024} KB swagger); {ip['rules_base']} built-in rules, +{n} synthetic\n")
    print("| measurement | best (median) | ratio to floor |")
    print("|---|---|---|")
    pf = ip["parse_floor"][0]  # type: ignore[index]
    print(f"| in process: parse floor (read package, parse its JSON) | {ms(pf)} ({ms(ip['parse_floor'][1])}) | 1.0 |")  # type: ignore[index]
    for label, key in (("built-in rules", "base"), (f"built-in + {n} rules", "more")):
        t = ip[f"run_{key}"]
        print(f"| in process: one package, {label}; index builds per run {ip[f'builds_{key}']} | {ms(t[0])} ({ms(t[1])}) | {t[0] / pf:.1f} |")  # type: ignore[index]
    per_rule_run = (ip["run_more"][0] - ip["run_base"][0]) / n  # type: ignore[index]
    print(f"| in process: discovery, built-in rules | {ms(ip['discover_base'][0])} ({ms(ip['discover_base'][1])}) | |")  # type: ignore[index]
    print(f"| in process: discovery, built-in + {n} rules | {ms(ip['discover_more'][0])} ({ms(ip['discover_more'][1])}) | |")  # type: ignore[index]
    per_rule_load = (ip["discover_more"][0] - ip["discover_base"][0]) / n  # type: ignore[index]
    print(f"| per extra rule, in process: run / discovery | {per_rule_run * 1e6:.0f} µs / {per_rule_load * 1e6:.0f} µs | |")
    fw, fc = floor
    print(f"| whole process: `python -c pass` | {ms(python[0][0])} wall, {ms(python[1][0])} CPU | |")
    print(f"| whole process: floor (python parses the swagger with json) | {ms(fw[0])} ({ms(fw[1])}) wall, {ms(fc[0])} CPU | 1.0 |")
    for label, (w, c) in (("vetter scan, built-in rules", whole_base), (f"vetter scan, built-in + {n} rules", whole_more)):
        print(f"| whole process: {label} | {ms(w[0])} ({ms(w[1])}) wall, {ms(c[0])} CPU | {w[0] / fw[0]:.1f} wall, {c[0] / fc[0]:.1f} CPU |")
    extra = (whole_more[0][0] - whole_base[0][0]) / n
    extra_cpu = (whole_more[1][0] - whole_base[1][0]) / n
    print(f"| per extra rule, whole process | {extra * 1e6:.0f} µs wall, {extra_cpu * 1e6:.0f} µs CPU | |")


if __name__ == "__main__":
    main()
