"""A string/binary or file schema sits where file content cannot travel.

## Why
File content travels as a whole request or response body. `type: string, format: binary`
is only valid as the top of a body or formData parameter (InvalidStringBinaryProperty), and
`type: file` only on a formData parameter or at the root of a response schema
(SchemaTypeFileNotValid; on a parameter elsewhere FileParameterMustBeInFormData). Nested in
an object, the designer cannot send or read it. The finding names its code.

## Severity
Ground: advice — nested binary content is sent or read as text (base64 in JSON) rather than
as a file; whether the API copes is for a reviewer to check, and seven certified connectors
in the corpus have such properties.

## How to fix
Make the binary the whole body (or a formData file), or send the content as a base64 string
(`format: byte`) inside the object.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="SWG017",
    name="binary-schema-misplaced",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("InvalidStringBinaryProperty", "SchemaTypeFileNotValid", "FileParameterMustBeInFormData"),
    tags=("certification", "schemas"),
    section="1.5",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.index.parameters:
        p = site.node
        if p.get("type") == "file" and p.get("in") != "formData":
            yield Violation(p.at("type"), f"FileParameterMustBeInFormData: parameter '{p.get('name')}' is type file but in: {p.get('in')}.")
    for s in swagger.with_type("file"):
        if isinstance(s, SchemaSite) and not (s.parent is None and s.role == "response"):
            yield Violation(s.at("type"), "SchemaTypeFileNotValid: type file is only valid at the root of a response schema or on a formData parameter.")
    for s in swagger.with_keyword("format"):  # fewer than the string schemas: the binary ones among them
        if s.data["format"] != "binary" or s.data.get("type") != "string" or not isinstance(s, SchemaSite):
            continue
        top = s.parent is None and s.role in ("body", "response")
        if not top and s.role not in ("definition",):
            if s.role == "items" and s.parent is not None and s.parent.parent is None and s.parent.role in ("body", "response"):
                continue  # an array of files as the whole body
            yield Violation(s.at("format"), "InvalidStringBinaryProperty: string/binary is only valid as a whole body or a formData parameter.")
