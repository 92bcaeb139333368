"""An operation is in Production while the connector is in Preview.

## Why
An operation cannot be further along than the connector it belongs to: with
`info.x-ms-api-annotation.status` Preview, an operation annotated `status: Production`
contradicts it (OperationStatusAheadOfConnector). When the connector states no status, the
validator's default is said to be Preview, but certified connectors publish Production
operations without a connector status (4 of the 282 in the corpus, DocumentsCorePack among
them): that case is only information.

## Severity
Ground: advice — a status annotation changes how the designer labels an operation, not
whether it runs; no validator output rejecting it has been seen. Warning when the connector
says Preview, info when it says nothing.

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
    severity=Severity.WARNING,
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
            if status is None:
                yield Violation(annotation.at("status"), f"{op.id} is Production but the connector states no status (Preview by default).", severity=Severity.INFO)
            else:
                yield Violation(annotation.at("status"), f"{op.id} is Production but the connector is {status}.")
