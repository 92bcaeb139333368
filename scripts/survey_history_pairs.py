"""Run `vetter diff` semantics over ../shared/history-pairs and summarise, or show one pair.

    python scripts/survey_history_pairs.py                 # counts per class (Markdown)
    python scripts/survey_history_pairs.py --show "custom-connectors/AzureAdIp" 2
                                                           # one pair: our changes + a raw deepdiff

The raw view uses deepdiff (pip install deepdiff) on the two documents as parsed, so a
reviewer can check each reported change against what really changed, and spot misses.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vetter.compare import DiffError, diff_packages
from vetter.compare.classes import CLASSES, SEVERITIES
from vetter.package import package_from_files


def records(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "index.jsonl").read_text().splitlines() if line.strip()]


def pair(root: Path, record: dict):
    old = package_from_files("old", {"apiDefinition.swagger.json": (root / record["old_file"]).read_bytes()}, kind="swagger")
    new = package_from_files("new", {"apiDefinition.swagger.json": (root / record["new_file"]).read_bytes()}, kind="swagger")
    return old, new


def summary(root: Path) -> None:
    recs = records(root)
    pairs_with: collections.Counter[str] = collections.Counter()
    changes: collections.Counter[str] = collections.Counter()
    by_severity: collections.Counter[str] = collections.Counter()
    unreadable = []
    for record in recs:
        old, new = pair(root, record)
        try:
            result = diff_packages(old, new)
        except DiffError as exc:
            unreadable.append((record["connector"], record["n"], str(exc)))
            continue
        worst = max((c.severity for c in result.changes), key=SEVERITIES[::-1].index, default=None)
        by_severity[worst or "no change"] += 1
        for cls in {c.cls for c in result.changes}:
            pairs_with[cls] += 1
        for c in result.changes:
            changes[c.cls] += 1
    print(f"pairs: {len(recs)}; compared: {len(recs) - len(unreadable)}; a side unreadable: {len(unreadable)}\n")
    print("| worst change in the pair | pairs |\n|---|---|")
    for key in (*SEVERITIES, "no change"):
        print(f"| {key} | {by_severity[key]} |")
    print("\n| class | severity | Microsoft | pairs | changes |\n|---|---|---|---|---|")
    for name, cls in CLASSES.items():
        if pairs_with[name]:
            print(f"| {name} | {cls.severity} | {cls.microsoft or ''} | {pairs_with[name]} | {changes[name]} |")
    for connector, n, why in unreadable:
        print(f"\nunreadable: {connector} #{n}: {why}")


def show(root: Path, connector: str, n: int) -> None:
    from deepdiff import DeepDiff

    record = next(r for r in records(root) if r["connector"] == connector and r["n"] == n)
    print(f"{connector} #{n} {record['commit'][:10]} {record['subject']!r}")
    old, new = pair(root, record)
    try:
        result = diff_packages(old, new)
    except DiffError as exc:
        print(f"  unreadable: {exc}")
        return
    for c in result.changes:
        print(f"  {c.severity:<20} {c.key}  | {c.message}")
    raw = DeepDiff(old.swagger_file.data, new.swagger_file.data, view="tree", threshold_to_diff_deeper=0)
    print("  --- deepdiff (documents as parsed) ---")
    for kind, items in raw.items():
        for item in list(items)[:40]:
            print(f"  {kind}: {item.path()}")
        if len(items) > 40:
            print(f"  {kind}: ... {len(items) - 40} more")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", nargs=2, metavar=("CONNECTOR", "N"))
    args = parser.parse_args()
    root = args.shared / "history-pairs"
    if args.show:
        show(root, args.show[0], int(args.show[1]))
    else:
        summary(root)


if __name__ == "__main__":
    main()
