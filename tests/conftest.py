from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def catalog():
    from vetter.engine.catalog import discover

    return discover(entry_points=False)


def shared_dir(name: str) -> Path:
    """A folder of ../shared; under CI its absence is a failure, not a skip."""
    path = SHARED / name
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repo")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(autouse=True)
def own_secrets():
    """Forget, after each test, the secrets it made this process remember (``vetter.base.redact.remember``).

    A test that checks packages in-process the way a scan does (``redact_result``) would otherwise
    leave their secrets in the process-wide set that ``scrub`` applies to every later output, and
    a later test's output would depend on the order tests ran in.
    """
    from vetter.base import redact

    before = dict(redact._KNOWN)
    yield
    redact._KNOWN.clear()
    redact._KNOWN.update(before)


def load_script(name: str):  # type: ignore[no-untyped-def]
    """A module of ``scripts/`` (they are not a package), loaded from its file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
