"""CPU time of groups of rules over the corpus, in one process (less load-sensitive than wall time).

    python bench/bench_rule_cost.py [--repeat 3] [--shared ../shared]

Loads every corpus package (parse and index: not counted in the rule groups), then times
each group's check() calls with time.process_time(), on fresh packages each round so shared
views (keyword index, effective parameters, dynamic calls) are built inside the timing of the
first rule that asks for them. Groups: the validator rules of issue 11 (OPR, XMS, SWG005 on)
and all the others. Prints the minimum and every round.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from vetter.base.rule import InputUnavailable
    from vetter.engine.catalog import discover
    from vetter.model.loader import find_packages, load_source
    from vetter.model.options import RunOptions

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    catalog = [r for r in discover(entry_points=False) if r.rule.scope == "package"]  # policy rules (DLP) check a --dlp-policy, not a package
    options = RunOptions()
    validator = [r for r in catalog if r.id[:3] in ("OPR", "XMS") or (r.id[:3] == "SWG" and int(r.id[3:]) >= 5)]
    others = [r for r in catalog if r not in validator]
    sources = list(find_packages([args.shared / "corpus"]))

    def timed(packages: list[Any], rules: list[Any]) -> float:
        start = time.process_time()
        for package in packages:
            for rule in rules:
                with contextlib.suppress(InputUnavailable):
                    list(rule.run(package, options))
        return time.process_time() - start

    rounds: dict[str, list[float]] = {"load + parse + index": [], "other rules": [], "validator rules (OPR, XMS, SWG005+)": []}
    for _ in range(args.repeat):
        start = time.process_time()
        packages = [load_source(s) for s in sources]
        for package in packages:
            with contextlib.suppress(InputUnavailable):
                package.swagger.index  # noqa: B018
        rounds["load + parse + index"].append(time.process_time() - start)
        rounds["other rules"].append(timed(packages, others))
        rounds["validator rules (OPR, XMS, SWG005+)"].append(timed(packages, validator))
    print(f"{len(sources)} packages, {len(validator)} validator rules, {len(others)} others")
    for name, values in rounds.items():
        print(f"| {name} | {min(values):.2f} s CPU (rounds: {', '.join(f'{v:.2f}' for v in values)}) |")


if __name__ == "__main__":
    main()
