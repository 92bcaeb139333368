"""The runtime dependencies' lower bounds hold: the suite passes on the oldest versions pyproject.toml allows.

`.ci/run` builds `.ci/lowest`, a virtual environment installed with `constraints-lowest.txt`
(the runtime dependencies at the oldest release their ranges admit; `scripts/lock.py` writes
it). This test runs the rest of the suite there. The upper end is the main run itself, which
`constraints.txt` pins to the newest versions on the day it was written.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import ROOT

LOWEST = ROOT / ".ci" / "lowest" / "bin" / "python"


@pytest.mark.slow
def test_suite_passes_at_the_lower_bounds():
    if os.environ.get("VETTER_BOUNDS_RUN"):
        pytest.skip("this is the lower-bounds run itself")
    if not LOWEST.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{LOWEST} is missing: .ci/run builds it")
        pytest.skip("no .ci/lowest environment (run .ci/run)")
    pins = {line for line in (ROOT / "constraints-lowest.txt").read_text().splitlines() if "==" in line}
    frozen = subprocess.run([str(LOWEST), "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True).stdout
    norm = {line.lower().replace("_", "-") for line in frozen.splitlines()}
    assert {line.lower().replace("_", "-") for line in pins} <= norm, "rebuild .ci/lowest: it differs from constraints-lowest.txt"
    env = {**os.environ, "VETTER_BOUNDS_RUN": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        # lint is version-specific (the stubs of the newest releases); everything else runs
        [str(LOWEST), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--ignore", "tests/test_lint.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=3000, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
