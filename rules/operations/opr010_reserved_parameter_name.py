"""A parameter is named connectionId, which the platform reserves.

## Why
Power Platform adds a `connectionId` parameter to every operation itself; a connector
parameter with that name (in any case) clashes with it (ConnectionIdParameterNotAllowed,
ReservedParameterIsUsed). Microsoft does not publish the full reserved list; `connectionId`
is the one it names.

## Severity
Ground: breaks — the platform adds its own `connectionId` parameter to every operation; a
connector parameter of that name clashes with it.

## How to fix
Rename the parameter (for example `accountConnectionId`); the platform supplies
`connectionId` itself.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR010",
    name="reserved-parameter-name",
    category="operations",
    severity=Severity.ERROR,
    aliases=("ConnectionIdParameterNotAllowed", "ReservedParameterIsUsed"),
    tags=("certification", "parameters"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        name = site.node.string("name")
        if name is not None and name.lower() == "connectionid":
            yield Violation(site.node.at("name"), f"ConnectionIdParameterNotAllowed: parameter name '{name}' is reserved by the platform.")
