"""Regenerate the HTML report screenshots in docs/ (linked from the README).

    python3 scripts/screenshots.py [--corpus ../shared/corpus]

- docs/screenshot-portfolio.png: `vetter scan ../shared/corpus --format html`, the inventory
  at the top of the page;
- docs/screenshot-package.png: `vetter scan fixtures/packages/contoso-tickets --format html`,
  the package's verdict, profile and findings with their source lines;
- the pictures (tests/browser.py: picture_screenshots, which tests/test_browser.py runs too): the
  data-flow diagram of a package with one host (certified Iconfirm), of the synthetic package with
  ten hosts (tests/picture_packages.py) and of one the script sends data from (certified Mural):
  docs/screenshot-dataflow-1-host.png, -10-hosts.png, -script.png; and the portfolio charts of the
  whole corpus, docs/screenshot-portfolio-charts.png.

Uses the same headless Debian chromium as tests/test_browser.py (apt-get install chromium
chromium-driver; pip install selenium).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser


def html_report(paths: list[str], out: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vetter.cli", "scan", *paths, "--format", "html", "--output", str(out), "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"vetter scan failed: {proc.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    why = browser.available()
    if why:
        raise SystemExit(why)
    with tempfile.TemporaryDirectory() as tmp:
        portfolio, package = Path(tmp) / "portfolio.html", Path(tmp) / "package.html"
        html_report([args.corpus], portfolio)
        html_report(["fixtures/packages/contoso-tickets"], package)
        with browser.chromium(width=1280, height=900) as driver:
            driver.get(portfolio.as_uri())
            browser.wait_for(driver, "document.getElementById('filter-status').textContent.length > 0")
            driver.save_screenshot(str(ROOT / "docs" / "screenshot-portfolio.png"))
            driver.set_window_size(1280, 1300)
            driver.get(package.as_uri())
            browser.wait_for(driver, "document.getElementById('filter-status').textContent.length > 0")
            driver.save_screenshot(str(ROOT / "docs" / "screenshot-package.png"))
            driver.set_window_size(1280, 900)
            browser.picture_screenshots(driver, browser.picture_pages(Path(args.corpus), Path(tmp), portfolio), ROOT / "docs")
    print("wrote docs/screenshot-portfolio.png, docs/screenshot-package.png and", ", ".join(f"docs/{n}" for n in browser.DOCS_PICTURES))


if __name__ == "__main__":
    main()
