"""A policy template applies to an operationId the swagger does not have.

## Why
`x-ms-apimTemplate-operationName` lists the operations a policy template applies to
(§4.4). An id that is not in the swagger (a typo, a renamed or removed operation) means
the policy silently never runs for the operation it was written for: the header is not
set, the host is not replaced.

## Severity
Ground: advice — an id that names no operation applies the policy to nothing; whether a
renamed operation lost its policy is for a reviewer to check.

## How to fix
Correct the operationId in `x-ms-apimTemplate-operationName`, or remove it if the
operation is gone.

## Exceptions
Operation ids are compared exactly, as the platform does.

## References
- https://learn.microsoft.com/en-us/training/modules/policy-templates-custom-connectors/
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.properties import TEMPLATE_OPERATIONS

RULE = Rule(
    id="XFL005",
    name="policy-operation-unknown",
    category="crossfile",
    severity=Severity.WARNING,
    tags=("policies", "consistency"),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    ids = package.swagger.operations_by_id
    for policy in package.properties.policy_templates():
        node = policy.node.child("parameters", TEMPLATE_OPERATIONS)
        if node is None:
            continue
        entries = [node] if isinstance(node.data, str) else list(node.items())
        for entry in entries:
            if isinstance(entry.data, str) and entry.data and entry.data not in ids:
                near = package.swagger.operation_ids_any_case.get(entry.data.lower())
                hint = f"Write '{near}'." if near else None
                yield Violation(entry.loc, f"Policy '{policy.title or policy.template_id}' applies to operation '{entry.data}', which the swagger does not define.", hint=hint)
