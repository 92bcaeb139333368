"""A schema has an empty required list.

## Why
`required: []` says nothing and is not valid under the JSON Schema draft Swagger 2.0 uses
(it needs at least one name); the validator rejects it (RequiredPropertyArrayEmpty).

## Severity
Ground: blocking — the maker portal refuses a definition the Swagger 2.0 schema rejects
("Specified swagger has the following errors", microsoft/PowerPlatformConnectors#3930): JSON
Schema draft 4 requires at least one name in `required`.

## How to fix
List the required property names, or remove `required`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="SWG006",
    name="required-array-empty",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("RequiredPropertyArrayEmpty",),
    tags=("certification", "schemas"),
    section="1.2",
    fix=Fixability.SAFE,  # an empty list requires nothing, as no list does
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.with_keyword("required"):
        if isinstance(site, SchemaSite) and site.data.get("required") == []:
            yield Violation(site.at("required"), "required is an empty list.", fix=Fix("Remove the empty required list", (Edit.remove(site.at("required")),)))
