"""Run `vetter diff` semantics over ../shared/history-pairs and summarise, or show one pair.

    python scripts/survey_history_pairs.py                 # counts per class (Markdown)
    python scripts/survey_history_pairs.py --save now.json # ... and every pair's changes, for a later comparison
    python scripts/survey_history_pairs.py --before then.json
                                                           # counts before/after per class, pairs whose verdict changed
    python scripts/survey_history_pairs.py --show "custom-connectors/AzureAdIp" 2
                                                           # one pair: our changes + a raw deepdiff

To survey an older version of vetter, run this script from a checkout of that version
(``git archive REV | tar -x -C /tmp/old; cp scripts/survey_history_pairs.py /tmp/old/scripts/``)
with ``--save``, then run it here with ``--before``.

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
from vetter.model.package import package_from_files


def records(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "index.jsonl").read_text().splitlines() if line.strip()]


def pair(root: Path, record: dict):
    old = package_from_files("old", {"apiDefinition.swagger.json": (root / record["old_file"]).read_bytes()}, kind="swagger")
    new = package_from_files("new", {"apiDefinition.swagger.json": (root / record["new_file"]).read_bytes()}, kind="swagger")
    return old, new


def results(root: Path) -> dict[str, list[list[str]] | str]:
    """Every pair's changes as [key, class, severity], or the one-line error for an unreadable side."""
    out: dict[str, list[list[str]] | str] = {}
    for record in records(root):
        old, new = pair(root, record)
        name = f"{record['connector']} #{record['n']}"
        try:
            out[name] = [[c.key, c.cls, c.severity] for c in diff_packages(old, new).changes]
        except DiffError as exc:
            out[name] = str(exc)
    return out


def _worst(changes: list[list[str]]) -> str:
    return max((c[2] for c in changes), key=SEVERITIES[::-1].index, default="no change")


def _counts(res: dict[str, list[list[str]] | str]) -> tuple[collections.Counter[str], collections.Counter[str], collections.Counter[str], dict[str, str]]:
    pairs_with: collections.Counter[str] = collections.Counter()
    changes: collections.Counter[str] = collections.Counter()
    by_worst: collections.Counter[str] = collections.Counter()
    severity: dict[str, str] = {}
    for value in res.values():
        if isinstance(value, str):
            continue
        by_worst[_worst(value)] += 1
        for cls in {c[1] for c in value}:
            pairs_with[cls] += 1
        for _, cls, sev in value:
            changes[cls] += 1
            severity.setdefault(cls, sev)
    return pairs_with, changes, by_worst, severity


def summary(root: Path, save: Path | None = None, before: Path | None = None) -> None:
    res = results(root)
    if save is not None:
        save.write_text(json.dumps(res, indent=1, sort_keys=True) + "\n")
    unreadable = {k: v for k, v in res.items() if isinstance(v, str)}
    pairs_with, changes, by_worst, _ = _counts(res)
    print(f"pairs: {len(res)}; compared: {len(res) - len(unreadable)}; a side unreadable: {len(unreadable)}\n")
    if before is None:
        print("| worst change in the pair | pairs |\n|---|---|")
        for key in (*SEVERITIES, "no change"):
            print(f"| {key} | {by_worst[key]} |")
        print("\n| class | severity | Microsoft | pairs | changes |\n|---|---|---|---|---|")
        for name, cls in CLASSES.items():
            if pairs_with[name]:
                print(f"| {name} | {cls.severity} | {cls.microsoft or ''} | {pairs_with[name]} | {changes[name]} |")
    else:
        then = json.loads(before.read_text())
        pairs_then, changes_then, worst_then, severity_then = _counts(then)
        print("| worst change in the pair | pairs before | pairs after |\n|---|---|---|")
        for key in (*SEVERITIES, "no change"):
            print(f"| {key} | {worst_then[key]} | {by_worst[key]} |")
        print("\n| class | severity before | severity after | pairs before | pairs after | changes before | changes after |\n|---|---|---|---|---|---|---|")
        names = list(CLASSES) + sorted(set(pairs_then) - set(CLASSES))
        for name in names:
            if pairs_with[name] or pairs_then[name]:
                now = CLASSES[name].severity if name in CLASSES else "(gone)"
                print(f"| {name} | {severity_then.get(name, '(new)' if name not in pairs_then else '')} | {now} | {pairs_then[name]} | {pairs_with[name]} | {changes_then[name]} | {changes[name]} |")
        print("\nPairs whose verdict (worst change) changed:\n")
        for name, value in res.items():
            old_value = then.get(name)
            if isinstance(value, str) or not isinstance(old_value, list):
                continue
            if _worst(value) != _worst(old_value):
                gone = sorted({(k, s) for k, _, s in old_value} - {(k, s) for k, _, s in value})
                new = sorted({(k, s) for k, _, s in value} - {(k, s) for k, _, s in old_value})
                print(f"- {name}: {_worst(old_value)} -> {_worst(value)}")
                for k, sev in gone:
                    print(f"  - was: {k} ({sev})")
                for k, sev in new:
                    print(f"  - now: {k} ({sev})")
    for name, why in unreadable.items():
        print(f"\nunreadable: {name}: {why}")


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
    parser.add_argument("--save", type=Path, help="write every pair's changes to this JSON file")
    parser.add_argument("--before", type=Path, help="a file written by --save (from another version): compare with it")
    args = parser.parse_args()
    root = args.shared / "history-pairs"
    if args.show:
        show(root, args.show[0], int(args.show[1]))
    else:
        summary(root, args.save, args.before)


if __name__ == "__main__":
    main()
