"""A $ref has sibling keys, which are ignored.

## Why
In Swagger 2.0 an object with `$ref` is replaced by what it points at: every other key
beside it (`description`, `x-ms-summary`, `type`) is ignored, so the title or description
the author wrote never shows (AdditionalPropertyNotAllowedAdjacentToRef).

## Severity
Ground: advice — siblings beside `$ref` (mostly `description` and `x-ms-summary`) are
ignored, and common in published connectors; the validator lets them through.

## How to fix
Move the keys into the definition the `$ref` points to, or write the schema inline.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://swagger.io/specification/v2/#reference-object
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG029",
    name="ref-with-siblings",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("AdditionalPropertyNotAllowedAdjacentToRef",),
    tags=("certification", "references"),
    section="1.5",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.refs():
        data = site.node.data
        if len(data) < 2:
            continue
        others = sorted(k for k in data if k != "$ref")
        yield Violation(site.node.at(others[0]), f"$ref has sibling keys that are ignored: {', '.join(others)}.")
