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

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.base import pointer as jp
from vetter.model.node import Node

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
        responses = op.get("responses")
        if not isinstance(responses, dict):
            continue
        for code in ("200", "201"):  # of the 2xx responses in code order, the first of these two without a schema
            if code not in responses:
                continue
            written = responses[code]
            if isinstance(written, dict) and "schema" in written and "$ref" not in written:
                continue  # the common case, without a node
            response = swagger.deref(Node(op.file, jp.join(op.pointer, "responses", code), written))
            if not response.has("schema"):
                yield Violation(response.at("schema"), f"The {code} response of {op.id} has no schema.", key=code)
                break
    paths = swagger.data.get("paths")
    for path, item in paths.items() if isinstance(paths, dict) else ():
        content = item.get("x-ms-notification-content") if isinstance(item, dict) else None
        if isinstance(content, dict) and "schema" not in content:
            where = Location(swagger.file.name, jp.join("/paths", path, "x-ms-notification-content", "schema"))
            yield Violation(where, f"x-ms-notification-content of {path} has no schema.")
