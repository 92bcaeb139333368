"""A schema uses uniqueItems, which Power Platform does not support.

## Why
The validator names `uniqueItems` as a Swagger keyword the platform does not support
(SwaggerKeywordNotSupported): it is not enforced, so a flow may send duplicates the API
refuses. Microsoft does not publish the full list of unsupported keywords; this rule checks
the one it names.

## Severity
Ground: advice — the keyword is ignored, so nothing changes at run time: information (two
certified connectors in the corpus carry it); the code's full trigger is not published.

## How to fix
Remove `uniqueItems` and say in the description that values must be unique.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation

RULE = Rule(
    id="SWG040",
    name="keyword-not-supported",
    category="swagger",
    severity=Severity.INFO,
    aliases=("SwaggerKeywordNotSupported",),
    tags=("certification", "schemas"),
    section="1.3",
    fix=Fixability.SAFE,  # the platform does not read it: removing it changes nothing at run time
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for node in swagger.with_keyword("uniqueItems"):
        if node.get("uniqueItems") is True:
            yield Violation(
                node.at("uniqueItems"), "uniqueItems is not supported by Power Platform.",
                fix=Fix("Remove uniqueItems", (Edit.remove(node.at("uniqueItems")),)),
            )
