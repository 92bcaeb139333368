"""An MCP operation over streamable HTTP is not a POST.

## Why
In the streamable HTTP transport the client sends every JSON-RPC message (`initialize`,
`tools/list`, `tools/call`) to the one MCP endpoint with HTTP POST. An operation marked
`mcp-streamable-1.0` on GET, PUT or another method is not the endpoint the agent posts to.

## How to fix
Put the marker on a `post` operation of the MCP endpoint (Microsoft's sample: basePath
`/mcp`, path `/`, operationId `InvokeMCP`).

## Severity
Ground: breaks — the MCP specification's streamable HTTP transport sends messages by POST ("The client MUST use HTTP POST to send JSON-RPC messages to the MCP endpoint").

## References
- https://modelcontextprotocol.io/specification/2025-06-18/basic/transports
- https://learn.microsoft.com/microsoft-copilot-studio/mcp-add-existing-server-to-agent
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.agent.connector import STREAMABLE

RULE = Rule(
    id="AGT002",
    name="mcp-operation-not-post",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    for m in agent_profile(package, options).operations:
        if m.protocol == STREAMABLE and m.operation.method != "post":
            yield Violation(m.marker.loc, f"Operation '{m.operation.id}' is marked '{STREAMABLE}' but is a {m.operation.method.upper()}: agents send MCP messages by POST.")
