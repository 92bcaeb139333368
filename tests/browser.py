"""Headless Debian chromium driven by Selenium (chromium-driver), for the HTML report tests and
scripts/screenshots.py. Nothing is downloaded: the browser and driver are Debian's packages
(.ci/run installs them)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("VETTER_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("VETTER_CHROMEDRIVER", "/usr/bin/chromedriver")


def available() -> str | None:
    """None when the browser can be driven, else why not."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    for path in (CHROMIUM, DRIVER):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    return None


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="vetter-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    # generous timeouts: a loaded 2-core machine is slow, and waits below poll for conditions
    driver.set_page_load_timeout(180)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def wait_for(driver: Any, script: str, timeout: float = 60.0) -> Any:
    """Poll a JS expression until it is truthy (never a fixed sleep)."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: d.execute_script(f"return ({script});"))


# -- a portfolio-sized report, and how fast its page reacts (tests/test_browser.py, bench/bench_html.py)
def portfolio(data: dict[str, Any], n: int, security: dict[str, Any]) -> dict[str, Any]:
    """A synthetic scan report of ``n`` packages cycling through ``data``'s packages, each with ``security``."""
    import copy

    out = copy.deepcopy(data)
    packages = []
    for i in range(n):
        p = copy.deepcopy(data["packages"][i % len(data["packages"])])
        p["name"] = f"{p['name']}-{i:04d}"
        p["origin"] = f"portfolio/{i:04d}/{p['name']}"
        p["security"] = security
        packages.append(p)
    out["packages"] = packages
    out["summary"]["packages"] = n
    return out


_TIMINGS = """
var nav = performance.getEntriesByType('navigation')[0];
var form = document.getElementById('filters');
var q = document.getElementById('filter-q');
var t0 = performance.now();
q.value = arguments[0]; form.dispatchEvent(new Event('input'));
var t1 = performance.now();
q.value = ''; form.dispatchEvent(new Event('input'));
var t2 = performance.now();
document.querySelector('input[name=severity][value=error]').click();
var t3 = performance.now();
document.querySelector('th[data-key=error] button').click();
var t4 = performance.now();
return {load: nav.loadEventEnd - nav.startTime, search: t1 - t0, clear: t2 - t1, severity: t3 - t2, sort: t4 - t3,
        elements: document.getElementsByTagName('*').length, items: document.querySelectorAll('[data-item]').length};
"""


def page_timings(driver: Any, query: str) -> dict[str, float]:
    """Milliseconds the open report page takes to load, search for ``query``, clear, filter by severity and sort;
    with its element and finding counts."""
    return dict(driver.execute_script(_TIMINGS, query))


# -- the pictures: screenshots for docs/ (tests/test_browser.py, scripts/screenshots.py) ----------------------
DOCS_PICTURES = {
    "screenshot-dataflow-1-host.png": "figure.dataflow",
    "screenshot-dataflow-10-hosts.png": "figure.dataflow",
    "screenshot-dataflow-script.png": "figure.dataflow",
    "screenshot-portfolio-charts.png": "#charts",
}
"""File name -> the element of its page that is photographed."""

PICTURE_PACKAGES = {  # file -> the package photographed: under the corpus, or None for tests/picture_packages.py's ten hosts
    "screenshot-dataflow-1-host.png": "certified-connectors/Iconfirm",
    "screenshot-dataflow-10-hosts.png": None,
    "screenshot-dataflow-script.png": "certified-connectors/Mural",
}


def picture_pages(corpus: Path, tmp: Path, portfolio: Path) -> dict[str, Path]:
    """The HTML page each picture is photographed on: ``vetter scan PACKAGE --format html``; the portfolio's is given."""
    import subprocess
    import sys

    from tests.picture_packages import ten_hosts

    pages = {}
    for name, where in PICTURE_PACKAGES.items():
        source = corpus / where if where else ten_hosts(tmp)
        page = tmp / f"{name}.html"
        proc = subprocess.run([sys.executable, "-m", "vetter.cli", "scan", str(source), "--format", "html", "--output", str(page), "--no-progress"],
                              cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, check=False)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"vetter scan {source} failed: {proc.stderr.strip()}")
        pages[name] = page
    pages["screenshot-portfolio-charts.png"] = portfolio
    return pages


_STATIC_FILTERS = "var f = document.querySelector('.filters'); if (f) { f.style.position = 'static'; }"


def picture_screenshots(driver: Any, pages: dict[str, Path], out: Path) -> dict[str, Path]:
    """Photograph each page's picture (``DOCS_PICTURES``: name -> selector) into ``out``; returns name -> PNG path.

    The sticky filter bar is made static first, so it never covers the element photographed.
    """
    shots = {}
    for name, page in pages.items():
        driver.get(page.as_uri())
        wait_for(driver, "document.readyState === 'complete' && document.getElementById('filter-status').textContent.length > 0", 300)
        driver.execute_script(_STATIC_FILTERS)
        from selenium.webdriver.common.by import By

        element = driver.find_element(By.CSS_SELECTOR, DOCS_PICTURES[name])
        size = driver.get_window_size()
        tall = int(driver.execute_script("return arguments[0].getBoundingClientRect().height;", element))
        driver.set_window_size(size["width"], max(size["height"], tall + 200))  # an element screenshot stops at the window's edge
        try:
            driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", element)
            path = out / name
            element.screenshot(str(path))
        finally:
            driver.set_window_size(size["width"], size["height"])
        shots[name] = path
    return shots
