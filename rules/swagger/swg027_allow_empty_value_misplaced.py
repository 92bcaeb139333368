"""allowEmptyValue is set on a parameter that is not in query or formData.

## Why
`allowEmptyValue` lets a query or form field be sent with no value (`?flag=`). Path,
header and body parameters have no such form, so it means nothing there (AllowEmptyValueOnlyValidForQueryFormData).

## Severity
Ground: advice — the platform ignores `allowEmptyValue` outside query and form fields.

## How to fix
Remove `allowEmptyValue`, or move the parameter to the query string or form.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation

RULE = Rule(
    id="SWG027",
    name="allow-empty-value-misplaced",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("AllowEmptyValueOnlyValidForQueryFormData",),
    tags=("certification", "parameters"),
    section="1.9",
    fix=Fixability.SAFE,  # it means nothing outside query and formData
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for site in package.swagger.index.parameters:
        p = site.node
        if p.has("allowEmptyValue") and p.get("in") not in ("query", "formData"):
            yield Violation(
                p.at("allowEmptyValue"), f"allowEmptyValue on an in: {p.get('in')} parameter '{p.get('name')}'.",
                fix=Fix("Remove allowEmptyValue", (Edit.remove(p.at("allowEmptyValue")),)),
            )
