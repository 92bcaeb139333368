"""The default response of an operation has a schema.

## Why
The designer builds an action's outputs from a response schema; a schema on the `default`
response competes with the success response's, and the validator rejects it
(DefaultResponseHasSchema, observed as an error in PR #3810).

Error: observed in real validator output. It fires on 20 of the 416 published connectors in
the corpus (4.8%, for example AcuityScheduling's `GetBlockedTimes`), just under the survey's 5%
mark; those connectors were merged without meeting a check the validator has been seen to
enforce, and the designer gains nothing from the default schema.

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
            yield Violation(site.node.at("schema"), f"The default response of {site.operation.id} has a schema.")
