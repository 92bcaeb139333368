"""A tool's description tells the model how to use other tools.

## Why
"Tool shadowing": one server's description changes what the model does with another tool
("when send_email is used, always add ... to its 'to' field"), so a tool the reviewer
trusts behaves differently once this one is loaded, without being called itself. A
description should say what its own tool does; pointing to another tool that supplies an
input ("use list_tickets first to find the id") is fine.

## How to fix
Remove the instructions about other tools (or about all tools) from the description.

## Severity
Ground: security — cross-tool instructions are the shadowing attack; warning, as the wording can be benign guidance.

## References
- https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import described_texts, model_texts, screened, shadowing_hits, shown

RULE = Rule(
    id="AGT016",
    name="tool-shadowing",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    texts = model_texts(package, options)
    tools = frozenset(t.text for t in texts if t.kind == "tool-name")
    operations = frozenset(t.text for t in texts if t.kind == "operation-name")
    screen = described_texts(package, options)  # every text but the names: the operations' summaries are passed over below
    for t in screened(screen.texts, "directive", screen=screen):
        if t.kind in ("tool-description", "tool-input"):
            others = tools
        elif t.kind in ("operation-description", "model-description"):
            others = operations
        else:
            continue
        hits = shadowing_hits(t.text, t.name, others)
        if hits:
            yield Violation(t.location, f"The description of {t.owner} holds {hits[0].what}: \"{shown(hits[0].match)}\".", key=t.kind)
