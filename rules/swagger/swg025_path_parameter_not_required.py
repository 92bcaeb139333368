"""A path parameter is not marked required.

## Why
A URL cannot be built without its path segments, so every `in: path` parameter must say
`required: true` (PathParameterMustBeRequired); without it the designer shows the field as
optional and calls fail when it is left empty.

## Severity
Ground: breaks — the designer shows the field as optional, and the URL cannot be built when
it is left empty.

## How to fix
Add `"required": true` to the parameter.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG025",
    name="path-parameter-not-required",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("PathParameterMustBeRequired",),
    tags=("certification", "parameters"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        p = site.node
        if p.get("in") == "path" and p.get("required") is not True:
            yield Violation(p.at("required"), f"Path parameter '{p.get('name')}' is not required: true.")
