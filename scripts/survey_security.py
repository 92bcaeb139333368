"""Measure the security profile over a corpus: the figures in docs/security-survey.md.

    python3 scripts/survey_security.py ../shared/corpus > /tmp/security-survey.txt
"""

from __future__ import annotations

import collections
import sys
import time

from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.loader import find_packages
from vetter.report.export import profile_dict


def main(root: str) -> None:
    catalog = discover(entry_points=False)
    settings = Settings(select=["SEC"]).bind(catalog)
    c: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    hosts_per_package = []
    samples: dict[str, list[str]] = collections.defaultdict(list)
    n = 0
    t = time.process_time()
    for source in find_packages([root]):
        package = source.load()
        n += 1
        result = run_rules(package, catalog, settings)
        d = profile_dict(package)
        for f in result.findings:
            c["findings"][f.rule] += 1
        for rule in {f.rule for f in result.findings}:
            c["packages with finding"][rule] += 1
            if len(samples[rule]) < 6:
                samples[rule].append(package.origin.split("corpus/", 1)[-1])
        if d is None:
            c["auth kind"]["(no readable input)"] += 1
            continue
        c["auth kind"][d["auth"]["kind"]] += 1
        for s in d["auth"]["schemes"]:
            c["scheme kind"][s["kind"]] += 1
            c["identity"][s["identity"]] += 1
            if s["oauth"] and s["oauth"]["cloud"]:
                c["aad cloud"][s["oauth"]["cloud"]] += 1
        egress = [h for h in d["egress"]["hosts"] if "unused" not in h["flags"]]
        hosts_per_package.append(len(egress))
        for h in egress:
            c["host operator"][h["operator"]] += 1
            c["host geography"][h["geography"]] += 1
            c["host fixed"]["fixed" if h["fixed"] else "templated"] += 1
            for flag in h["flags"]:
                c["host flag"][flag] += 1
            for f in h["found"]:
                c["host found as"][f["role"]] += 1
        c["dlp"][d["dlp"]["group"]] += 1
        c["dlp first reason"][d["dlp"]["reasons"][0]["id"]] += 1
        for r in d["dlp"]["reasons"]:
            c["dlp reason (any)"][r["id"]] += 1
        c["personal data"]["packages" if d["residency"]["personal_data"] else "none"] += 1
        for pd in d["residency"]["personal_data"]:
            for f in pd["fields"]:
                c["personal data field"][f["category"]] += 1
        pp = d["residency"]["privacy_policy"]
        c["privacy policy"]["missing" if pp is None else ("http" if not pp["https"] else {True: "on publisher domain", False: "other domain", None: "not judged"}[pp["publisher_domain"]])] += 1
        del package
    took = time.process_time() - t
    hosts_per_package.sort()
    print(f"packages: {n}; CPU time for SEC rules + profile export: {took:.2f} s")
    if hosts_per_package:
        k = len(hosts_per_package)
        print(f"egress hosts per package: min {hosts_per_package[0]}, median {hosts_per_package[k // 2]}, p95 {hosts_per_package[int(k * 0.95)]}, max {hosts_per_package[-1]}, total {sum(hosts_per_package)}")
    for name, counter in c.items():
        print(f"\n{name}:")
        for key, value in counter.most_common():
            print(f"  {key}: {value}")
    print("\nexamples per rule:")
    for rule in sorted(samples):
        print(f"  {rule}: {', '.join(samples[rule])}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
