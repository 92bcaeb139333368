"""An operationId has characters the platform strips.

## Why
Power Platform turns operationIds into identifiers and drops characters that are not
letters, digits or underscores (OperationIdSanitized): `get-widget` and `getwidget` become
the same name, and the name makers see differs from the one in the file. Underscores are
accepted (`GetItems_V2` is Microsoft's own versioning style).

Warning: the validator words it as "should".

## How to fix
Use only letters, digits and underscores in `operationId`, in PascalCase.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR003",
    name="operation-id-sanitized",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationIdSanitized",),
    tags=("certification",),
    section="1.1",
)

_BAD = re.compile(r"[^A-Za-z0-9_]")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for op in package.swagger.operations():
        op_id = op.operation_id
        if op_id is None:
            continue
        bad = sorted(set(_BAD.findall(op_id)))
        if bad:
            shown = " ".join(repr(c) for c in bad)
            yield Violation(op.at("operationId"), f"operationId '{op_id}' has characters the platform strips: {shown}.")
