"""The MCP operation can be reached over plain http.

## Why
Every tool call an agent makes goes through the MCP operation: the user's request, the
data the tools return and the connection's credential (API key or token). Over plain http
anyone on the path can read or change them, including the tool list the model trusts.

## How to fix
List only `https` in the operation's (or the document's) `schemes`.

## Severity
Ground: security — credentials and conversation data travel unencrypted.

## References
- https://learn.microsoft.com/connectors/protection
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.agent.connector import effective_schemes

RULE = Rule(
    id="AGT005",
    name="mcp-endpoint-plain-http",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    profile = agent_profile(package, options)
    root = package.swagger.root
    for m in profile.operations:
        node, schemes = effective_schemes(root, m.operation)
        if "http" in schemes:
            items = node.items() if isinstance(node.data, list) else iter(())
            where = next((i for i in items if isinstance(i.data, str) and i.data.lower() == "http"), node)
            yield Violation(where.loc,
                            f"The MCP operation '{m.operation.id}' can be called over plain http: tool calls, their data and the credential travel unencrypted.",
                            key=m.operation.pointer)
