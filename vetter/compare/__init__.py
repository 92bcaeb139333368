"""Breaking changes between two versions of a connector, with Power Automate semantics.

``diff_packages(old, new)`` returns the classified changes; ``vetter diff`` and
``vetter scan --against`` are built on it. See docs/diff.md.

The names below are imported on first use (PEP 562), so importing one submodule, such as
``vetter.compare.classes`` for the CHG rules' docs, does not import the whole diff: a scan
without ``--against`` never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vetter.compare.acks import Ack, load_acks
    from vetter.compare.api import diff_against_ref, diff_packages
    from vetter.compare.classify import Change, DiffError
    from vetter.compare.report import DiffResult
    from vetter.compare.sources import load_git, load_side
    from vetter.compare.tooldiff import diff_tool_snapshots

__all__ = ["Ack", "Change", "DiffError", "DiffResult", "diff_against_ref", "diff_packages", "diff_tool_snapshots", "load_acks", "load_git", "load_side"]

_HOME = {
    "Ack": "acks",
    "load_acks": "acks",
    "diff_against_ref": "api",
    "diff_packages": "api",
    "Change": "classify",
    "DiffError": "classify",
    "DiffResult": "report",
    "load_git": "sources",
    "load_side": "sources",
    "diff_tool_snapshots": "tooldiff",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'vetter.compare' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"vetter.compare.{home}"), name)
    globals()[name] = value
    return value
