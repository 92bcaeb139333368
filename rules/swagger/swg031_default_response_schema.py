"""The default response of an operation has a schema.

## Why
The designer builds an action's outputs from a response schema; a schema on the `default`
response competes with the success response's, and the validator rejects it
(DefaultResponseHasSchema, observed as an error in PR #3810).

An empty schema (`"schema": {}`) describes nothing and competes with nothing: it is a
warning (tidy it away), not the validator error a real schema is.

## Severity
Ground: blocking — the Swagger Validator reports "The 'default' response should not have
schema definition" as an error (microsoft/PowerPlatformConnectors PR #3841, 2025, and #4181,
2026); an empty schema is a warning.

## How to fix
Remove the schema from the `default` response (keep its description), and put the output
schema on the success response.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://github.com/microsoft/PowerPlatformConnectors/pull/3810
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG031",
    name="default-response-schema",
    category="swagger",
    severity=Severity.ERROR,
    aliases=("DefaultResponseHasSchema",),
    tags=("certification", "responses"),
    section="1.6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.index.responses:
        if site.operation is None or site.code != "default":
            continue
        if site.node.has("schema"):
            empty = site.node.get("schema") == {}
            what = "an empty schema" if empty else "a schema"
            yield Violation(site.node.at("schema"), f"The default response of {site.operation.id} has {what}.", severity=Severity.WARNING if empty else None)
