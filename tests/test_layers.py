"""The layer table of docs/architecture.md is the import graph's: every module of ``vetter/`` is in
it once, no module imports from a layer above its own, and no modules import each other in a loop.

Imports inside functions count (a lazy import is still a dependency); imports under
``if TYPE_CHECKING:`` do not (they name types for the checker and run nothing: the typed record
of a package's analysis names the profiles of the layers above it). The package's face,
``vetter/__init__.py`` (the names rule authors import and ``__version__``), is read by every
layer and belongs to none.
"""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"


def _table() -> dict[str, int]:
    section = DOC.read_text(encoding="utf-8").split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    table: dict[str, int] = {}
    for row in section.splitlines():
        m = re.match(r"\|\s*(\d+)\.[^|]*\|([^|]*)\|", row)
        if m:
            for entry in re.findall(r"`([^`]+)`", m.group(2)):
                assert entry not in table, f"{entry} is in two rows of the layer table"
                table[entry] = int(m.group(1))
    return table


def _modules() -> dict[str, Path]:
    mods = {}
    for base in ("vetter", "rules"):
        for path in sorted((ROOT / base).rglob("*.py")):
            rel = path.relative_to(ROOT)
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            mods[".".join(parts)] = rel
    return mods


def _layer_of(rel: Path, table: dict[str, int]) -> int | None:
    """The most specific entry: the file itself, else its nearest listed folder."""
    if rel.as_posix() in table:
        return table[rel.as_posix()]
    for parent in rel.parents:
        key = parent.as_posix() + "/"
        if key in table:
            return table[key]
    return None


def _imports(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    type_only = {
        id(child)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for child in ast.walk(stmt)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in mods:
                target = target.rpartition(".")[0]
            if target and target != name and target != "vetter":
                found.add(target)
    return found


TABLE = _table()
MODS = _modules()
GRAPH = {name: _imports(name, path, MODS) for name, path in MODS.items()}


def test_every_module_has_a_layer():
    assert [str(p) for p in MODS.values() if p.name != "__init__.py" and _layer_of(p, TABLE) is None] == []
    assert [str(p) for p in MODS.values() if p.name == "__init__.py" and p.parent.as_posix() != "vetter" and _layer_of(p, TABLE) is None] == []


def test_every_table_entry_exists():
    assert [entry for entry in TABLE if not (ROOT / entry).exists()] == []


def test_no_import_runs_up_a_layer():
    upward = []
    for name, targets in GRAPH.items():
        if name == "vetter":
            continue
        here = _layer_of(MODS[name], TABLE)
        for target in sorted(targets):
            there = _layer_of(MODS[target], TABLE)
            if here is not None and there is not None and there > here:
                upward.append(f"{MODS[name]} (layer {here}) imports {MODS[target]} (layer {there})")
    assert upward == []


def test_no_import_circle():
    graphlib.TopologicalSorter(GRAPH).prepare()  # raises CycleError naming the circle


def test_the_checks_see_a_violation():
    """The table checks are not vacuous: a made-up upward import is caught."""
    low, high = MODS["vetter.base.rule"], MODS["vetter.cli"]
    assert _layer_of(high, TABLE) > _layer_of(low, TABLE)
