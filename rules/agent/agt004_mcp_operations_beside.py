"""Ordinary operations sit beside the MCP operation.

## Why
An MCP connector is usually its one MCP operation, perhaps with a health check (`GET
/healthz`). Other visible operations make it a connector of both kinds: they are actions
with fixed inputs that DLP connector action control can allow or block one by one, while
the MCP operation's tools come from the server at run time and DLP sees them as a single
operation. A reviewer should know that both are there, and that blocking the actions does
not block the tools.

## How to fix
Nothing is wrong by itself. If the REST actions duplicate tools, keep one of the two; mark
helper operations `x-ms-visibility: internal`.

## Severity
Ground: advice — information for the reviewer: a mixed connector is allowed.

## References
- https://learn.microsoft.com/power-platform/admin/connector-action-control
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile

RULE = Rule(
    id="AGT004",
    name="mcp-operations-beside",
    category="agent",
    severity=Severity.INFO,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    profile = agent_profile(package, options)
    if not profile.operations:
        return
    server = profile.operations[0].operation.id
    for op in profile.beside:
        yield Violation(op.loc, f"Operation '{op.id}' is an ordinary action beside the MCP operation '{server}': DLP can block it alone, but not the server's tools.")
