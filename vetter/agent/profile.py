"""The agent profile of a package: its kind, its MCP operation and server, and its tools.

``agent_profile(package, options)`` is built once per package and run options
(the package's ``vetter.model.analysis.Analysis``) and read by the AGT rules and the report (``security.agent``).
Tools come from one source, the first available of: the file given with
``--mcp-tools`` (``RunOptions.mcp_tools``, read by the command line), the server's own
answer with ``--online`` (``vetter.agent.online``, asked by the edge, ``vetter.engine.edge``, before the rules run), and the literals of a ``script.csx``
that serves ``tools/list`` (``vetter.agent.script``). When none is available the profile
says the tools are unknown (``tools_known: false``) and what the publisher should be asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from vetter.agent.connector import kind_of, mcp_operations, server
from vetter.agent.model import McpOperation, Server, ToolList, package_only
from vetter.agent.pinning import tool_hash, tool_list_hash

if TYPE_CHECKING:
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage

MEANING = {
    "rest": "REST: every operation is an action whose name, inputs and outputs are in this package; "
    "DLP connector action control can allow or block each one.",
    "mcp": "MCP server: agents discover its tools (names, descriptions, inputs) from the server at run time, "
    "and the server can change them without a new package version; DLP connector action control sees "
    "one operation, so it cannot allow or block single tools.",
    "both": "REST and MCP: the REST operations are actions DLP can allow or block one by one; the MCP "
    "operation's tools are discovered from the server at run time, can change without a new package "
    "version, and DLP sees them as one operation.",
}

PUBLISHER_QUESTION = (
    "Which tools does your MCP server expose? Send its tools/list answer (each tool's name, description "
    "and input schema), and say how you will announce changes to it."
)


class AgentProfile(Struct, frozen=True, order=True):
    kind: str  # rest | mcp | both
    operations: tuple[McpOperation, ...]
    beside: tuple[Any, ...]  # operations next to the MCP one(s) that are neither health checks nor internal
    health: tuple[Any, ...]
    server: Server | None
    tools: ToolList | None  # the chosen list, None when the tools are unknown
    considered: tuple[ToolList, ...]  # every list that was available (script, file, online)
    online: Any = None  # vetter.agent.online.OnlineTools with --online

    @property
    def is_agent(self) -> bool:
        return self.kind != "rest"

    @property
    def tools_known(self) -> bool | None:
        """None for a REST connector; whether an MCP connector's tools could be listed."""
        if not self.is_agent:
            return None
        return self.tools is not None

    @property
    def tools_hash(self) -> str | None:
        return tool_list_hash(self.tools.tools) if self.tools is not None else None

    @property
    def script_serves(self) -> bool:
        return self.server is not None and self.server.origin == "script"


def agent_profile(package: ConnectorPackage, options: RunOptions | None = None) -> AgentProfile:
    """The package's agent profile (``InputUnavailable`` when the swagger cannot be read).

    Built once per package (the package's ``vetter.model.analysis.Analysis``): offline and without a
    tool list, and under the run's options (``--mcp-tools``, and the server's answer the edge
    fetched with ``--online``: ``Analysis.mcp``).
    """
    plain = package_only(options)
    if plain and package.analysis is not None:
        kept = package.analysis.agent  # asked by some fifteen rules a package: the kept profile, read at once
        if type(kept) is AgentProfile:
            return kept
    from vetter.model.analysis import analysis_of

    given = getattr(options, "mcp_tools", None) if options is not None else None
    online = bool(options is not None and getattr(options, "online", False))
    analysis = analysis_of(package)
    fetched = analysis.mcp if online else None
    slot = analysis.slot_for(options, "agent", "run_agent", plain=plain)
    return analysis.memo(slot, lambda: build(package, given, fetched))


def _server(package: ConnectorPackage) -> tuple[str, tuple[McpOperation, ...], list[Any], list[Any], Server | None, ToolList | None]:
    """The connector's kind, MCP operations, the operations beside them, health checks, server and script tools."""
    swagger = package.swagger
    marked = mcp_operations(swagger)
    kind, beside, health = kind_of(swagger, marked)
    if not marked:
        return kind, (), beside, health, None, None
    from vetter.agent.script import script_tools, tools_list_place
    from vetter.model.csx import parse_script

    script = parse_script(package)
    place = tools_list_place(script) if script is not None else None
    from_script = script_tools(script) if place is not None else None
    return kind, tuple(marked), beside, health, server(package, marked[0].operation, place), from_script


def online_server(package: ConnectorPackage) -> str | None:
    """The URL of the MCP server ``--online`` asks for its tools (a server at a fixed host), or None.

    The edge (``vetter.engine.edge``) asks it before the rules run and keeps the answer (``Analysis.mcp``).
    """
    srv = _server(package)[4]
    if srv is not None and srv.origin in ("host", "policy", "connection") and srv.url and not srv.free and srv.host:
        return srv.url
    return None


def build(package: ConnectorPackage, given: ToolList | None, fetched: Any = None) -> AgentProfile:
    """The agent profile with the tool list ``given`` (``--mcp-tools``) and the server's answer ``fetched`` (``--online``)."""
    kind, marked, beside, health, srv, from_script = _server(package)
    if not marked:
        return AgentProfile(kind, (), tuple(beside), tuple(health), None, None, ())
    considered: list[ToolList] = [t for t in (given,) if t is not None]
    if fetched is not None and fetched.tools is not None:
        considered.append(fetched.tools)
    if from_script is not None:
        considered.append(from_script)
    chosen = next((t for t in considered if t.source != "script" or t.tools), None)
    return AgentProfile(kind, marked, tuple(beside), tuple(health), srv, chosen, tuple(considered), fetched)


# -- the report's ``security.agent`` object ------------------------------------------------------
def agent_dict(package: ConnectorPackage, options: RunOptions | None, locate: Any) -> dict[str, Any] | None:
    """The agent profile as JSON data (docs/report-format.md); None when the swagger cannot be read.

    ``locate(Evidence)`` is the security export's locator (lines filled in one pass).
    """
    from vetter.base.rule import InputUnavailable
    from vetter.security.model import Evidence

    try:
        a = agent_profile(package, options)
    except InputUnavailable:
        return None

    def where(loc: Any, into: dict[str, Any]) -> dict[str, Any]:
        if loc.pointer is None or loc.file not in package.json_files:
            into.update(file=loc.file, pointer=loc.pointer, line=loc.line)
            return into
        return locate(Evidence(loc.file, loc.pointer), into)

    tools = None
    if a.is_agent:
        chosen = a.tools
        tools = {
            "known": chosen is not None,
            "source": chosen.source if chosen is not None else None,
            "origin": chosen.origin if chosen is not None else None,
            "complete": chosen.complete if chosen is not None else False,
            "count": len(chosen.tools) if chosen is not None else None,
            "hash": a.tools_hash,
            "note": _tools_note(a),
            "list": [
                where(t.at(), {"name": t.name, "description": t.description, "input_schema": t.input_schema, "hash": tool_hash(t)})
                for t in (chosen.tools if chosen is not None else ())
            ],
        }
    return {
        "kind": a.kind,
        "meaning": MEANING[a.kind],
        "operations": [
            where(m.marker.loc, {"operation_id": m.operation.id, "method": m.operation.method.upper(), "path": m.operation.path,
                                 "protocol": m.protocol if isinstance(m.protocol, str) else None, "transport": m.transport})
            for m in a.operations
        ],
        "beside": sorted(op.id for op in a.beside),
        "health_checks": sorted(op.id for op in a.health),
        "server": None if a.server is None else where(a.server.evidence, {
            "origin": a.server.origin, "url": a.server.url, "host": a.server.host, "free_text": a.server.free, "note": a.server.note}),
        "tools_known": a.tools_known,
        "tools": tools,
        "publisher_question": PUBLISHER_QUESTION if a.tools_known is False else None,
        "online": a.online.to_dict() if a.online is not None else None,
    }


def _tools_note(a: AgentProfile) -> str:
    if a.tools is not None:
        source = {"script": f"the literals of {a.tools.origin}", "file": f"the saved tools/list answer {a.tools.origin}", "online": f"the server's tools/list answer ({a.tools.origin})"}[a.tools.source]
        note = f"{len(a.tools.tools)} tool(s) from {source}."
        return f"{note} {a.tools.note}" if a.tools.note else note
    reasons = [t.note for t in a.considered if t.note]
    if a.online is not None and a.online.status != "ok":
        reasons.append(f"--online: {a.online.status}" + (f" ({a.online.error})" if a.online.error else ""))
    head = "The tools are unknown: they come from the server at run time."
    how = " Give a saved tools/list answer with --mcp-tools FILE, or use --online for a server at a fixed host."
    return " ".join([head, *reasons]) + how
