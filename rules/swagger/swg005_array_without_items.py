"""An array schema or parameter does not say what its items are.

## Why
`type: array` without `items` leaves the designer unable to build an input or show the
output's fields: makers get an untyped blob (ArrayHasNoItems). Swagger 2.0 requires `items`
on array parameters and headers; for schemas it is strongly advised.

## Severity
Ground: advice — the validator words it "should"; the designer shows the array without item
fields.

## How to fix
Add `items` with the schema of one entry, for example `{"type": "string"}`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="SWG005",
    name="array-without-items",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("ArrayHasNoItems",),
    tags=("certification", "schemas"),
    section="1.2",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for node in swagger.with_type("array"):  # schema sites, then parameter objects
        data = node.data
        if "items" in data:
            continue
        if isinstance(node, SchemaSite):
            yield Violation(node.at("items"), f"The array schema{_named(node.name)} has no items.")
        elif "in" in data and data["in"] != "body":
            yield Violation(node.at("items"), f"The array parameter '{node.get('name')}' has no items.")


def _named(name: str | None) -> str:
    return f" '{name}'" if name else ""
