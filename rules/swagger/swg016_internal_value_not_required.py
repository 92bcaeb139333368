"""An internal parameter or property has a default but is not required.

## Why
Makers never see an `x-ms-visibility: internal` field, so its value comes only from its
`default`. If the field is optional, the platform may leave it out of the request and the
default is never sent (InternalPropertyWithDefaultOptional, PropertyMustBeRequired; the
finding names the first for properties and the second for parameters).

## Severity
Ground: advice — the platform may leave an optional internal field out, so its default is
never sent; Microsoft words the property case "should".

## How to fix
Add the field to `required` (`required: true` for a parameter), keeping its `default`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="SWG016",
    name="internal-value-not-required",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("InternalPropertyWithDefaultOptional", "PropertyMustBeRequired"),
    tags=("certification", "visibility"),
    section="1.5",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.index.parameters:
        p = site.node
        if p.get("x-ms-visibility") == "internal" and p.has("default") and p.get("required") is not True and p.get("in") != "path":
            yield Violation(p.at("required"), f"PropertyMustBeRequired: internal parameter '{p.get('name')}' has a default but is not required.")
    for s in swagger.with_keyword("default"):
        if not isinstance(s, SchemaSite) or s.role != "property" or s.parent is None or s.get("x-ms-visibility") != "internal" or "default" not in s.data:
            continue
        if s.root.role not in ("body", "definition"):
            continue
        if s.name not in swagger.required_names(s.parent):
            yield Violation(s.at("default"), f"InternalPropertyWithDefaultOptional: internal property '{s.name}' has a default but is not required.")
