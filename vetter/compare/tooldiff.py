"""Changes between two tool lists of an MCP server, classified for the agents that use them.

``vetter diff OLD.json NEW.json`` of two saved ``tools/list`` answers (``--mcp-tools``
snapshots) compares them tool by tool (``diff_tool_snapshots``), and a diff of two
packages whose ``script.csx`` serves its tools adds the changes of those lists
(``package_tool_changes``). Classes and severities are ``vetter.compare.toolclasses``';
the result is the ordinary ``DiffResult``, so every renderer, ``--ack`` and ``--fail-on``
work as for connectors. A tool renamed is told from one removed and one added when the
two have the same description and input schema.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from vetter.agent.model import Tool, ToolList
from vetter.base.digest import sha256
from vetter.compare.acks import Ack, apply_acks
from vetter.compare.classify import Change, DiffError, Side
from vetter.compare.report import DiffResult
from vetter.compare.toolclasses import TOOL_CLASSES


def diff_tool_snapshots(old: str | Path, new: str | Path, acks: list[Ack] | None = None, fail_on: str = "breaking") -> DiffResult:
    """Compare two saved tools/list answers; ``DiffError`` when one is not a tool list."""
    from vetter.agent.toolfile import ToolFileError, read_tool_file

    try:
        old_list, new_list = read_tool_file(old), read_tool_file(new)
    except ToolFileError as exc:
        raise DiffError(str(exc)) from None
    changes, unused = apply_acks(compare_tools(old_list, new_list), acks or [])
    return DiffResult(str(old), str(new), _hashes(old), _hashes(new), changes, unused, fail_on)


def package_tool_changes(old: Any, new: Any) -> list[Change]:
    """The tool changes of two versions of a package whose script serves its tools ([] otherwise)."""
    from vetter.agent import agent_profile
    from vetter.base.rule import InputUnavailable

    try:
        before, after = agent_profile(old).tools, agent_profile(new).tools
    except InputUnavailable:
        return []
    if before is None or after is None or before.source != "script" or after.source != "script":
        return []
    return compare_tools(before, after)


def compare_tools(old: ToolList, new: ToolList) -> list[Change]:
    """Every change from ``old`` to ``new``, tool by tool, sorted as the diff sorts changes."""
    before = _by_name(old.tools)
    after = _by_name(new.tools)
    removed = [n for n in before if n not in after]
    added = [n for n in after if n not in before]
    out: list[Change] = []
    renamed = _renames(removed, added, before, after)
    for name in removed:
        if name in renamed:
            to = renamed[name]
            out.append(_change("tool-renamed", f"tool-renamed:{name}", f"Tool '{name}' is now called '{to}'.", name, before[name], after[to], (name, to)))
        else:
            out.append(_change("tool-removed", f"tool-removed:{name}", f"Tool '{name}' was removed.", name, before[name], None))
    for name in added:
        if name not in renamed.values():
            out.append(_change("tool-added", f"tool-added:{name}", f"Tool '{name}' was added: the model can call it.", name, None, after[name]))
    for name in before:
        if name in after:
            out.extend(_tool_changes(name, before[name], after[name]))
    return sorted(out, key=Change.sort_key)


def _by_name(tools: tuple[Tool, ...]) -> dict[str, Tool]:
    out: dict[str, Tool] = {}
    for t in tools:
        if t.name is not None:
            out.setdefault(t.name, t)
    return out


def _renames(removed: list[str], added: list[str], before: dict[str, Tool], after: dict[str, Tool]) -> dict[str, str]:
    """Each removed tool, in order, paired with the first added one not yet paired that has the same
    description and input schema. The added tools are grouped by a key that equal bodies share, so a
    removed tool looks only at its group (a rename of thousands of tools compared every removed one
    with every added one)."""
    groups: dict[Any, deque[str]] = {}
    for name in added:
        groups.setdefault(_body_key(after[name]), deque()).append(name)
    renamed: dict[str, str] = {}
    taken: set[str] = set()
    for name in removed:
        group = groups.get(_body_key(before[name]))
        if not group:
            continue
        while group and group[0] in taken:
            group.popleft()
        twin = next((a for a in group if a not in taken and _same_body(before[name], after[a])), None)
        if twin is not None:
            renamed[name] = twin
            taken.add(twin)
    return renamed


def _body_key(tool: Tool) -> Any:
    return tool.description, _frozen(tool.input_schema)


def _frozen(value: Any) -> Any:
    """A hashable form of a JSON value that equal values share (1, 1.0 and true alike, as ``==`` has them)."""
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (bool, int, float)) and not (isinstance(value, float) and value != value):
        try:
            return float(value)
        except OverflowError:  # an integer past a float's range: kept as is (no float equals it)
            return value
    return value


def _same_body(a: Tool, b: Tool) -> bool:
    return a.description == b.description and a.input_schema == b.input_schema


def _tool_changes(name: str, old: Tool, new: Tool) -> list[Change]:
    out = []
    if old.description != new.description:
        out.append(_change("tool-description-changed", f"tool-description-changed:{name}", f"The description of tool '{name}' changed.", name, old, new, keys=("description",)))
    old_props, old_required = _inputs(old.input_schema)
    new_props, new_required = _inputs(new.input_schema)
    for field in sorted(old_props.keys() - new_props.keys()):
        out.append(_change("tool-input-removed", f"tool-input-removed:{name}:{field}", f"Input '{field}' of tool '{name}' was removed.", name, old, new,
                           keys=("inputSchema", "properties", field)))
    for field in sorted(new_props.keys() - old_props.keys()):
        cls = "tool-required-input-added" if field in new_required else "tool-optional-input-added"
        what = "Required" if field in new_required else "Optional"
        out.append(_change(cls, f"{cls}:{name}:{field}", f"{what} input '{field}' was added to tool '{name}'.", name, old, new,
                           keys=("inputSchema", "properties", field)))
    for field in sorted(old_props.keys() & new_props.keys()):
        keys = ("inputSchema", "properties", field)
        if field in new_required and field not in old_required:
            out.append(_change("tool-input-made-required", f"tool-input-made-required:{name}:{field}", f"Input '{field}' of tool '{name}' is now required.", name, old, new, keys=keys))
        before, after = old_props[field], new_props[field]
        if before.get("type") != after.get("type"):
            out.append(_change("tool-input-type-changed", f"tool-input-type-changed:{name}:{field}",
                               f"Input '{field}' of tool '{name}' changed type from {before.get('type')!r} to {after.get('type')!r}.", name, old, new, keys=keys))
        if before.get("description") != after.get("description"):
            out.append(_change("tool-input-description-changed", f"tool-input-description-changed:{name}:{field}",
                               f"The description of input '{field}' of tool '{name}' changed.", name, old, new, keys=keys))
    return out


def _inputs(schema: dict[str, Any] | None) -> tuple[dict[str, dict[str, Any]], set[str]]:
    if not isinstance(schema, dict):
        return {}, set()
    props = schema.get("properties")
    required = schema.get("required")
    fields = {k: v for k, v in props.items() if isinstance(v, dict)} if isinstance(props, dict) else {}
    return fields, {r for r in required if isinstance(r, str)} if isinstance(required, list) else set()


def _change(cls: str, key: str, message: str, tool: str, old: Tool | None, new: Tool | None,
            renamed: tuple[str, str] | None = None, keys: tuple[str, ...] = ()) -> Change:
    return Change(cls, TOOL_CLASSES[cls].severity, key, message, tool, _side(old, keys), _side(new, keys), renamed=renamed)


def _side(tool: Tool | None, keys: tuple[str, ...]) -> Side | None:
    if tool is None:
        return None
    loc = tool.at(*keys)
    return Side(loc.file, loc.pointer or "", loc.line or 1, loc.column or 1)


def _hashes(path: str | Path) -> dict[str, str]:
    p = Path(path)
    return {p.name: sha256(p.read_bytes()).hexdigest()}
