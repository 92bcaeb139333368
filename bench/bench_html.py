"""HTML report at portfolio scale: render time, file size, and opening and filtering it in chromium.

    python3 bench/bench_html.py [--packages 1000] [--repeat 3]

Scans ../shared/corpus once (JSON). First the corpus report itself, with its real security
profiles: `render(data, "html")` in process and the page's size, how much of it the data-flow
diagrams and portfolio charts are (inline SVG), the same report rendered without the pictures
in the same run, and the page's load event in headless Debian chromium (tests/browser.py).
Then a synthetic portfolio of N packages by cycling the corpus packages (each with a synthetic
security profile, so the page is as heavy as a profiled one): `render(data, "html")` in
process; the page's load event; a search, clearing it, a severity toggle and a column sort,
each timed in the page with performance.now(). Best of --repeat, median beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    corpus = json.loads(scan.stdout)
    corpus_report(corpus, args.repeat)
    data = browser.portfolio(corpus, args.packages, SECURITY)
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


def timed(fn: Callable[[], str], repeat: int) -> tuple[list[float], str]:
    times, out = [], ""
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times, out


def corpus_report(data: dict, repeat: int) -> None:
    """The whole corpus's report: size, render time, the pictures' share, and the page's load event."""
    import re
    from unittest import mock

    from vetter.render import html as html_module

    times, page = timed(lambda: render(data, "html"), repeat)
    svg = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    no_flow: Any = mock.patch.object(html_module, "pictures_view", lambda p, n: {"dataflow": None, "facets": {}})
    no_charts: Any = mock.patch.object(html_module, "portfolio_pictures", lambda packages: {"charts": [], "picture_css": ""})
    with no_flow, no_charts:
        bare_times, bare = timed(lambda: render(data, "html"), repeat)
    size, bare_size = len(page.encode()), len(bare.encode())
    print(f"corpus report: {len(data['packages'])} packages, {size / 1e6:.1f} MB ({size:,} bytes), {len(svg)} inline SVG pictures, {sum(len(x.encode()) for x in svg) / 1e6:.2f} MB of SVG")
    print(f"  render in process: {min(times):.2f} s (median {statistics.median(times):.2f} s)")
    print(f"  without the pictures, same run: {bare_size / 1e6:.1f} MB, render {min(bare_times):.2f} s (median {statistics.median(bare_times):.2f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.html"
        path.write_text(page, encoding="utf-8")
        loads = []
        with browser.chromium() as driver:
            for _ in range(repeat):
                driver.get(path.as_uri())
                browser.wait_for(driver, "document.getElementById('filter-status').textContent.length > 0", timeout=300)
                loads.append(browser.page_timings(driver, "duplicate")["load"])
                assert not browser.console_errors(driver)
    print(f"  open in chromium (load event): {min(loads):.0f} ms (median {statistics.median(loads):.0f} ms)")


if __name__ == "__main__":
    main()
