"""The script handles an operation id that the swagger does not define.

## Why
The script sees the called operation in `Context.OperationId`. A branch for an id that no
operation has (a typo, an operation renamed in the swagger but not in the script) never
runs, so the operation it was meant for silently gets the default behaviour.

## Severity
Ground: advice — the branch never runs; it is dead code or a typo a reviewer should check.

## How to fix
Use the exact `operationId` of the swagger operation (ids are case-sensitive), or remove the
dead branch.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import OperationIndex, operation_cases, parse_script

RULE = Rule(
    id="SCR010",
    name="script-unknown-operation",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code", "consistency"),
    section="2.7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    ids = OperationIndex([op.operation_id for op in package.swagger.operations() if op.operation_id])
    for case in operation_cases(script):
        if not ids.matching([case]):
            how = {"prefix": "starting with ", "nocase": "(ignoring case) "}.get(case.mode, "")
            yield Violation(Location(script.name, None, case.line, case.column),
                            f"The script handles operation {how}'{case.value}', but no operation in the swagger has that operationId.",
                            key=f"{case.line}:{case.column}")
