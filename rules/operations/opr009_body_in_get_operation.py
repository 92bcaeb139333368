"""A GET operation has a body or formData parameter.

## Why
GET requests carry no body; the platform rejects GET operations with `in: body` or
`in: formData` parameters (BodyOrFormDataParameterInFetchOperationNotAllowed).

Error: worded "not allowed" by the validator.

## How to fix
Send the values as query parameters, or use POST if the API takes a body.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR009",
    name="body-in-get-operation",
    category="operations",
    severity=Severity.ERROR,
    aliases=("BodyOrFormDataParameterInFetchOperationNotAllowed",),
    tags=("certification", "parameters"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        if op.method != "get":
            continue
        for p in swagger.effective_parameters(op):
            where = p.get("in")
            if where in ("body", "formData"):
                yield Violation(p.at("in"), f"GET operation {op.id} has an in: {where} parameter.", key=op.pointer)
