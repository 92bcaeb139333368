"""Whoever creates the connection chooses the MCP server.

## Why
When a connection parameter or a routing policy template (`dynamichosturl`,
`routerequesttoendpoint`, `x-ms-parameterized-host`) builds the MCP server's host from free
text, each connection can point the agent at any server, and its tools with it. Nothing a
reviewer approved about the tools holds for another server, the tool list cannot be pinned,
and DLP endpoint filtering cannot see a host built at run time.

## How to fix
Fix the host in the swagger, or give the connection parameter `allowedValues` (one per
region or instance) so the server is one of a known set.

## Severity
Ground: security — an approved connector can be pointed at a server nobody reviewed (warning, as SEC013 for any free-text host).

## References
- https://learn.microsoft.com/connectors/custom-connectors/policy-templates/dynamichosturl/dynamichosturl
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile

RULE = Rule(
    id="AGT007",
    name="mcp-server-user-chosen",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    server = agent_profile(package, options).server
    if server is not None and server.free:
        yield Violation(server.evidence, server.note)
