"""More than one operation is marked as an MCP server.

## Why
Copilot Studio's documentation and Microsoft's samples describe one MCP operation per
connector: the agent lists the tools of that one server. With several marked operations a
reviewer cannot tell which server's tools an agent gets, and approving the connector no
longer pins one tool list.

## How to fix
Keep one operation with `x-ms-agentic-protocol`; publish another server as its own
connector.

## Severity
Ground: advice — Microsoft documents one MCP operation per connector; what the platform does with several is not documented.

## References
- https://learn.microsoft.com/microsoft-copilot-studio/mcp-add-existing-server-to-agent
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile

RULE = Rule(
    id="AGT003",
    name="mcp-operation-repeated",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    ops = agent_profile(package, options).operations
    for m in ops[1:]:
        yield Violation(m.marker.loc, f"Operation '{m.operation.id}' is a second MCP server beside '{ops[0].operation.id}'.")
