"""HTML report at portfolio scale: render time, file size, and opening and filtering it in chromium.

    python3 bench/bench_html.py [--packages 1000] [--repeat 3]

Scans ../shared/corpus once (JSON), then builds a synthetic portfolio of N packages by cycling
the corpus packages (each with a synthetic security profile, so the page is as heavy as a
profiled one) and measures: `render(data, "html")` in process; the page's load event in
headless Debian chromium (tests/browser.py); a search, clearing it, a severity toggle and a
column sort, each timed in the page with performance.now(). Best of --repeat, median beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser
from tests.test_render import SECURITY
from vetter.render.formats import render


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    scan = subprocess.run(
        [sys.executable, "-m", "vetter.cli", "scan", args.corpus, "--format", "json", "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    data = browser.portfolio(json.loads(scan.stdout), args.packages, SECURITY)
    renders = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        html = render(data, "html")
        renders.append(time.perf_counter() - t)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "portfolio.html"
        page.write_text(html, encoding="utf-8")
        with browser.chromium() as driver:
            for _ in range(args.repeat):
                driver.get(page.as_uri())
                browser.wait_for(driver, "document.getElementById('filter-status').textContent.length > 0", timeout=300)
                runs.append(browser.page_timings(driver, "duplicate"))
                assert not browser.console_errors(driver)

    def fig(values: list[float], unit: str = "ms") -> str:
        return f"{min(values):.0f} {unit} (median {statistics.median(values):.0f} {unit})"

    print(f"{args.packages} packages, {runs[0]['items']} findings, {runs[0]['elements']} elements, {len(html.encode()) / 1e6:.1f} MB")
    print(f"render in process: {min(renders):.2f} s (median {statistics.median(renders):.2f} s)")
    for key in ("load", "search", "clear", "severity", "sort"):
        print(f"{key}: {fig([r[key] for r in runs])}")


if __name__ == "__main__":
    main()
