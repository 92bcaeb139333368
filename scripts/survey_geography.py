"""How many third-party hosts of a corpus have a known geography: the figure in docs/security.md.

    python3 scripts/survey_geography.py ../shared/corpus [--sample 50 --seed 23]

Counts the distinct fixed hosts that a third party runs (and their occurrences, one per package
and host) whose geography is not ``unknown``, offline (no ``--online``). A host the profile flags
as a placeholder or an invalid name (``api.contoso.com``, ``yourinstance.service-now.com``) is a
finding for the author, not a place data goes: it is left out of the count, as it is left out of
the DLP patterns, and the figure with it counted is printed too. ``--sample N`` lists N of the
placed hosts, drawn with the seed, for a hand check.
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
    placeholders: dict[str, int] = {}
    for source in find_packages([args.root]):
        try:
            profile = security_profile(source.load())
        except InputUnavailable:
            continue
        for h in profile.egress:
            if not (h.operator == "third-party" and h.fixed and h.host):
                continue
            if h.is_placeholder:  # left out as the DLP patterns leave it out
                placeholders[h.host] = placeholders.get(h.host, 0) + 1
            else:
                hosts[h.host] = (h.geography, h.geography_strength, h.geography_evidence)
                occurrences[h.geography != "unknown"] += 1
    known = sorted(h for h, (g, _s, _e) in hosts.items() if g != "unknown")
    total = occurrences[True] + occurrences[False]
    print(f"distinct fixed third-party hosts: {len(hosts)}; geography known: {len(known)} ({100 * len(known) / len(hosts):.1f}%)")
    print(f"occurrences: {occurrences[True]} of {total} ({100 * occurrences[True] / total:.1f}%)")
    every, every_total = len(set(hosts) | set(placeholders)), total + sum(placeholders.values())
    print(
        f"with the {len(placeholders)} placeholder hosts counted ({', '.join(sorted(placeholders))}): "
        f"{len(known)} of {every} ({100 * len(known) / every:.1f}%); occurrences {occurrences[True]} of {every_total} "
        f"({100 * occurrences[True] / every_total:.1f}%)"
    )
    for host in sorted(random.Random(args.seed).sample(known, min(args.sample, len(known)))):
        geography, strength, evidence = hosts[host]
        print(f"{host} | {geography} ({strength}) | {evidence}")


if __name__ == "__main__":
    main()
