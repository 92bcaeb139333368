"""scriptOperations names an operation the swagger does not have.

## Why
`properties.scriptOperations` selects the operations whose requests run through the
custom code (§2.7). A name that is not an `operationId` of the swagger (a typo, a renamed
operation) means the code never runs for the operation it was written for: the request
goes to the back end untransformed.

## Severity
Ground: advice — a name that is no operation selects nothing; whether a renamed operation
lost its script is for a reviewer to check.

## How to fix
Correct the name to the operation's `operationId`, or remove it from the list.

## Exceptions
An empty list means every operation and is not a finding.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="XFL008",
    name="script-operation-unknown",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("script", "consistency"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    props = package.properties
    if props.properties is None or props.script_operations is None:
        return
    ids = package.swagger.operations_by_id
    for item in props.properties.items("scriptOperations"):
        if isinstance(item.data, str) and item.data not in ids:
            near = package.swagger.operation_ids_any_case.get(item.data.lower())
            yield Violation(item.loc, f"scriptOperations names '{item.data}', which is not an operation of the swagger.", hint=f"Write '{near}'." if near else None)
