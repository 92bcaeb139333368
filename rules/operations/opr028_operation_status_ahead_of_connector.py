"""An operation is in Production while the connector is in Preview.

## Why
An operation cannot be further along than the connector it belongs to: with
`info.x-ms-api-annotation.status` Preview (the default when absent), an operation annotated
`status: Production` is rejected (OperationStatusAheadOfConnector).

Error: worded "must" by the validator.

## How to fix
Mark the operation Preview, or the connector (`info.x-ms-api-annotation.status`) Production.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR028",
    name="operation-status-ahead-of-connector",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationStatusAheadOfConnector",),
    tags=("certification", "versioning"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    connector = swagger.root.child("info", "x-ms-api-annotation")
    status = connector.get("status") if connector is not None else None
    if status == "Production":
        return
    for op in swagger.operations():
        annotation = op.child("x-ms-api-annotation")
        if annotation is not None and annotation.get("status") == "Production":
            yield Violation(annotation.at("status"), f"{op.id} is Production but the connector is {status or 'Preview (by default)'}.")
