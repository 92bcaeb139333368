"""ruff and mypy, configured in pyproject.toml, report nothing on the code.

Both run as the project's own test dependencies (``.[test]``); a missing tool
is a failure under CI and a skip elsewhere, like the corpus tests.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

LINTED = ["vetter", "tests", "rules", "bench", "scripts"]


def _require(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is not installed: install the test extras (pip install -e '.[test]')")
        pytest.skip(f"{module} not installed")


def test_ruff_reports_nothing():
    _require("ruff")
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *LINTED],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_reports_nothing():
    _require("mypy")
    # the files to check are listed in [tool.mypy] of pyproject.toml
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
