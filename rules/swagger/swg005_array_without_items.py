"""An array schema or parameter does not say what its items are.

## Why
`type: array` without `items` leaves the designer unable to build an input or show the
output's fields: makers get an untyped blob (ArrayHasNoItems). Swagger 2.0 requires `items`
on array parameters and headers; for schemas it is strongly advised.

Warning: worded "should" by the validator.

## How to fix
Add `items` with the schema of one entry, for example `{"type": "string"}`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

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
    for site in swagger.index.schemas:
        data = site.data
        if data.get("type") == "array" and "items" not in data:
            yield Violation(site.at("items"), f"The array schema{_named(site.name)} has no items.")
    for site in swagger.index.parameters:
        p = site.node
        if p.get("type") == "array" and not p.has("items") and p.get("in") != "body":
            yield Violation(p.at("items"), f"The array parameter '{p.get('name')}' has no items.")


def _named(name: str | None) -> str:
    return f" '{name}'" if name else ""
