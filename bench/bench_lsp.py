"""Time `vetter lsp`: from an edit sent by the editor to the diagnostics that come back.

    python bench/bench_lsp.py [--edits 20] [--shared ../shared] [PACKAGE]

Starts `vetter lsp` as a subprocess and speaks LSP to it over stdio (tests/lspwire.py), opens
the swagger of PACKAGE (default: the median-sized package of ../shared/corpus, chosen as
bench/bench_scan.py chooses it), then sends EDITS changes (each one character more in the
info description, the whole text sent, as an editor without incremental sync does) and
times each from the moment the change is written to the moment its publishDiagnostics
arrives. Prints the first (cold) check and the median, 90th percentile and worst edit, as
JSON. The package is only read. Not a test: timings vary by machine and load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_scan import median_package
from tests.lspwire import LspClient


def measure(package: Path, edits: int = 20) -> dict[str, float | int | str]:
    """Open ``package``'s swagger in a fresh server and time ``edits`` changes (seconds)."""
    swagger = next(p for p in sorted(package.iterdir()) if p.name.lower().endswith(".swagger.json"))
    text = swagger.read_bytes().decode("utf-8-sig", "replace")
    uri = swagger.resolve().as_uri()
    client = LspClient()
    try:
        client.initialize(package)
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
        first, cold = client.diagnostics(uri)
        marker = '"description": "'
        at = text.find(marker)
        at = at + len(marker) if at >= 0 else -1
        times = []
        for i in range(edits):
            changed = text[:at] + "x" * (i + 1) + text[at:] if at >= 0 else text + " " * (i + 1)
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": changed}]})
            _, seconds = client.diagnostics(uri)
            times.append(seconds)
    finally:
        client.close()
    times.sort()
    return {
        "package": package.name,
        "swagger_bytes": swagger.stat().st_size,
        "diagnostics": len(first),
        "cold_open_s": round(cold, 4),
        "edits": edits,
        "median_s": round(statistics.median(times), 4),
        "p90_s": round(times[min(len(times) - 1, int(len(times) * 0.9))], 4),
        "max_s": round(times[-1], 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", nargs="?", type=Path)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    package = args.package or median_package(args.shared / "corpus")
    print(json.dumps(measure(package, args.edits), indent=2))


if __name__ == "__main__":
    main()
