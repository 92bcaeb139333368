"""Time `vetter lsp`: from an edit sent by the editor to the diagnostics that come back.

    python bench/bench_lsp.py [--edits 20] [--burst [--rounds 3] [--gap 0]] [--shared ../shared] [PACKAGE]

Starts `vetter lsp` as a subprocess and speaks LSP to it over stdio (tests/lspwire.py), opens
the swagger of PACKAGE (default: the median-sized package of ../shared/corpus, chosen as
bench/bench_scan.py chooses it), then sends EDITS changes (each one character more in the
info description, the whole text sent, as an editor without incremental sync does) and
times each from the moment the change is written to the moment its publishDiagnostics
arrives. Prints the first (cold) check and the median, 90th percentile and worst edit, as
JSON. The package is only read. Not a test: timings vary by machine and load.

With ``--burst``, the EDITS changes of a round are sent one after the other without waiting
(``--gap`` seconds apart: 0, all at once, is an editor's keystrokes queued behind a check), as a
typist's keystrokes arrive, and each of ROUNDS rounds is timed from the moment its last change is
written to the moment the diagnostics of that change arrive: the publish that carries its
version, or for a server that sends no version, the EDITS-th publish (one per change). Prints
those times and how many publishes (checks) each round cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_scan import median_package
from tests.lspwire import LspClient


def _opened(package: Path) -> tuple[LspClient, Path, str, str, list[dict], float]:
    """A fresh server with ``package``'s swagger open: client, swagger, URI, text, first diagnostics, seconds to them."""
    swagger = next(p for p in sorted(package.iterdir()) if p.name.lower().endswith(".swagger.json"))
    text = swagger.read_bytes().decode("utf-8-sig", "replace")
    uri = swagger.resolve().as_uri()
    client = LspClient()
    client.initialize(package)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
    first, cold = client.diagnostics(uri)
    return client, swagger, uri, text, first, cold


def _opening(package: Path, swagger: Path, first: list[dict], cold: float) -> dict[str, Any]:
    """What the figures say of the package and its first check."""
    return {"package": package.name, "swagger_bytes": swagger.stat().st_size, "diagnostics": len(first), "cold_open_s": round(cold, 4)}


def _edited(text: str, n: int) -> str:
    """``text`` with ``n`` characters typed into its first description (or spaces at its end)."""
    marker = '"description": "'
    at = text.find(marker)
    return text[: at + len(marker)] + "x" * n + text[at + len(marker) :] if at >= 0 else text + " " * n


def measure(package: Path, edits: int = 20) -> dict[str, float | int | str]:
    """Open ``package``'s swagger in a fresh server and time ``edits`` changes (seconds)."""
    client, swagger, uri, text, first, cold = _opened(package)
    try:
        times = []
        for i in range(edits):
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": _edited(text, i + 1)}]})
            _, seconds = client.diagnostics(uri)
            times.append(seconds)
    finally:
        client.close()
    times.sort()
    return {
        **_opening(package, swagger, first, cold),
        "edits": edits,
        "median_s": round(statistics.median(times), 4),
        "p90_s": round(times[min(len(times) - 1, int(len(times) * 0.9))], 4),
        "max_s": round(times[-1], 4),
    }


def measure_burst(package: Path, edits: int = 20, rounds: int = 3, gap: float = 0.0) -> dict[str, Any]:
    """Open ``package``'s swagger in a fresh server and time ``rounds`` bursts of ``edits`` changes
    each, from a burst's last change to its diagnostics (seconds), with the publishes each cost."""
    client, swagger, uri, text, first, cold = _opened(package)
    version, typed = 1, 0
    latencies, publishes = [], []
    try:
        for _ in range(rounds):
            before = len(client.publishes(uri))
            for i in range(edits):
                if i and gap:
                    time.sleep(gap)
                version, typed = version + 1, typed + 1
                client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": _edited(text, typed)}]})
            start = time.perf_counter()
            while True:
                params, _ = client.published(uri)
                if params["version"] == version if "version" in params else len(client.publishes(uri)) - before == edits:
                    break
            latencies.append(time.perf_counter() - start)
            client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})  # every publish of the round is in
            publishes.append(len(client.publishes(uri)) - before)
    finally:
        client.close()
    return {
        **_opening(package, swagger, first, cold),
        "edits_per_burst": edits,
        "gap_s": gap,
        "last_change_to_diagnostics_s": [round(t, 4) for t in latencies],
        "median_s": round(statistics.median(latencies), 4),
        "publishes_per_burst": publishes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", nargs="?", type=Path)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--burst", action="store_true", help="send each round's edits without waiting for diagnostics")
    parser.add_argument("--rounds", type=int, default=3, help="bursts to time (with --burst)")
    parser.add_argument("--gap", type=float, default=0.0, help="seconds between the changes of a burst (with --burst)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    package = args.package or median_package(args.shared / "corpus")
    figures = measure_burst(package, args.edits, args.rounds, args.gap) if args.burst else measure(package, args.edits)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
