"""An enum has no values.

## Why
`enum: []` allows no value at all, so the field can never be filled; the validator rejects
it (EnumMustContainAtLeastOneElement).

## Severity
Ground: breaks — an enum with no member allows no value, so the field can never be filled.

## How to fix
List the allowed values, or remove `enum`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG008",
    name="enum-empty",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("EnumMustContainAtLeastOneElement",),
    tags=("certification", "schemas"),
    section="1.5",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for node in swagger.with_keyword("enum"):
        if node.get("enum") == []:
            yield Violation(node.at("enum"), "enum is an empty list.")
