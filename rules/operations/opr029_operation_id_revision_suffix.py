"""A later revision of an operation does not end its operationId with the revision.

## Why
Makers tell revisions apart by the operationId; Microsoft's convention is a `_V2`, `_V3`
suffix (OperationIdShouldEndWithRevision). The exact format is not published: this rule
accepts `V<n>` at the end, with or without an underscore, in any case, for revisions of 2
and above.

## Severity
Ground: advice — the validator words it "should"; it is naming practice.

## How to fix
End the operationId of revision n with `_V<n>` (for example `ListItems_V2`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR029",
    name="operation-id-revision-suffix",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationIdShouldEndWithRevision",),
    tags=("certification", "versioning"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for op in package.swagger.operations():
        annotation = op.child("x-ms-api-annotation")
        revision = annotation.integer("revision") if annotation is not None else None
        op_id = op.operation_id
        if revision is None or revision < 2 or op_id is None:
            continue
        if not re.search(rf"v{revision}$", op_id, re.IGNORECASE):
            yield Violation(op.at("operationId"), f"{op_id} is revision {revision} but does not end with V{revision}.")
