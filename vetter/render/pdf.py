"""``--format pdf``: the HTML report printed to PDF by a headless Chromium, where one is installed.

The page's print stylesheet does the layout (no controls, every ``<details>``
open, a page break before each package, diagrams and charts kept whole); this
module only drives the browser: a fresh profile in a temporary folder, no
network (the page fetches nothing, and the flags below switch off Chromium's own
background requests), and a time limit. Chromium is looked up as
``VETTER_CHROMIUM``, then ``chromium``, ``chromium-browser``, ``google-chrome``
and ``google-chrome-stable`` on PATH; without one, ``PdfError`` says how to get
it in one line. PDF bytes are not deterministic (Chromium stamps a creation
date); the HTML they are printed from is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-pdf-header-footer",
)
TIMEOUT = 900.0  # seconds: a 700-package portfolio prints in minutes on a loaded 2-core machine


class PdfError(RuntimeError):
    """Printing failed or cannot be done here; the message is one line for the user."""


def find_chromium() -> str | None:
    """The Chromium to print with, or None."""
    chosen = os.environ.get("VETTER_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() or shutil.which(chosen) else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: str, output: Path, timeout: float = TIMEOUT) -> None:
    """Write the PDF of the self-contained page ``html`` to ``output``."""
    browser = find_chromium()
    if browser is None:
        raise PdfError(
            "--format pdf needs Chromium (apt-get install chromium, or set VETTER_CHROMIUM to its path); "
            "or write --format html and print it from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="vetter-pdf-") as tmp:
        page, pdf, profile = Path(tmp) / "report.html", Path(tmp) / "report.pdf", Path(tmp) / "profile"
        page.write_text(html, encoding="utf-8")
        command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not print the report within {timeout:.0f} s") from None
        except OSError as exc:
            raise PdfError(f"cannot run {browser}: {exc.strerror}") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = next((line for line in reversed(proc.stderr.splitlines()) if line.strip()), "no message")
            raise PdfError(f"Chromium printed no PDF (exit code {proc.returncode}: {last[:200]})")
        try:
            shutil.copyfile(pdf, output)
        except OSError as exc:
            raise PdfError(f"--output {output}: {exc.strerror}") from None
