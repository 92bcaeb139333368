"""A text the model reads asks for files, credentials or other tools' data.

## Why
An agent has the user's conversation, the results of other tools and, on a desktop, local
files. A description that tells the model to read `~/.ssh/id_rsa`, to pass an API key or
token into an argument, or to include the conversation or another tool's output in a call
turns the tool into a way to take that data out.

## How to fix
Remove the request. A tool needs only its own inputs, described as what the user provides.

## Severity
Ground: security — data exfiltration through tool arguments (MCP security best practices: tool poisoning).

## References
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
- https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import sensitive_hits, text_violations

RULE = Rule(
    id="AGT012",
    name="sensitive-request-in-text",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    yield from text_violations(package, options, sensitive_hits)
