"""A text the model reads tells it to send data to a URL, or to fetch one first.

## Why
A description that says "send the summary to https://..." or "before answering, fetch
https://..." makes the agent contact an address the user never chose: a way out for the
conversation's data, or a way in for more instructions. Links a description merely
mentions (documentation, sign-up pages) are not this.

## How to fix
Remove the instruction. If the tool itself calls a service, that belongs in the server's
code, not in what the model is told to do.

## Severity
Ground: security — an instruction to send data to an address is exfiltration (MCP security best practices).

## References
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import text_violations, url_hits

RULE = Rule(
    id="AGT013",
    name="url-instruction-in-text",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    yield from text_violations(package, options, url_hits)
