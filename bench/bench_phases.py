"""Where a whole-corpus scan's time goes, phase by phase, beside the parse floor (issue 28's map).

    python bench/bench_phases.py [--repeat 3] [--top 12] [--shared ../shared]

Runs the scan loop itself (``vetter.commands.scan.add_source``, all rules on, one process, the
scan's garbage-collector settings) over every corpus package and splits each package's time
at the points the loop already marks for the budget (``stage``), with the shared views built
and timed one by one right after the edge, before any rule asks for them:

  load      read the package's files (folder or zip)
  parse     every JSON file parsed (duplicate keys, positions of defects)
  index     the swagger's one walk (operations, parameters, schemas, extensions, refs)
  secrets   the secret scan of every file
  security  the security profile (hosts, auth, personal data, DLP suggestion)
  agent     the agent profile and the texts a model reads
  script    script.csx parsed (tree-sitter), for the packages that have one
  rules     every rule's check, views already built
  locate    line and column of every finding, fingerprints
  dossier   the security profile's report form and the certification profile
  excerpts  redaction, source lines around each finding, risk score
then the report: ``to_dict`` and the JSON bytes, once per round. One more round splits the rules
phase by rule (each check's generator consumed under the clock) and lists the dearest: the phases
are timed in rounds without that split, since reading the clock twice a check (148,000 checks a
round) adds about 0.2 s to the rules phase.

Beside them, in the same process and the same round: the parse floor as the stop hook and
``bench_scan.py`` measure it (read and ``json.loads`` every corpus JSON file). Prints the best
round's figures (CPU seconds, ``time.process_time``) as a Markdown table. Not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHASES = (
    "load",
    "parse",
    "index",
    "secrets",
    "security",
    "agent",
    "script",
    "rules",
    "locate",
    "dossier",
    "excerpts",
    "report",
)


def floor(corpus: Path) -> float:
    """CPU seconds to read and parse every corpus JSON file, in this process (bench_scan.parse_floor's loop)."""
    start = time.process_time()
    for root, _dirs, files in os.walk(corpus):
        for name in files:
            if name.lower().endswith(".json"):
                try:
                    with open(os.path.join(root, name), "rb") as fh:
                        json.loads(fh.read().decode("utf-8-sig"))
                except Exception:  # the floor parses what parses, as the hook's does
                    continue
    return time.process_time() - start


class Clock:
    """Time since the last mark, added to the phase named."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)
        self.last = time.process_time()

    def mark(self, phase: str) -> None:
        now = time.process_time()
        self.spent[phase] += now - self.last
        self.last = now


def one_round(sources: list[Any], catalog: Any, settings: Any, options: Any, *, by_rule: bool = False) -> dict[str, float]:
    import vetter.base.budget
    import vetter.commands.scan
    import vetter.engine.runner
    from vetter.agent.profile import agent_profile
    from vetter.agent.texts import model_texts
    from vetter.base.rule import InputUnavailable
    from vetter.engine.catalog import LoadedRule
    from vetter.model.csx import parse_script
    from vetter.render.formats import render_bytes
    from vetter.report.model import ScanReport, to_dict
    from vetter.security.profile import security_profile
    from vetter.security.secrets import find_secrets

    # the modules whose names are swapped for timed wrappers during the round (restored after it)
    scan: Any = vetter.commands.scan
    budget: Any = vetter.base.budget
    runner: Any = vetter.engine.runner
    clock = Clock()
    real_analyse, real_stage, real_runner_stage = scan.analyse, budget.stage, runner.stage
    real_run = LoadedRule.run
    per_rule: defaultdict[str, float] = defaultdict(float)

    def run(self: Any, package: Any, opts: Any) -> list[Any]:  # one rule's check, consumed and timed
        start = time.process_time()
        try:
            return list(real_run(self, package, opts))
        finally:
            per_rule[self.id] += time.process_time() - start

    def view(phase: str, build: Any) -> None:
        with contextlib.suppress(InputUnavailable):
            build()
        clock.mark(phase)

    def analyse(package: Any, opts: Any) -> Any:  # the edge, then every shared view, each timed
        out = real_analyse(package, opts)
        clock.mark("load")
        view("parse", lambda: package.json_files)
        view("index", lambda: package.swagger.index)
        view("secrets", lambda: find_secrets(package))
        view("security", lambda: security_profile(package))
        view("agent", lambda: (agent_profile(package, opts), model_texts(package, opts)))
        view("script", lambda: parse_script(package))
        return out

    def stage(text: object) -> None:  # the loop's own marks: what ran since the last one
        said = str(text) if isinstance(text, str) else ""
        if said.startswith("the findings of"):
            clock.mark("rules")
        elif said.startswith("building the security profile"):
            clock.mark("locate")
        elif said.startswith("collecting the source lines"):
            clock.mark("dossier")
        real_stage(text)

    report = ScanReport()
    scan.analyse, budget.stage, runner.stage = analyse, stage, stage
    loaded_rule: Any = LoadedRule
    if by_rule:
        loaded_rule.run = run
    try:
        with scan._fewer_collections():
            for source in sources:
                clock.last = time.process_time()
                scan.add_source(report, source, catalog, settings, options)
                clock.mark("excerpts")
        render_bytes(to_dict(report), "json")
        clock.mark("report")
    finally:
        scan.analyse, budget.stage, runner.stage = real_analyse, real_stage, real_runner_stage
        loaded_rule.run = real_run
    clock.spent.update({f"rule {rule}": seconds for rule, seconds in per_rule.items()})
    return clock.spent


def main() -> None:
    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings
    from vetter.model.loader import find_packages
    from vetter.model.options import RunOptions

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--top", type=int, default=12, help="how many of the dearest rules to list")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    options = RunOptions()
    sources = list(find_packages([corpus]))
    rounds: list[tuple[float, dict[str, float]]] = []
    for _ in range(args.repeat):
        gc.collect()
        floor_cpu = floor(corpus)
        rounds.append((floor_cpu, one_round(sources, catalog, settings, options)))
    floor_cpu, spent = min(rounds, key=lambda r: sum(r[1][phase] for phase in PHASES))
    gc.collect()
    split = one_round(sources, catalog, settings, options, by_rule=True)
    best_floor = min(f for f, _ in rounds)
    total = sum(spent[phase] for phase in PHASES)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average at the end {os.getloadavg()[0]:.2f}"
    )
    print(f"command: python bench/bench_phases.py --repeat {args.repeat}; {len(sources)} packages, one process\n")
    print("| phase | CPU | share | × floor |")
    print("|---|---|---|---|")
    print(f"| parse floor (read + `json.loads` every corpus JSON file, this process) | {best_floor:.3f} s | | 1.0 |")
    for phase in PHASES:
        print(
            f"| {phase} | {spent[phase]:.3f} s | {100 * spent[phase] / total:.0f}% | {spent[phase] / best_floor:.1f} |"
        )
    print(f"| **all** | **{total:.3f} s** | 100% | **{total / best_floor:.1f}** |")
    print(
        f"\n(best of {args.repeat} rounds by total; the floor of each round: {', '.join(f'{f:.3f}' for f, _ in rounds)} s)"
    )
    rules = sorted(
        ((k.removeprefix("rule "), v) for k, v in split.items() if k.startswith("rule ")),
        key=lambda kv: (-kv[1], kv[0]),
    )
    top, rest = rules[: args.top], rules[args.top :]
    print(
        f"\nThe dearest rules, from one more round that timed each check (its rules phase {split['rules']:.3f} s with"
        " the clock read around every check; the shares are of that):\n"
    )
    print("| rule | CPU | share of the rules phase |")
    print("|---|---|---|")
    for rule, seconds in top:
        print(f"| {rule} | {seconds:.3f} s | {100 * seconds / split['rules']:.1f}% |")
    others = sum(seconds for _, seconds in rest)
    print(f"| the other {len(rest)} | {others:.3f} s | {100 * others / split['rules']:.1f}% |")


if __name__ == "__main__":
    main()
