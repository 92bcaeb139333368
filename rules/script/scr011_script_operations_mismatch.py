"""`scriptOperations` in apiProperties does not match the swagger or the script.

## Why
`scriptOperations` lists the operations the script runs for (an empty list or no list
means every operation). An id that no swagger operation has is a mistake, and an
operation the script handles but the list leaves out never reaches the script.

## How to fix
List exactly the swagger `operationId`s the script handles, or remove `scriptOperations` so
the script runs for every operation.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.csx import operation_cases, operation_matches, parse_script

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
    ids = [op.operation_id for op in package.swagger.operations() if op.operation_id]
    node = package.properties.properties
    if node is None:  # listed is None without /properties
        return
    for i, value in enumerate(node.array("scriptOperations") or []):
        if isinstance(value, str) and value not in ids:
            yield Violation(node.at("scriptOperations", i), f"scriptOperations lists '{value}', but no operation in the swagger has that operationId.")
    script = parse_script(package)
    if script is None:
        return
    for case in operation_cases(script):
        handled = [op for op in ids if operation_matches(case, [op])]
        if handled and not any(op in listed for op in handled):
            yield Violation(Location(script.name, None, case.line, case.column),
                            f"The script handles '{case.value}', but scriptOperations does not list it, so the script never runs for it.",
                            key=f"{case.line}:{case.column}")
