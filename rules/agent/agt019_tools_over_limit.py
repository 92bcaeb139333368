"""The MCP server lists more tools than a Copilot Studio agent takes.

## Why
Generative orchestration gives the model every tool's name and description on each turn,
and the number it accepts is capped: 128 tools per agent is the figure reported for Copilot
Studio (the same cap the model API sets on function tools), with 25-30 recommended for
good choices. A server over the cap loses tools, and the agent's choices degrade long
before it.

## How to fix
Split the server into smaller ones by task, or expose fewer, broader tools. Set
`max-tools` under `[rule-options.AGT019]` in vetter.toml if your agents are held to
another figure.

## Severity
Ground: advice — Microsoft does not publish the cap; 128 is the third-party compatibility figure (zuplo.com, "Microsoft Copilot Studio", MCP compatibility) and the model API's function-tool limit.

## References
- https://learn.microsoft.com/microsoft-copilot-studio/advanced-generative-actions
- https://zuplo.com/learn/mcp/compatibility/clients/copilot-studio
"""

from collections.abc import Iterator

from msgspec import Struct

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile

RULE = Rule(
    id="AGT019",
    name="tools-over-limit",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent",),
)


class OPTIONS(Struct, frozen=True):
    max_tools: int = 128  # tools an agent takes from one server


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    tools = agent_profile(package, options).tools
    limit = _limit(options)
    if tools is None or len(tools.tools) <= limit:
        return
    first = tools.tools[limit]
    rest = len(tools.tools) - limit - 1
    after = f" and the {rest} after it" if rest else ""
    yield Violation(first.at(), f"The server lists {len(tools.tools)} tools; an agent takes at most {limit}: tool '{first.label}'{after} would be left out.")


def _limit(options: RunOptions | None) -> int:
    own = options.rule(RULE) if options is not None and hasattr(options, "rule") else None
    return own.max_tools if isinstance(own, OPTIONS) else OPTIONS().max_tools
