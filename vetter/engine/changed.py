"""Changed-only mode (``scan --changed-since REF``): the packages a change touched, and those it deleted.

For monorepos of many connectors: only packages with a file added, modified or
deleted since REF (work tree, index or untracked) are scanned; with
``--against REF`` exactly those are also diffed. A package folder that held a
connector at REF and holds none now is reported (VET006): deleting a published
connector breaks every flow built on it.
"""

from __future__ import annotations

from pathlib import Path

from vetter.base.rule import Severity
from vetter.compare.git import changed_since, package_dirs_at
from vetter.engine.runner import PackageResult, gate_finding
from vetter.model.loader import PACKAGE_MARKERS, PackageSource


def touched(sources: list[PackageSource], ref: str, cwd: Path) -> list[PackageSource]:
    """The sources with at least one file changed since ``ref``."""
    changed = changed_since(ref, cwd)
    holding = {folder for c in changed for folder in c.parents}  # every folder a changed file lies in, once
    out = []
    for source in sources:
        root = source.path.resolve()
        if root in (holding if source.path.is_dir() else changed):
            out.append(source)
    return out


def deleted(paths: list[Path], ref: str, cwd: Path) -> list[PackageResult]:
    """One result with a VET006 finding per package folder that existed at ``ref`` and is gone."""
    results = []
    seen: set[Path] = set()
    for path in paths:
        if not path.is_dir():
            continue
        for folder in package_dirs_at(ref, path, cwd):
            if folder in seen:
                continue
            seen.add(folder)
            if folder.is_dir() and any(PACKAGE_MARKERS.search(p.name) for p in folder.iterdir() if p.is_file()):
                continue
            origin = _display(folder, cwd)
            finding = gate_finding(
                "VET006",
                f"The connector package at {origin} existed at {ref} and was deleted; every flow built on it breaks.",
                ".",
                1,
                f"deleted:{origin}",
                Severity.ERROR,
            )
            results.append(PackageResult(folder.name, origin, "folder", {}, [finding], ["VET006"]))
    return results


def _display(folder: Path, cwd: Path) -> str:
    try:
        return folder.relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return str(folder)
