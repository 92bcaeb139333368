"""Long fuzz run: mutate real and synthetic packages for as long as it is given.

    python3 scripts/fuzz.py --seconds 1800 --seed 1 --out fuzz-out

Each case is a base package (``fixtures/packages``, synthetic shapes and every real
package of ``../shared/corpus``, read in place), a few mutations and a way in
(memory, folder, zip); it is scanned and diffed in process (``tests/fuzzlib.py``
says what counts as a failure). Every ``--cli-every``-th case on disk also goes
through the command line. At the end (and every ``--report-every`` seconds) it
prints cases, cases per second and the unique failures; each unique failure is
minimised (mutations dropped while it still fails) and written with its mutated
files under ``--out/<n>-<kind>/`` to become a regression fixture. Exit code 1 when
anything failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))

from tests import fuzzlib


def run_for(args: argparse.Namespace, seed: int, worker: int) -> dict:
    """One worker's loop: random cases from ``seed`` until the time is up."""
    import warnings

    warnings.simplefilter("ignore")  # zipfile warns about the duplicate entries made on purpose
    r = random.Random(seed)
    synthetic = fuzzlib.fixture_bases()
    corpus = list(fuzzlib.corpus_bases())
    unique: dict[str, tuple[fuzzlib.Case, str]] = {}
    counts: dict[str, int] = {}
    known: dict[str, int] = {}
    cases = 0
    slowest: tuple[float, fuzzlib.Case | None] = (0.0, None)
    start = time.perf_counter()
    last = start
    deadline = start + args.seconds
    while time.perf_counter() < deadline:
        bases = corpus if corpus and r.random() < args.corpus_share else synthetic
        case = fuzzlib.random_case(r, bases)
        cli = case.mode != "memory" and cases % args.cli_every == 0
        try:
            outcome = fuzzlib.run_case(case, cli=cli)
        except Exception as exc:
            outcome = fuzzlib.Outcome([(f"harness:{type(exc).__name__}", repr(exc))])
        cases += 1
        if outcome.seconds > slowest[0]:
            slowest = (outcome.seconds, case)
        for sig, why in outcome.known:
            known[sig] = known.get(sig, 0) + 1
            if known[sig] == 1:
                print(f"[w{worker} {time.perf_counter() - start:6.0f}s] known failure {sig} ({why})", flush=True)
        for sig, detail in outcome.failures:
            counts[sig] = counts.get(sig, 0) + 1
            if sig not in unique:
                unique[sig] = (case, detail)
                print(f"[w{worker} {time.perf_counter() - start:6.0f}s] new failure {sig}  case={case.to_json()}", flush=True)
        now = time.perf_counter()
        if now - last >= args.report_every:
            last = now
            print(f"[w{worker} {now - start:6.0f}s] {cases} cases, {cases / (now - start):.1f}/s, {len(unique)} unique failure(s)", flush=True)
    return {"cases": cases, "unique": unique, "counts": counts, "known": known, "slowest": slowest}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same cases)")
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"), help="folder for reproducers and the summary")
    ap.add_argument("--corpus-share", type=float, default=0.3, help="share of cases built on real corpus packages")
    ap.add_argument("--cli-every", type=int, default=50, help="send every Nth on-disk case through the CLI too")
    ap.add_argument("--report-every", type=float, default=60.0, help="progress line every N seconds")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes, each with its own seed (seed, seed+1, ...)")
    ap.add_argument("--replay", type=Path, help="run one case.json and print its failures")
    args = ap.parse_args(argv)

    if args.replay:
        case = fuzzlib.Case.from_json(args.replay.read_text())
        outcome = fuzzlib.run_case(case, cli=True)
        for sig, detail in outcome.failures:
            print(sig, "\n", detail)
        print(f"{len(outcome.failures)} failure(s) in {outcome.seconds:.2f} s")
        return 1 if outcome.failures else 0

    start = time.perf_counter()
    if args.jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(args.jobs) as pool:
            parts = pool.starmap(run_for, [(args, args.seed + i, i) for i in range(args.jobs)])
    else:
        parts = [run_for(args, args.seed, 0)]
    elapsed = time.perf_counter() - start
    cases = sum(p["cases"] for p in parts)
    unique: dict[str, tuple[fuzzlib.Case, str]] = {}
    counts: dict[str, int] = {}
    for part in parts:
        for sig, (case, detail) in part["unique"].items():
            unique.setdefault(sig, (case, detail))
        for sig, n in part["counts"].items():
            counts[sig] = counts.get(sig, 0) + n
    slowest = max((p["slowest"] for p in parts), key=lambda s: s[0])
    known: dict[str, int] = {}
    for part in parts:
        for sig, n in part["known"].items():
            known[sig] = known.get(sig, 0) + n

    args.out.mkdir(parents=True, exist_ok=True)
    summary = {
        "seed": args.seed,
        "seconds": round(elapsed, 1),
        "cases": cases,
        "cases_per_second": round(cases / elapsed, 1),
        "jobs": args.jobs,
        "unique_failures": len(unique),
        "failures": {},
        "known_failures": {sig: {"count": n, "owner": next(w for p, w in fuzzlib.KNOWN.items() if sig.split(":", 1)[1] in p or p.startswith(sig.split(":", 1)[1]))} for sig, n in sorted(known.items())},
        "slowest_case": {"seconds": round(slowest[0], 2), "case": json.loads(slowest[1].to_json()) if slowest[1] else None},
    }
    for n, (sig, (case, detail)) in enumerate(sorted(unique.items()), 1):
        small = fuzzlib.minimise(case, sig)
        kind = "".join(c if c.isalnum() else "-" for c in sig.split(":", 1)[0])[:30]
        where = fuzzlib.write_reproducer(small, sig, detail, args.out / f"{n:03d}-{kind}")
        summary["failures"][sig] = {"count": counts[sig], "reproducer": str(where), "case": json.loads(small.to_json())}
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=True) + "\n")
    print(
        f"{cases} cases in {elapsed:.0f} s ({cases / elapsed:.1f} cases/s), {len(unique)} unique failure(s); "
        f"slowest case {slowest[0]:.2f} s; summary in {args.out / 'summary.json'}"
    )
    for sig, info in summary["failures"].items():
        print(f"  {info['count']:6d}  {sig}  -> {info['reproducer']}")
    for sig, info in summary["known_failures"].items():
        print(f"  {info['count']:6d}  known, owned elsewhere: {sig}")
    return 1 if unique else 0


if __name__ == "__main__":
    sys.exit(main())
