"""A tool says it only reads, yet takes inputs that sound like changes.

## Why
Agents (and Microsoft 365 Copilot's confirmation prompts, through `readOnlyHint`) treat a
read-only tool as safe to call without asking. A description that promises "read-only" or
"never changes anything" beside inputs such as `deleteAfterExport` or `update` deserves a
look: either the promise or the input is wrong.

## How to fix
Make the description and annotations say what the tool changes, or remove the inputs that
change things from the read-only tool.

## Severity
Ground: advice — a note for the reviewer; input names alone do not prove a write.

## References
- https://modelcontextprotocol.io/specification/2025-06-18/server/tools
- https://learn.microsoft.com/microsoft-365-copilot/extensibility/plugin-confirmation-prompts
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent import agent_profile
from vetter.agent.texts import input_properties, read_only_claim, write_like

RULE = Rule(
    id="AGT020",
    name="read-only-claim-write-inputs",
    category="agent",
    severity=Severity.INFO,
    tags=("agent",),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    tools = agent_profile(package, options).tools
    for tool in tools.tools if tools is not None else ():
        claim = read_only_claim(tool.description)
        hinted = bool(tool.annotations and tool.annotations.get("readOnlyHint") is True)
        if claim is None and not hinted:
            continue
        writes = [name for _keys, name, _prop in input_properties(tool.input_schema) if write_like(name)]
        if writes:
            said = f"says \"{claim}\"" if claim is not None else "is annotated readOnlyHint"
            where = tool.at("description") if claim is not None else tool.at("annotations", "readOnlyHint")
            yield Violation(where, f"Tool '{tool.label}' {said} but takes {', '.join(repr(w) for w in writes)}.")
