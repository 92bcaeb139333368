"""An enum member's JSON type is not the schema's type.

## Why
`"type": "integer", "enum": ["1", "2"]` offers values the API rejects, and the designer
shows or sends the wrong type (InvalidEnumValue). Integers count as numbers; booleans are
never numbers.

## Severity
Ground: advice — the designer offers the members as they are written, so `"type": "boolean",
"enum": ["true", "false"]` or a string member in a response schema changes nothing that
runs; in a request an API may refuse a member of the wrong JSON type, which a reviewer
should check. The validator names the code (InvalidEnumValue) but no output showing it as an
error has been seen, and published connectors carry it (StaffCircle, InEight, N-able).

## How to fix
Write the members with the declared type (`[1, 2]`), or correct `type`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG009",
    name="enum-value-type-mismatch",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("InvalidEnumValue",),
    tags=("certification", "schemas"),
    section="1.1",
)


def fits(kind: str, value: Any) -> bool | None:
    """Whether a JSON value has a Swagger type; None for types this cannot judge."""
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    return None


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for node in swagger.with_keyword("enum"):
        enum = node.get("enum")
        kind = node.get("type")
        if not isinstance(enum, list) or not isinstance(kind, str):
            continue
        for i, value in enumerate(enum):
            if value is None:
                continue  # null members mean "may be empty" in many published connectors
            if fits(kind, value) is False:
                yield Violation(node.at("enum", i), f"enum member {value!r} is not of type {kind}.")
