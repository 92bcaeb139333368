"""A text the model reads tells it to override its rules or to hide something.

## Why
Agents choose and call tools from their descriptions, so a description is a prompt. "Tool
poisoning" hides instructions to the model there: to ignore its own instructions, to act
as someone else, or to keep what it does from the user. Copilot Studio shows the user
neither the description nor these instructions. The same holds for the operation
descriptions of any connector an agent uses and for the Copilot plugin manifest's
`modelDescription`.

## How to fix
Describe what the tool or operation does, for the model and for people; remove every
instruction about the agent's own rules or about what to tell the user. Treat a server
that ships such text as compromised until its publisher explains it.

## Severity
Ground: security — instructions hidden from the user in model-read text are prompt injection (MCP security best practices; Microsoft's Copilot validation guidelines reject instructions in descriptions).

## References
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
- https://learn.microsoft.com/microsoftteams/platform/concepts/deploy-and-publish/appsource/prepare/review-copilot-validation-guidelines
- https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import instruction_hits, text_violations

RULE = Rule(
    id="AGT010",
    name="model-instruction-in-text",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    yield from text_violations(package, options, instruction_hits)
