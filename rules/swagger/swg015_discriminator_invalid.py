"""A discriminator does not name a required string property.

## Why
A `discriminator` tells which sub-schema an object is by the value of one property; that
property must exist, be a string and be required, or the object cannot be classified
(DiscriminatorMustBeARequiredStringProperty).

## Severity
Ground: advice — Power Platform does not build inputs from `discriminator`; an invalid one
only misleads readers.

## How to fix
Name a property of the schema that is `type: string` and listed in `required`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://swagger.io/specification/v2/#schema-object
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="SWG015",
    name="discriminator-invalid",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("DiscriminatorMustBeARequiredStringProperty",),
    tags=("certification", "schemas"),
    section="1.9",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.with_keyword("discriminator"):
        name = site.get("discriminator")
        if not isinstance(site, SchemaSite):
            continue
        if not isinstance(name, str):
            continue  # a wrong JSON type: SWG001
        prop = site.child("properties", name)
        if prop is None:
            yield Violation(site.at("discriminator"), f"discriminator '{name}' is not a property of the schema.")
            continue
        kind = swagger.deref(prop).get("type")
        problems = []
        if kind != "string":
            problems.append(f"of type {kind}" if kind else "untyped")
        if name not in site.strings("required"):
            problems.append("not required")
        if problems:
            yield Violation(site.at("discriminator"), f"discriminator '{name}' is {' and '.join(problems)}; it must be a required string.")
