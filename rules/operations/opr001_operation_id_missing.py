"""An operation has no operationId.

## Why
The operationId is the operation's identity in Power Platform: flows and apps store it, and
dynamic extensions and triggers refer to operations by it. The validator rejects operations
without one (OperationIdRequired).

## Severity
Ground: breaks — flows, dynamic calls and policy templates refer to an operation by its
operationId; an operation without one cannot be referenced.

## How to fix
Add a unique `operationId` in PascalCase (for example `ListWidgets`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR001",
    name="operation-id-missing",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationIdRequired",),
    tags=("certification",),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for op in package.swagger.operations():
        if op.operation_id is None:
            yield Violation(op.at("operationId"), f"Operation {op.method.upper()} {op.path} has no operationId.")
