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
    for site in swagger.with_keyword("type"):
        data = site.data
        if data["type"] == "array" and "items" not in data and isinstance(site, SchemaSite):
            yield Violation(site.at("items"), f"The array schema{_named(site.name)} has no items.")
    for p in swagger.with_keyword("in"):
        data = p.data
        if data.get("type") == "array" and "items" not in data and data["in"] != "body" and not isinstance(p, SchemaSite):
            yield Violation(p.at("items"), f"The array parameter '{p.get('name')}' has no items.")


def _named(name: str | None) -> str:
    return f" '{name}'" if name else ""
