"""More than one success response of an operation has a schema.

## Why
The designer builds an action's outputs from one response schema; when several responses
carry schemas, makers see only one of them (OperationHasManyResponsesWithSchema). Error
responses (4xx, 5xx, `default`) are not counted: their schemas are documentation.

## Severity
Ground: advice — the validator words it "should"; which schema the designer uses is then not
documented.

Microsoft does not say which responses count; counting only 2xx ones is our reading (error
schemas are common in published connectors).

## How to fix
Keep the schema on the main success response; describe the others without a schema.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR014",
    name="many-responses-with-schema",
    category="operations",
    severity=Severity.WARNING,
    aliases=("OperationHasManyResponsesWithSchema",),
    tags=("certification", "responses"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        responses = op.mapping("responses")
        if responses is None or sum(1 for k in responses if k[:1] == "2") < 2:
            continue
        with_schema = [code for code, response in swagger.success_responses(op) if response.has("schema")]
        if len(with_schema) > 1:
            yield Violation(op.at("responses"), f"Operation {op.id} has schemas on {len(with_schema)} success responses ({', '.join(with_schema)}).")
