"""A text the model reads carries a tagged or hidden block.

## Why
Poisoned tool descriptions wrap their instructions in blocks the model gives weight to and
people skim past: `<IMPORTANT>...</IMPORTANT>`, `<system>`, `[INST]`, chat-template tokens
(`<|im_start|>`), or an HTML comment that a rendered page never shows. A plain
description needs none of them.

## How to fix
Remove the block; if it held useful guidance, write it as ordinary text of the description.

## Severity
Ground: security — the known shape of tool poisoning; warning, as a tag alone does not say what it asks.

## References
- https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import tag_hits, text_violations

RULE = Rule(
    id="AGT011",
    name="hidden-block-in-text",
    category="agent",
    severity=Severity.WARNING,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    yield from text_violations(package, options, tag_hits)
