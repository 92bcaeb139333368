"""An MCP operation uses the retired Server-Sent Events transport.

## Why
`"x-ms-agentic-protocol": "mcp-sse-1.0"` marks an MCP server reached over the older
HTTP+SSE transport. Copilot Studio supports the streamable HTTP transport only: "Given that
SSE transport is deprecated, Copilot Studio no longer supports SSE for MCP after August
2025." An agent cannot use the connector's tools.

## How to fix
Serve MCP over streamable HTTP (one endpoint that takes JSON-RPC messages by POST) and mark
the operation `"x-ms-agentic-protocol": "mcp-streamable-1.0"`.

## Severity
Ground: breaks — Copilot Studio no longer connects to MCP servers over SSE (Microsoft Learn, mcp-add-existing-server-to-agent, "Supported transports").

## References
- https://learn.microsoft.com/microsoft-copilot-studio/mcp-add-existing-server-to-agent
- https://modelcontextprotocol.io/specification/2025-06-18/basic/transports
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.agent.connector import SSE, STREAMABLE

RULE = Rule(
    id="AGT001",
    name="mcp-transport-sse",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    for m in agent_profile(package, options).operations:
        if m.protocol == SSE:
            yield Violation(m.marker.loc, f"Operation '{m.operation.id}' is an MCP server over Server-Sent Events ('{SSE}'), which Copilot Studio no longer supports.",
                            hint=f"Serve MCP over streamable HTTP and mark the operation '{STREAMABLE}'.")
