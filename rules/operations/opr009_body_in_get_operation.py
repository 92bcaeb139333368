"""A GET operation has a body or formData parameter.

## Why
GET requests carry no body; the validator has a code for GET operations with `in: body` or
`in: formData` parameters (BodyOrFormDataParameterInFetchOperationNotAllowed).

## Severity
Ground: advice — HTTP stacks drop or refuse a GET body, so the parameter does nothing; the
platform's behaviour is not documented and a certified connector (DocuSign) ships one.

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
    severity=Severity.WARNING,
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
