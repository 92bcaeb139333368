"""Survey for docs/certification-survey.md: findings per rule and profile detection over a corpus.

    python3 scripts/survey_certification.py [../shared/corpus] [--profile P] [--examples ID]

Prints, per CRT / PRP / XFL rule, the findings and the packages with a finding (with the
share of packages), the detected profile per corpus group (with the folder signal and
without it), and the time the scan of these rules took in this process.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from msgspec.structs import replace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.loader import find_packages
from vetter.model.options import RunOptions
from vetter.model.profiles import detect_profile, profile_of

MINE = ("CRT", "XFL")


def mine(rule_id: str) -> bool:
    return rule_id.startswith(MINE) or (rule_id.startswith("PRP") and rule_id != "PRP001")


def main(argv: list[str]) -> None:
    flags = {"--profile", "--examples"}
    free = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] not in flags)]
    corpus = free[0] if free else str(ROOT.parent / "shared" / "corpus")
    profile = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    show = argv[argv.index("--examples") + 1] if "--examples" in argv else None
    catalog = discover(entry_points=False)
    ids = sorted(r.id for r in catalog if mine(r.id))
    settings = Settings(select=ids).bind(catalog)
    others = Settings(select=sorted(r.id for r in catalog if not mine(r.id))).bind(catalog)
    options = RunOptions(profile=profile)
    packages = Counter()
    findings = Counter()
    severities: dict[str, Counter] = defaultdict(Counter)
    groups: dict[str, Counter] = defaultdict(Counter)
    content_only: dict[str, Counter] = defaultdict(Counter)
    misses = []
    total = 0
    elapsed = 0.0
    for source in find_packages([corpus]):
        package = source.load()
        total += 1
        group = "independent-publisher" if "independent-publisher-connectors" in package.origin else "custom"
        run_rules(package, catalog, others, options)  # parses the files: the cost every scan pays anyway
        start = time.perf_counter()
        result = run_rules(package, catalog, settings, options)
        elapsed += time.perf_counter() - start
        groups[group][profile_of(package, options).name] += 1
        bare = detect_profile(replace(package, origin=package.name, _derived={}, analysis=None))
        content_only[group][bare.name] += 1
        if bare.name != group:
            misses.append((group, package.name, bare.name, bare.reason))
        seen = set()
        for f in result.findings:
            findings[f.rule] += 1
            severities[f.rule][f.severity.value] += 1
            seen.add(f.rule)
            if show and f.rule == show:
                print(f"  {package.name}: {f.location}: {f.message}")
        packages.update(seen)
    print(f"{total} packages, profile option: {profile or 'detected'}; rules {ids[0]}..{ids[-1]} ({len(ids)}) took {elapsed:.2f} s in process, after the other rules had parsed the files")
    print("| rule | findings | packages | share | severities |")
    print("|---|---|---|---|---|")
    for rid in ids:
        share = 100 * packages[rid] / total if total else 0
        sev = ", ".join(f"{k} {v}" for k, v in sorted(severities[rid].items()))
        flag = " **>5%**" if share > 5 else ""
        print(f"| {rid} | {findings[rid]} | {packages[rid]} | {share:.1f}%{flag} | {sev} |")
    print("\nprofile per group (as scanned; origin has the folder):")
    for g, c in sorted(groups.items()):
        print(f"  {g}: {dict(c)}")
    print("profile per group from content only (origin without the folder):")
    for g, c in sorted(content_only.items()):
        print(f"  {g}: {dict(c)}")
    for m in misses:
        print(f"  misdetected {m[0]}/{m[1]} -> {m[2]} ({m[3]})")


if __name__ == "__main__":
    main(sys.argv[1:])
