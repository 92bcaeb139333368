"""An operation has responses but no 2xx response.

## Why
Flows take their outputs from the success response; without a 2xx response the designer
has nothing to show (OperationShouldHaveSuccessfulResponse). A `default` response alone does
not count.

## Severity
Ground: advice — without a 2xx response the action's outputs are undefined; the validator
words it "should". On an internal operation (a webhook's delete, a dropdown's source) makers
never see the outputs: information only.

## How to fix
Add the success response the API returns (`200`, `201`, `202` or `204`) with its schema.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR013",
    name="success-response-missing",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationShouldHaveSuccessfulResponse",),
    tags=("certification", "responses"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for op in package.swagger.operations():
        responses = op.mapping("responses")
        codes = [k for k in responses if not k.startswith("x-")] if responses else []
        if codes and not any(k.startswith("2") for k in codes):
            internal = (op.visibility or "").lower() == "internal"
            yield Violation(op.at("responses"), f"Operation {op.id} has no 2xx response (only {', '.join(sorted(codes))}).", severity=Severity.INFO if internal else None)
