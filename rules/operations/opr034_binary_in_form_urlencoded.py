"""A form-urlencoded operation takes file content.

## Why
`application/x-www-form-urlencoded` sends `name=value` text pairs; it cannot carry a file
or raw binary. An operation that consumes it and has a `type: file` form field or a
string/binary body is rejected (StringBinaryNotSupportedForFormUrlEncoded).

## Severity
Ground: breaks — `application/x-www-form-urlencoded` carries `name=value` text: a file or
binary body cannot be sent.

## How to fix
Consume `multipart/form-data` for file uploads, or send the content base64-encoded
(`format: byte`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR034",
    name="binary-in-form-urlencoded",
    category="operations",
    severity=Severity.ERROR,
    aliases=("StringBinaryNotSupportedForFormUrlEncoded",),
    tags=("certification", "mime"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    shared = swagger.data.get("consumes")  # the list of every operation without its own (nearly all)
    shared_form: bool | None = None
    for op in swagger.operations():
        value = op.data.get("consumes", shared)  # an operation is an object
        if value is shared:
            if shared_form is None:
                shared_form = "application/x-www-form-urlencoded" in swagger.media_types(op, "consumes")
            if not shared_form:
                continue
        elif "application/x-www-form-urlencoded" not in swagger.media_types(op, "consumes"):
            continue
        for p in swagger.effective_parameters(op):
            where = p.get("in")
            if where == "formData" and p.get("type") == "file":
                yield Violation(p.at("type"), f"{op.id} consumes form-urlencoded data but '{p.get('name')}' is a file.", key=p.pointer)
            elif where == "body":
                schema = p.child("schema")
                schema = swagger.deref(schema) if schema is not None else None
                if schema is not None and schema.get("type") == "string" and schema.get("format") == "binary":
                    yield Violation(p.at("schema"), f"{op.id} consumes form-urlencoded data but its body is string/binary.", key=p.pointer)
