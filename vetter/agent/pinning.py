"""Pinning a tool list: a stable hash, the identity approvals record, and drift tool by tool.

An MCP server can change its tools without a new package version ("As tools are updated
or removed on the MCP server, Copilot Studio dynamically reflects these changes"), which
is the "rug pull" of MCP security write-ups. What a reviewer approved is therefore pinned
by hash: ``tool_hash(tool)`` covers one tool's name, description and input schema (as
canonical JSON: keys sorted, no insignificant space, UTF-8), ``tool_list_hash(tools)``
the list sorted by name, so the order a server lists its tools in does not matter.

For approvals (the reviewer's dossier, ``vetter.commands.approvals``): ``approval_identity(hash,
tools)`` is the part of a package's approved identity that covers its tools (the list hash
and, per tool, the hashes of its description and its schema), built from the report's
``security.agent.tools``, and ``approval_drift(approved, current)`` compares two such
identities tool by tool. ``compare_tools`` compares two full tool lists with the
breaking-change classes of ``vetter.compare.toolclasses`` (``vetter diff`` of two
snapshots uses it too).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from msgspec import Struct

from vetter.agent.model import Tool
from vetter.base.digest import sha256

HASH_PREFIX = "sha256:"


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=True)


def digest(value: Any) -> str:
    """``sha256:...`` of a JSON value's canonical text (what tool hashes and approvals compare)."""
    return HASH_PREFIX + sha256(canonical_json(value).encode("utf-8", "surrogatepass")).hexdigest()



def tool_hash(tool: Tool) -> str:
    return digest(tool.canonical())


def tool_list_hash(tools: Iterable[Tool]) -> str:
    """One hash for the whole list: every tool's name, description and schema, in name order."""
    items = sorted((t.canonical() for t in tools), key=lambda c: (str(c["name"]), canonical_json(c)))
    return digest(items)


# -- approvals -------------------------------------------------------------------------------
def approval_identity(list_hash: str | None, tools: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The tool part of a package's approval identity (JSON data; kept in a decision file).

    ``tools`` are the report's tool entries (``security.agent.tools.list``: name, description,
    input_schema). ``{"tools_hash": "sha256:...", "tools": {"<name>": {"description":
    "sha256:...", "input_schema": "sha256:..."}}}``: enough to say, later, which tool changed
    and how, without keeping the text itself in the decision file.
    """
    per_tool: dict[str, dict[str, str]] = {}
    for i, t in enumerate(tools):
        label = t.get("name") if isinstance(t.get("name"), str) else f"tool #{i + 1}"
        per_tool.setdefault(str(label), {"description": digest(t.get("description")), "input_schema": digest(t.get("input_schema"))})
    return {"tools_hash": list_hash, "tools": dict(sorted(per_tool.items()))}


class ToolDrift(Struct, frozen=True, order=True):
    """One tool that differs from what was approved: ``change`` is ``added``, ``removed``,
    ``description-changed`` or ``input-schema-changed``."""

    tool: str
    change: str
    message: str


def approval_drift(approved: Mapping[str, Any] | None, current: Mapping[str, Any] | None) -> list[ToolDrift]:
    """How the current tool identity differs from the approved one, tool by tool ([] when the hashes agree).

    A side that is missing or malformed (a hand-edited decision file) counts as no tools; the
    caller decides whether to report the file itself.
    """
    old = _tools_of(approved)
    new = _tools_of(current)
    if (approved or {}).get("tools_hash") == (current or {}).get("tools_hash") and old == new:
        return []
    out: list[ToolDrift] = []
    for name in sorted(old.keys() - new.keys()):
        out.append(ToolDrift(name, "removed", f"Tool '{name}' was approved and is no longer listed."))
    for name in sorted(new.keys() - old.keys()):
        out.append(ToolDrift(name, "added", f"Tool '{name}' is new since the approval: the model can call it."))
    for name in sorted(old.keys() & new.keys()):
        if old[name].get("description") != new[name].get("description"):
            out.append(ToolDrift(name, "description-changed", f"The description of tool '{name}' changed since the approval: the model reads it to decide what to do."))
        if old[name].get("input_schema") != new[name].get("input_schema"):
            out.append(ToolDrift(name, "input-schema-changed", f"The inputs of tool '{name}' changed since the approval."))
    return out


def _tools_of(identity: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    tools = identity.get("tools") if isinstance(identity, Mapping) else None
    if not isinstance(tools, Mapping):
        return {}
    return {str(k): dict(v) if isinstance(v, Mapping) else {} for k, v in tools.items()}
