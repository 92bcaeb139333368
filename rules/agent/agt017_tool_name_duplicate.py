"""Two tools share a name, or names that differ only in case or look-alike letters.

## Why
The model calls a tool by name. Two tools with one name cannot both be called (the agent
keeps one, which one is not defined), and names that differ only in case, `_`/`-`, or a
look-alike letter (`send_email`, `sendEmail`, `send_emaіl`) let one tool stand in for the
other: the shadowing a reviewer cannot see in a list.

## How to fix
Give every tool a distinct name; remove the copy, or rename one so that it says what is
different.

## Severity
Ground: breaks — of two tools with one name only one can be called (MCP requires unique names); a near duplicate is a warning on the security ground (a look-alike shadows the other).

## References
- https://modelcontextprotocol.io/specification/2025-06-18/server/tools
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.agent.texts import fold

RULE = Rule(
    id="AGT017",
    name="tool-name-duplicate",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    tools = agent_profile(package, options).tools
    exact: dict[str, str] = {}
    near: dict[str, str] = {}
    for tool in tools.tools if tools is not None else ():
        if tool.name is None:
            continue
        if tool.name in exact:
            yield Violation(tool.at("name"), f"Tool '{tool.name}' (entry {tool.position + 1}) repeats the name of an earlier tool: only one of them can be called.", key=f"exact:{tool.position}")
        elif fold(tool.name) in near:
            yield Violation(tool.at("name"), f"Tool '{tool.name}' can be taken for '{near[fold(tool.name)]}': the names differ only in case, separators or look-alike letters.",
                            key=f"near:{tool.position}", severity=Severity.WARNING)
        exact.setdefault(tool.name, tool.name)
        near.setdefault(fold(tool.name), tool.name)
