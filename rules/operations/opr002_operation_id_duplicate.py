"""Two operations share an operationId.

## Why
Flows refer to an action by its operationId; two operations with the same id make one of
them unreachable and the validator rejects the file (OperationIdNotUnique). Ids are compared
as written; ids that differ only by case are reported too, since the platform's lookups are
not guaranteed to be case-sensitive.

## Severity
Ground: breaks — flows refer to an action by its operationId; of two operations with one id,
one is unreachable.

## How to fix
Give each operation its own `operationId`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR002",
    name="operation-id-duplicate",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationIdNotUnique",),
    tags=("certification",),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    first: dict[str, str] = {}
    for op in package.swagger.operations():
        op_id = op.operation_id
        if op_id is None:
            continue
        other = first.get(op_id.lower())
        if other is None:
            first[op_id.lower()] = f"{op.method.upper()} {op.path}"
            continue
        yield Violation(op.at("operationId"), f"operationId '{op_id}' is already used by {other}.")
