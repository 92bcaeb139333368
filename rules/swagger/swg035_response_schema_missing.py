"""A 200 or 201 response, or a webhook's notification content, has no schema.

## Why
Without a schema on the success response (or, for a webhook trigger, in
`x-ms-notification-content`), the designer shows no dynamic content after the step, so
makers cannot use its output (SchemaDefinitionSetIncorrectly). Operations that return
nothing should answer `204` or `202` instead.

## Severity
Ground: advice — many actions that return nothing useful declare a bare `200`; a missing
schema is advice for authors (the validator says "should").

## How to fix
Add the response schema, or use `204 No Content` for operations without output.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG035",
    name="response-schema-missing",
    category="swagger",
    severity=Severity.INFO,
    aliases=("SchemaDefinitionSetIncorrectly",),
    tags=("certification", "responses"),
    section="1.6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        for code, response in swagger.success_responses(op):
            if code in ("200", "201") and not response.has("schema"):
                yield Violation(response.at("schema"), f"The {code} response of {op.id} has no schema.", key=code)
                break
    paths = swagger.root.child("paths")
    for path, item in paths.entries() if paths is not None else ():
        content = item.child("x-ms-notification-content") if item.is_object else None
        if content is not None and content.is_object and not content.has("schema"):
            yield Violation(content.at("schema"), f"x-ms-notification-content of {path} has no schema.")
