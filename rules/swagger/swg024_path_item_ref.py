"""A path item is a $ref.

## Why
Swagger 2.0 allows a path item to be a `$ref` to an external file, but Power Platform does
not support it (PathItemRefNotSuppored, Microsoft's spelling): the operations behind it are
never imported.

## Severity
Ground: breaks — the platform does not follow a path item `$ref`, so the operations behind
it are never imported.

## How to fix
Write the operations inline under the path key.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG024",
    name="path-item-ref",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("PathItemRefNotSuppored",),
    tags=("certification", "references"),
    section="1.3",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.refs():
        if site.context == "path-item":
            yield Violation(site.loc, "A path item may not be a $ref.")
