"""The script handles an operation that `scriptOperations` leaves out.

## Why
`scriptOperations` lists the operations the script runs for (an empty list or no list
means every operation). An operation the script tests for (`Context.OperationId ==
"..."`) but the list leaves out never reaches the script: that branch of the code is dead
and the request goes to the back end untransformed.

## Severity
Ground: advice — the script is not called for that operation; a reviewer should confirm the
list.

## How to fix
List every swagger `operationId` the script handles, or remove `scriptOperations` so the
script runs for every operation.

## Exceptions
An id in the list that no swagger operation has is XFL008's finding, not this rule's.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import OperationIndex, operation_cases, parse_script

RULE = Rule(
    id="SCR011",
    name="script-operations-mismatch",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code", "consistency"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    listed = package.properties.script_operations
    if not listed:
        return
    ids = OperationIndex([op.operation_id for op in package.swagger.operations() if op.operation_id])
    script = parse_script(package)
    if script is None:
        return
    runs = set(listed)
    for case in operation_cases(script):
        handled = ids.matching([case])
        if handled and not any(op in runs for op in handled):
            yield Violation(Location(script.name, None, case.line, case.column),
                            f"The script handles '{case.value}', but scriptOperations does not list it, so the script never runs for it.",
                            key=f"{case.line}:{case.column}")
