"""Recognise an agent connector: its MCP operations, its kind and where its MCP requests go.

An operation marked ``"x-ms-agentic-protocol": "mcp-streamable-1.0"`` (or the retired
``mcp-sse-1.0``) turns the connector into an MCP server for Copilot Studio agents. The
kind is ``rest`` without one, ``mcp`` when every other operation is a health check or
internal, and ``both`` when other operations sit beside it (each a normal action).

``server(package, op, tools_list)`` says where the MCP operation's requests go, from
the security profile's egress map (``vetter.security``: the same hosts, policy templates
and connection parameters the SEC rules read), so nothing is parsed twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vetter.agent.model import McpOperation, Server
from vetter.base.rule import Location

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage

MARKER = "x-ms-agentic-protocol"
STREAMABLE = "mcp-streamable-1.0"
SSE = "mcp-sse-1.0"
PROTOCOLS = (STREAMABLE, SSE)

_HEALTH = r"(?:^|[/_.-])(?:health|healthz|healthcheck|ping|alive|liveness|readiness|ready|status|heartbeat)(?:$|[/_.-])"
_HEALTH_ID = r"health|ping|heartbeat|liveness|readiness"


def mcp_operations(swagger: Any) -> list[McpOperation]:
    """Every operation carrying the marker, in the order of the file (a marker elsewhere is XMS001's)."""
    out = []
    for site in swagger.extensions_named(MARKER):
        if site.owner == "operation" and site.operation is not None:
            out.append(McpOperation(site.operation, site.node.data, site.node))
    if len(out) > 1:  # the index walks paths in its own order; "the first" must be the first a reader sees
        out.sort(key=lambda m: swagger.file.locate(m.marker.pointer))
    return out


def is_health_check(op: Any) -> bool:
    """A read-only probe beside the server (``GET /healthz``, ``HealthCheck``): normal for MCP connectors."""
    if op.method != "get":
        return False
    return bool(re.search(_HEALTH, op.path.rstrip("/"), re.IGNORECASE) or re.search(_HEALTH_ID, op.operation_id or "", re.IGNORECASE))


def kind_of(swagger: Any, marked: list[McpOperation]) -> tuple[str, list[Any], list[Any]]:
    """``(kind, operations beside the MCP one(s), health checks)``."""
    if not marked:
        return "rest", [], []
    pointers = {m.operation.pointer for m in marked}
    beside, health = [], []
    for op in swagger.operations():
        if op.pointer in pointers:
            continue
        if is_health_check(op):
            health.append(op)
        elif op.visibility != "internal":
            beside.append(op)
    return ("both" if beside else "mcp"), beside, health


def server(package: ConnectorPackage, op: Any, script_serves: tuple[int, int] | None) -> Server:
    """Where the MCP operation ``op`` sends its requests (``Server.origin``)."""
    from vetter.security import security_profile

    swagger = package.swagger
    root = swagger.root
    profile = security_profile(package)
    url_path = _path(root, op)
    scheme = _scheme(root, op)
    api = None
    routed = None
    for h in profile.hosts:
        for f in h.found:
            if f.role == "api-host":
                api = (h, f)
            elif (f.role in ("policy-host", "policy-url", "parameterized-host") and (not f.operations or op.id in f.operations)
                  and (routed is None or f.role != "parameterized-host")):  # a policy overrides the parameterized host
                routed = (h, f)
    if script_serves is not None:
        host = api[0].host if api is not None and _real(api[0]) else None
        where = Location(package.roles["script"], None, *script_serves)  # the "tools/list" it answers
        return Server("script", f"{scheme}://{host}{url_path}" if host else None, host, False, where,
                      f"{package.roles['script']} answers the MCP calls itself (initialize, tools/list, tools/call).")
    if routed is not None:
        h, f = routed
        free = not h.fixed and ("free-text-host" in h.flags or any(not s.constrained for s in h.sources))
        origin = "connection" if f.role == "parameterized-host" or any(s.kind == "connection-parameter" for s in h.sources) else "policy"
        what = {"policy-host": "a policy template (dynamichosturl) sets the host", "policy-url": "a policy template (routerequesttoendpoint) sends the request to another URL",
                "parameterized-host": "x-ms-parameterized-host builds the host"}[f.role]
        if free:
            note = f"{what} from free text: whoever creates the connection decides which MCP server the agent talks to."
        elif h.fixed:
            note = f"{what}: '{h.host}'."
        else:
            choices = sorted({host for s in h.sources for _v, host, _g in s.choices if host})
            note = f"{what} from allowed values: " + (", ".join(choices) if choices else h.name) + "."
        url = f"{scheme}://{h.host}{url_path}" if h.fixed and h.host and f.role != "policy-url" else (f.text if h.fixed else None)
        return Server(origin, url, h.host if h.fixed else None, free, f.evidence.location, note)
    if api is not None and _real(api[0]):
        h, f = api
        return Server("host", f"{scheme}://{h.host}{url_path}", h.host, False, f.evidence.location, f"The swagger's host '{h.host}' serves the MCP calls.")
    where = root.at("host")
    host_text = root.get("host")
    if isinstance(host_text, str) and host_text.strip():
        note = f"The host '{host_text}' is a placeholder or not a public name, and nothing else sets the server: where the tools come from is not known."
    else:
        note = "The swagger has no host and no script or policy serves the MCP calls: where the tools come from is not known."
    return Server("unknown", None, None, False, where, note)


def _real(h: Any) -> bool:
    return bool(h.fixed and h.host and not h.is_placeholder and "unused" not in h.flags)


def _scheme(root: Any, op: Any) -> str:
    schemes = [s.lower() for s in (op.strings("schemes") or root.strings("schemes"))]
    return "https" if "https" in schemes or not schemes else schemes[0]


def _path(root: Any, op: Any) -> str:
    base = root.string("basePath") or ""
    path = (base.rstrip("/") + "/" + op.path.lstrip("/")) if base else op.path
    return path if path.startswith("/") else "/" + path


def effective_schemes(root: Any, op: Any) -> tuple[Any, list[str]]:
    """The node that sets the MCP operation's schemes (its own ``schemes`` or the root's) and their values."""
    if op.has("schemes"):
        return op.child("schemes") or op, [s.lower() for s in op.strings("schemes")]
    node = root.child("schemes")
    return (node if node is not None else root), [s.lower() for s in root.strings("schemes")]
