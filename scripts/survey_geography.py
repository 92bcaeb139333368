"""How many third-party hosts of a corpus have a known geography: the figure in docs/security.md.

    python3 scripts/survey_geography.py ../shared/corpus [--sample 50 --seed 23]

Counts the distinct fixed hosts that a third party runs (and their occurrences, one per package
and host) whose geography is not ``unknown``, offline (no ``--online``). ``--sample N`` lists N
of the placed hosts, drawn with the seed, for a hand check.
"""

from __future__ import annotations

import argparse
import collections
import random

from vetter.base.rule import InputUnavailable
from vetter.model.loader import find_packages
from vetter.security.profile import security_profile


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    hosts: dict[str, tuple[str, str, str | None]] = {}
    occurrences: collections.Counter[bool] = collections.Counter()
    for source in find_packages([args.root]):
        try:
            profile = security_profile(source.load())
        except InputUnavailable:
            continue
        for h in profile.egress:
            if h.operator == "third-party" and h.fixed and h.host:
                hosts[h.host] = (h.geography, h.geography_strength, h.geography_evidence)
                occurrences[h.geography != "unknown"] += 1
    known = sorted(h for h, (g, _s, _e) in hosts.items() if g != "unknown")
    total = occurrences[True] + occurrences[False]
    print(f"distinct fixed third-party hosts: {len(hosts)}; geography known: {len(known)} ({100 * len(known) / len(hosts):.1f}%)")
    print(f"occurrences: {occurrences[True]} of {total} ({100 * occurrences[True] / total:.1f}%)")
    for host in sorted(random.Random(args.seed).sample(known, min(args.sample, len(known)))):
        geography, strength, evidence = hosts[host]
        print(f"{host} | {geography} ({strength}) | {evidence}")


if __name__ == "__main__":
    main()
