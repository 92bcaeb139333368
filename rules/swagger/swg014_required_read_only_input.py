"""A request-body property is both readOnly and required.

## Why
`readOnly` properties are sent by the service only; a client never provides them. Marking
one required in a request body asks makers for a value the API will ignore or reject
(RequiredReadOnlyPropertyNotAllowedAsInput). Response and definition schemas are not
checked: there the combination is normal.

## Severity
Ground: advice — makers are asked for a value the API ignores; nothing fails.

## How to fix
Drop the property from `required` in the request schema, or remove `readOnly`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import SchemaSite

RULE = Rule(
    id="SWG014",
    name="required-read-only-input",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("RequiredReadOnlyPropertyNotAllowedAsInput",),
    tags=("certification", "schemas"),
    section="1.5",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.with_keyword("readOnly"):
        if not isinstance(site, SchemaSite) or site.role != "property" or site.data.get("readOnly") is not True or site.parent is None:
            continue
        if site.root.role != "body":
            continue
        if site.name in package.swagger.required_names(site.parent):
            yield Violation(site.at("readOnly"), f"Property '{site.name}' of a request body is readOnly and required.")
