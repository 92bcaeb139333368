"""A tool or operation name mixes scripts or uses look-alike letters.

## Why
A model picks a tool by its name; a name that looks like another (`send_emaіl` with a
Cyrillic `і`, full-width letters) lets one tool pass for another in a reviewer's eyes and
in logs, while the model treats them as different tools. No legitimate tool name mixes
Latin letters with Cyrillic or Greek ones.

## How to fix
Use plain ASCII letters, digits, `_` and `-` in tool names and operationIds.

## Severity
Ground: security — a look-alike name is how a tool shadows another (Unicode TR 36, "Visual spoofing").

## References
- https://www.unicode.org/reports/tr36/
- https://modelcontextprotocol.io/specification/2025-06-18/server/tools
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import NAME_KINDS, model_texts
from vetter.base.lookalike import confusable_name

RULE = Rule(
    id="AGT015",
    name="confusable-name",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    for t in model_texts(package, options):
        if t.kind not in NAME_KINDS:
            continue
        why = confusable_name(t.text)
        if why is not None:
            yield Violation(t.location, f"The name of {t.owner} uses {why}.", key=t.kind)
