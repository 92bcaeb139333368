"""x-ms-api-annotation.replacement is incomplete or on an operation still in use.

## Why
`replacement` tells makers which operation supersedes a deprecated one. It is only
meaningful on an operation marked `deprecated: true`
(ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations), and it must name both the
connector (`api`, ApiAnnotationExtensionReplacementInfoMissingApiProperty) and the operation
(`operationId`, ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty). The finding
names its code.

## Severity
Ground: advice — the annotation only tells makers which operation replaces a deprecated one;
an incomplete or misplaced one points nowhere, and nothing runs differently.

## How to fix
Mark the operation `deprecated: true` and give `replacement` both `api` and `operationId`,
or remove `replacement`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR026",
    name="api-annotation-replacement",
    category="operations",
    severity=Severity.WARNING,
    aliases=(
        "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
        "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
        "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
    ),
    tags=("certification", "versioning"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for op in package.swagger.operations():
        replacement = op.child("x-ms-api-annotation", "replacement")
        if replacement is None or not replacement.is_object:
            continue
        if not op.deprecated:
            yield Violation(replacement.loc, f"ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations: {op.id} names a replacement but is not deprecated.")
        if not replacement.string("api"):
            yield Violation(replacement.at("api"), f"ApiAnnotationExtensionReplacementInfoMissingApiProperty: the replacement of {op.id} has no 'api'.")
        if not replacement.string("operationId"):
            yield Violation(replacement.at("operationId"), f"ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty: the replacement of {op.id} has no 'operationId'.")
