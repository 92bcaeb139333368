"""Run `vetter fix` on a copy of the corpus and check what it did (the table in docs/editor.md).

    python scripts/survey_fixes.py [--shared ../shared] [--unsafe-fixes] [--keep DIR]

Copies ../shared/corpus to a temporary folder (the corpus itself is never written), scans the
copy, runs `vetter fix` on it (a subprocess, as a user would), scans it again and checks that
every JSON file that parsed still parses with no defect it did not have, that no package has
more findings of any rule than before, and that a second `vetter fix` changes nothing. Prints
the findings per rule before and after and the fixes applied, as a Markdown table.
tests/test_fix.py runs the same survey (safe fixes) and asserts the same checks.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vetter.commands.scan import scan
from vetter.engine.catalog import discover
from vetter.engine.settings import Settings
from vetter.model.jsonfile import JsonFile
from vetter.model.loader import find_packages


@dataclass
class Survey:
    before: dict[str, Counter[str]]  # package (relative path) -> findings per rule
    after: dict[str, Counter[str]]
    fixed: Counter[str]  # rule -> fixes applied, as `vetter fix` reported them
    files_changed: int
    second_run: str  # what a second `vetter fix` printed
    worse_files: list[str] = field(default_factory=list)  # JSON files that parse less well after
    worse_counts: list[tuple[str, str, int, int]] = field(default_factory=list)  # package, rule, before, after


def counts(corpus: Path) -> dict[str, Counter[str]]:
    catalog = discover(entry_points=False)
    settings = Settings().bind(catalog)
    from vetter.commands.scan import run_options

    report = scan(find_packages([corpus]), catalog, settings, run_options(settings, catalog))
    return {str(Path(p.origin).relative_to(corpus)): Counter(f.rule for f in p.findings) for p in report.packages}


def json_health(corpus: Path) -> dict[str, tuple[bool, Counter[str]]]:
    out = {}
    for path in sorted(corpus.rglob("*.json")):
        jf = JsonFile(path.name, path.read_bytes())
        out[str(path.relative_to(corpus))] = (jf.parsed, Counter(p.kind for p in jf.problems))
    return out


def fix(corpus: Path, unsafe: bool) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "vetter.cli", "fix", str(corpus), *(["--unsafe-fixes"] if unsafe else [])]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=1800)


def survey(shared: Path, work: Path, unsafe: bool = False) -> Survey:
    corpus = work / "corpus"
    shutil.copytree(shared / "corpus", corpus)
    for path in corpus.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)  # the shared copy may be read-only
    before, health = counts(corpus), json_health(corpus)
    first = fix(corpus, unsafe)
    assert first.returncode in (0, 1), first.stderr[-2000:]
    summary = re.search(r"vetter: fixed (\d+) finding\(s\) in (\d+) file\(s\) \(([^)]*)\)", first.stderr)
    fixed: Counter[str] = Counter()
    files = 0
    if summary:
        files = int(summary.group(2))
        for part in summary.group(3).split(", "):
            rule, n = part.split()
            fixed[rule] = int(n)
    second = fix(corpus, unsafe)
    result = Survey(before, counts(corpus), fixed, files, second.stderr)
    for name, (parsed, kinds) in json_health(corpus).items():
        was_parsed, was_kinds = health[name]
        if (was_parsed and not parsed) or any(kinds[k] > was_kinds[k] for k in kinds):
            result.worse_files.append(name)
    for package, was in before.items():
        now = result.after.get(package, Counter())
        result.worse_counts.extend((package, rule, was[rule], n) for rule, n in now.items() if n > was[rule])
    return result


def table(result: Survey) -> str:
    total_before = Counter[str]()
    total_after = Counter[str]()
    for c in result.before.values():
        total_before.update(c)
    for c in result.after.values():
        total_after.update(c)
    rows = ["| rule | findings before | fixes applied | findings after |", "|---|---|---|---|"]
    for rule in sorted(set(result.fixed) | {r for r in total_before if total_before[r] != total_after[r]}):
        rows.append(f"| {rule} | {total_before[rule]} | {result.fixed[rule]} | {total_after[rule]} |")
    rows.append(f"| all rules | {sum(total_before.values())} | {sum(result.fixed.values())} | {sum(total_after.values())} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = survey(args.shared, Path(tmp), args.unsafe_fixes)
    print(table(result))
    print(f"\n{result.files_changed} file(s) changed; second run: {result.second_run.strip().splitlines()[-1] if result.second_run.strip() else ''}")
    print(f"JSON files parsing less well: {result.worse_files or 'none'}")
    print(f"rule counts that went up: {result.worse_counts or 'none'}")


if __name__ == "__main__":
    main()
