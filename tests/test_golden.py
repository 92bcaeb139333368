"""Golden files: every rendering of two fixture packages, compared byte for byte (ruff's snapshot style).

A change to any output shows up here as a diff of `tests/golden/`, to be reviewed like code.
After an intended change, rewrite them with one command:

    VETTER_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py

and read `git diff tests/golden/` before committing. The scans run from the repository root on
relative paths with `--isolated`, so the files do not depend on where the checkout is or on a
developer's own vetter.toml.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from vetter.cli import main

GOLDEN = ROOT / "tests" / "golden"
# a REST connector with OAuth; an MCP server served from script.csx. Each runs a fixed selection of
# rules (those that fire on it and some that pass), so a rule added to vetter changes no golden file.
PACKAGES = {
    "contoso-tickets": "PKG003,JSN002,JSN006,SEC006,SEC016,SWG001,SWG026,SWG052,OPR011,CRT001",
    "mcp-script": "SWG050,AGT001,AGT005,AGT010,AGT014,SCR001,SCR003,SEC008",
}
FORMATS = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "junit": "junit.xml", "github": "github.txt"}
UPDATE = bool(os.environ.get("VETTER_UPDATE_GOLDEN"))

# What depends on the size of the catalogue (how many rules the selection leaves off, per category)
# is masked, the way ruff's snapshots filter volatile text: adding a rule to vetter changes no golden file.
_RULES_OFF_TEXT = re.compile(r"\d+ rule\(s\) off(?:: \d+ [a-z]+(?:, \d+ [a-z]+)*)?")
_RULES_OFF_JSON = re.compile(r'"rules_off": \{\s*"count": \d+,\s*"by_category": \{[^{}]*\}\s*\}')


def stable(text: str) -> str:
    return _RULES_OFF_JSON.sub('"rules_off": "(masked)"', _RULES_OFF_TEXT.sub("N rule(s) off: (masked)", text))


def render(package: str, fmt: str) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["scan", f"fixtures/packages/{package}", "--isolated", *(x for r in PACKAGES[package].split(",") for x in ("--select", r)), "--format", fmt])
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.output
    return stable(result.stdout)


@pytest.mark.parametrize("package", sorted(PACKAGES))
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rendering_matches_its_golden_file(package: str, fmt: str):
    path = GOLDEN / package / f"scan.{FORMATS[fmt]}"
    got = render(package, fmt)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(got.encode("utf-8"))
    assert path.exists(), f"{path} is missing: VETTER_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py"
    want = path.read_bytes().decode("utf-8")
    assert got == want, f"{path.relative_to(ROOT)} differs: review the change, then VETTER_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py"


def test_every_golden_file_is_one_the_test_writes():
    expected = {Path(p) / f"scan.{ext}" for p in PACKAGES for ext in FORMATS.values()}
    assert {p.relative_to(GOLDEN) for p in GOLDEN.rglob("*") if p.is_file()} == expected
