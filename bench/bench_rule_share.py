"""Time each rule over ../shared/corpus in one process, and the share of the issue-12 rules.

    python3 bench/bench_rule_share.py [--others-first] [--shared ../shared]

Runs every rule on every package (the engine's own steps: the rule's check, then turning
each violation into a finding, which locates its pointer), summing the CPU time
(``time.process_time``, steadier than wall time on a shared machine) per rule. With
--others-first the rules of other areas run first on each package, so parsing and the
swagger index are charged to them and the CRT / XFL / PRP002+ figures are what those
rules add. Not a test: timings vary with the machine and its load.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vetter.base.rule import InputUnavailable
from vetter.engine.catalog import discover
from vetter.engine.runner import make_finding
from vetter.engine.settings import Settings
from vetter.model.loader import find_packages
from vetter.model.options import RunOptions


def ours(rule_id: str) -> bool:
    return rule_id.startswith(("CRT", "XFL")) or (rule_id.startswith("PRP") and rule_id != "PRP001")


def main(argv: list[str]) -> None:
    shared = Path(argv[argv.index("--shared") + 1]) if "--shared" in argv else ROOT.parent / "shared"
    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    options = RunOptions()
    packaged = [r for r in catalog if r.rule.scope == "package"]  # policy rules (DLP) check a --dlp-policy, not a package
    order = sorted(packaged, key=lambda r: (ours(r.id), r.id)) if "--others-first" in argv else packaged
    spent: dict[str, float] = {}
    locating: dict[str, float] = {}
    start = time.process_time()
    for source in find_packages([shared / "corpus"]):
        package = source.load()
        for loaded in order:
            a = time.process_time()
            try:
                violations = list(loaded.run(package, options))
            except InputUnavailable:
                spent[loaded.id] = spent.get(loaded.id, 0.0) + time.process_time() - a
                continue
            b = time.process_time()
            for v in violations:
                make_finding(loaded.rule, loaded.doc, v, package, settings)
            locating[loaded.id] = locating.get(loaded.id, 0.0) + time.process_time() - b
            spent[loaded.id] = spent.get(loaded.id, 0.0) + time.process_time() - a
    total = time.process_time() - start
    mine = sum(v for k, v in spent.items() if ours(k))
    others = sum(v for k, v in spent.items() if not ours(k))
    n_mine = sum(1 for r in catalog if ours(r.id))
    print(f"CPU {total:.2f} s in all (loading included); rules: issue 12 ({n_mine}) {mine:.2f} s, others ({len(packaged) - n_mine}) {others:.2f} s")
    print(f"issue-12 share of rule time: {100 * mine / (mine + others):.0f}%; of which locating findings {sum(v for k, v in locating.items() if ours(k)):.2f} s")
    for rule_id, seconds in sorted(((k, v) for k, v in spent.items() if ours(k)), key=lambda kv: -kv[1])[:10]:
        print(f"  {rule_id} {seconds:.3f} s (locating findings {locating.get(rule_id, 0.0):.3f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
