"""A tool in the MCP server's list cannot be called as listed.

## Why
The MCP specification requires every tool to have a `name` (the handle the model calls it
by) and an `inputSchema` object (what it accepts); the `description` is a string. An entry
without a name cannot be called, and one whose schema is not an object gives the model no
inputs to fill: the agent drops it or fails when it tries.

## How to fix
Give every tool a unique `name`, a `description` string and an `inputSchema` object
(`{"type": "object", "properties": {...}}`, empty `properties` for a tool without inputs).

## Severity
Ground: breaks — a tool without a name or an object schema cannot be called (MCP specification, "Tools": name and inputSchema are required).

## References
- https://modelcontextprotocol.io/specification/2025-06-18/server/tools
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile

RULE = Rule(
    id="AGT009",
    name="tool-definition-invalid",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    tools = agent_profile(package, options).tools
    for problem in tools.problems if tools is not None else ():
        yield Violation(problem.location, problem.message, key=problem.key)
